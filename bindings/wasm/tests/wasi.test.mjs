// The wasm32-wasip1 build of the CLI, run sandboxed under Node's WASI:
// `scrubjay scrub` reads stdin and writes what the native build writes.
// $SCRUBJAY_WASI_CLI names the module (default
// target/wasm32-wasip1/release/scrubjay.wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WASI } from 'node:wasi';
import { targetDir } from './helpers.mjs';

const cli = process.env.SCRUBJAY_WASI_CLI || path.join(targetDir, 'wasm32-wasip1/release/scrubjay.wasm');
const corpusDir = process.env.SCRUBJAY_CORPUS_DIR || path.join(targetDir, 'wasm-corpus');
const module = await WebAssembly.compile(fs.readFileSync(cli));

/** Runs the CLI with `args` and `input` on stdin; returns exit code, stdout, stderr. */
async function run(args, input, preopens = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scrubjay-wasi-'));
  const files = ['stdin', 'stdout', 'stderr'].map((n) => path.join(tmp, n));
  fs.writeFileSync(files[0], input);
  const [stdin, stdout, stderr] = [fs.openSync(files[0], 'r'), fs.openSync(files[1], 'w'), fs.openSync(files[2], 'w')];
  try {
    const wasi = new WASI({ version: 'preview1', args: ['scrubjay', ...args], env: {}, stdin, stdout, stderr, preopens, returnOnExit: true });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    const code = wasi.start(instance);
    return { code, stdout: fs.readFileSync(files[1], 'utf8'), stderr: fs.readFileSync(files[2], 'utf8') };
  } finally {
    for (const fd of [stdin, stdout, stderr]) fs.closeSync(fd);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

test('scrub reads stdin and writes the scrubbed text', async () => {
  const r = await run(['scrub'], 'mail ada@example.com\nip 10.0.0.1\nclean line\n');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'mail [email]\nip [ipv4]\nclean line\n');
});

test('scrub --format json over stdin', async () => {
  const r = await run(['scrub', '--format', 'json'], '{"user": {"email": "ada@example.com"}, "password": "x"}');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '{"user": {"email": "[email]"}, "password": "[sensitive_key]"}');
});

test('scan exits 1 with findings; bad arguments are a clean error', async () => {
  const scan = await run(['scan'], 'ada@example.com\n');
  assert.equal(scan.code, 1);
  assert.match(scan.stdout, /email/);
  const bad = await run(['scrub', '--no-such-flag'], '');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--no-such-flag/);
});

test('the sandbox only sees what it is given: no config file without a preopen', async () => {
  const r = await run(['scrub', '--config', '/etc/passwd'], 'x');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /cannot read config/);
});

test('identical to the native build on the typical-logs corpus', async () => {
  const text = fs.readFileSync(path.join(corpusDir, 'typical_logs.txt'), 'utf8');
  const native = JSON.parse(fs.readFileSync(path.join(corpusDir, 'typical_logs.native.json'), 'utf8'));
  const r = await run(['scrub'], text);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout === native.output, 'the WASI CLI output differs from the native scrubber');
});
