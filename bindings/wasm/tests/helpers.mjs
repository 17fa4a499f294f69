// Shared helpers of the wasm package tests: where things are, the package
// under test, and UTF-8 byte offsets to UTF-16 indices (written here
// independently of the binding, so the tests check its conversion).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(wasmDir, '../..');
export const pkgDir = path.join(wasmDir, 'pkg');
export const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
  : path.join(repoRoot, 'target');

const require = createRequire(import.meta.url);
/** The package's Node entry (what `require('scrubjay-wasm')` loads). */
export const { Scrubber } = require(path.join(pkgDir, 'scrubjay_wasm_node.cjs'));

/** The UTF-16 index of UTF-8 byte offset `byte` in `text`. */
export function utf16Index(text, byte) {
  let bytes = 0;
  let units = 0;
  for (const ch of text) {
    if (bytes >= byte) break;
    const cp = ch.codePointAt(0);
    // A lone surrogate is U+FFFD (3 bytes) on the Rust side.
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    units += ch.length;
  }
  return units;
}

/** The value at an RFC 6901 JSON Pointer. */
export function atPointer(value, pointer) {
  if (pointer === '') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((v, key) => (v == null ? undefined : v[key]), value);
}

/** Core JSON findings (byte offsets) as the JS API reports them. */
export function jsonFindingsToUtf16(doc, findings) {
  const parsed = JSON.parse(doc);
  return findings.map((f) => {
    const value = atPointer(parsed, f.pointer);
    if (typeof value !== 'string') return { ...f };
    return { ...f, start: utf16Index(value, f.start), end: utf16Index(value, f.end) };
  });
}

/** Asserts that `fn` throws an Error with `code` (and a message matching `message`, if given). */
export function throwsCode(assert, fn, code, message) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `expected an Error, got ${e}`);
    assert.equal(e.code, code, `code of: ${e.message}`);
    if (message !== undefined) assert.match(e.message, message);
    return true;
  });
}
