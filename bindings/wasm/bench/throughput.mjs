// Throughput of the wasm package under Node on the benchmark corpora, next
// to the native build measured in the same run (the native numbers come
// from `dump-corpus`'s corpora scrubbed by the CLI built for this machine).
// Usage: make bench-wasm   (or: node bench/throughput.mjs [seconds per measurement])
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Scrubber, targetDir, repoRoot } from '../tests/helpers.mjs';

const secs = Number(process.argv[2] ?? 2);
const dir = path.join(targetDir, 'wasm-corpus');

/** Best of five runs of about secs/5 each, in MB/s. */
function mbps(bytes, fn) {
  fn();
  let best = 0;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    let n = 0;
    while (performance.now() - t < (secs * 1000) / 5) {
      fn();
      n++;
    }
    best = Math.max(best, (bytes * n) / ((performance.now() - t) / 1000) / 1e6);
  }
  return best;
}

let t = performance.now();
const s = new Scrubber();
const firstBuild = performance.now() - t;
const builds = [];
for (let i = 0; i < 11; i++) {
  t = performance.now();
  new Scrubber().free();
  builds.push(performance.now() - t);
}
builds.sort((a, b) => a - b);
console.log(`build default Scrubber: first ${firstBuild.toFixed(1)} ms, median ${builds[5].toFixed(1)} ms`);

// Native: the release CLI over the same file, best of five, minus its start-up on an empty file.
const cli = path.join(targetDir, 'release/scrubjay');
const hasCli = fs.existsSync(cli);
const timeCli = (file) => {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    execFileSync(cli, ['scrub', file], { maxBuffer: 1 << 28 });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};
const empty = path.join(dir, 'empty.txt');
fs.writeFileSync(empty, '');
const startup = hasCli ? timeCli(empty) : 0;

console.log(`${'corpus'.padEnd(14)} ${'scrub MB/s'.padStart(11)} ${'find MB/s'.padStart(10)} ${'native CLI MB/s'.padStart(16)} ${'wasm/native'.padStart(12)}`);
for (const name of ['clean_logs', 'typical_logs', 'dense_logs', 'document_1mb']) {
  const file = path.join(dir, `${name}.txt`);
  const text = fs.readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  const scrub = mbps(bytes, () => s.scrub(text));
  const find = mbps(bytes, () => s.find(text));
  const native = hasCli ? bytes / ((timeCli(file) - startup) / 1000) / 1e6 : NaN;
  console.log(`${name.padEnd(14)} ${scrub.toFixed(1).padStart(11)} ${find.toFixed(1).padStart(10)} ${native.toFixed(0).padStart(16)} ${(scrub / native).toFixed(3).padStart(12)}`);
}
if (!hasCli) console.log(`(no native CLI at ${path.relative(repoRoot, cli)}: run cargo build --release -p scrubjay-cli for the native column)`);
