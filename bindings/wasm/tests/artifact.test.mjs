// The shipped module: within the size budget, function names kept for
// readable stack traces, no DWARF, and a debug file with the DWARF and the
// same build id. Prints the sizes (recorded in docs/PERFORMANCE.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { pkgDir } from './helpers.mjs';

// The budget for the default build: 1.5 MB before compression,
// 500 KB gzipped, in binary units (MiB, KiB), gzipped by `gzip -9` (GNU
// gzip; zlib's level 9, as in Node or nginx, comes out ~3.5% larger and
// is printed too).
const MAX_BYTES = 1.5 * 1024 * 1024;
const MAX_GZIP_BYTES = 500 * 1024;

const release = fs.readFileSync(path.join(pkgDir, 'scrubjay_wasm_bg.wasm'));
const debug = fs.readFileSync(path.join(pkgDir, 'scrubjay_wasm_bg.debug.wasm'));
const releaseModule = new WebAssembly.Module(release);
const debugModule = new WebAssembly.Module(debug);

const hex = (buf) => Buffer.from(buf).toString('hex');
const sectionNames = (m) => {
  // WebAssembly.Module.customSections needs a name; list the known ones.
  const names = ['name', 'build_id', 'external_debug_info', '.debug_info', '.debug_line', '.debug_abbrev', '.debug_str', '.debug_ranges', 'producers'];
  return names.filter((n) => WebAssembly.Module.customSections(m, n).length > 0);
};

/** A build_id section's id: a LEB128 length, then the bytes. */
function buildId(m) {
  const sections = WebAssembly.Module.customSections(m, 'build_id');
  assert.equal(sections.length, 1, 'exactly one build_id section');
  const bytes = new Uint8Array(sections[0]);
  let len = 0;
  let shift = 0;
  let i = 0;
  for (;;) {
    const b = bytes[i++];
    len |= (b & 0x7f) << shift;
    shift += 7;
    if (b < 0x80) break;
  }
  assert.equal(bytes.length - i, len, 'the length prefix matches');
  return hex(bytes.subarray(i));
}

test('the release module is within the size budget', () => {
  const gzipped = execFileSync('gzip', ['-9', '-c'], { input: release, maxBuffer: 1 << 26 }).length;
  const zlibbed = zlib.gzipSync(release, { level: 9 }).length;
  console.log(`scrubjay_wasm_bg.wasm: ${release.length} bytes (${(release.length / 1024 / 1024).toFixed(3)} MiB), ` +
    `gzip -9: ${gzipped} bytes (${(gzipped / 1024).toFixed(1)} KiB), zlib level 9: ${zlibbed} bytes; ` +
    `debug file ${debug.length} bytes`);
  assert.ok(release.length <= MAX_BYTES, `${release.length} bytes > budget ${MAX_BYTES}`);
  assert.ok(gzipped <= MAX_GZIP_BYTES, `${gzipped} gzipped bytes > budget ${MAX_GZIP_BYTES}`);
});

test('the release module keeps function names and ships no DWARF', () => {
  const names = sectionNames(releaseModule);
  assert.ok(names.includes('name'), 'name section present');
  assert.ok(!names.some((n) => n.startsWith('.debug_')), `no DWARF: ${names}`);
  const nameSection = Buffer.from(WebAssembly.Module.customSections(releaseModule, 'name')[0]).toString('latin1');
  for (const fn of ['scrubjay::scrubber::Scrubber::new', 'regex_automata::', 'scrubjay_wasm::']) {
    assert.ok(nameSection.includes(fn), `${fn} named`);
  }
  assert.ok(!/::h[0-9a-f]{16}/.test(nameSection), 'symbol hashes stripped');
});

test('the debug file carries the DWARF and the same build id', () => {
  const names = sectionNames(debugModule);
  for (const s of ['.debug_info', '.debug_line', 'name']) assert.ok(names.includes(s), `${s} in the debug file`);
  const id = buildId(releaseModule);
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(buildId(debugModule), id, 'the ids match');
  const url = Buffer.from(WebAssembly.Module.customSections(releaseModule, 'external_debug_info')[0]);
  assert.equal(url.subarray(1).toString(), 'scrubjay_wasm_bg.debug.wasm', 'the release module names its debug file');
});

test('the release module and the debug file have the same code', () => {
  // The same exports and imports, and the debug file runs the same.
  const shape = (m) => JSON.stringify([WebAssembly.Module.exports(m), WebAssembly.Module.imports(m)]);
  assert.equal(shape(debugModule), shape(releaseModule));
});
