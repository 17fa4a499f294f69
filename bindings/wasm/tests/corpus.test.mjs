// The wasm build gives exactly what the native build gives on the
// benchmark corpora (benches/src/lib.rs). The native side is written by
// `dump-corpus` (bindings/wasm/tools) into $SCRUBJAY_CORPUS_DIR (default
// target/wasm-corpus); `make test-wasm` runs it first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Scrubber, targetDir, utf16Index, jsonFindingsToUtf16 } from './helpers.mjs';

const dir = process.env.SCRUBJAY_CORPUS_DIR || path.join(targetDir, 'wasm-corpus');
const s = new Scrubber();

/** Byte offsets to UTF-16 indices, in one pass (findings are in order). */
function toUtf16(text, findings) {
  if (/^[\x00-\x7f]*$/.test(text)) return findings;
  // Prefix sums of UTF-8 lengths at each UTF-16 index would cost memory; walk instead.
  const out = [];
  let bytes = 0;
  let units = 0;
  let i = 0;
  const advance = (target) => {
    while (bytes < target && i < text.length) {
      const cp = text.codePointAt(i);
      const len = cp > 0xffff ? 2 : 1;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      units += len;
      i += len;
    }
    return units;
  };
  for (const f of findings) out.push({ ...f, start: advance(f.start), end: advance(f.end) });
  return out;
}

for (const name of ['clean_logs', 'typical_logs', 'dense_logs', 'document_1mb']) {
  test(`${name}: identical output and findings`, () => {
    const text = fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8');
    const native = JSON.parse(fs.readFileSync(path.join(dir, `${name}.native.json`), 'utf8'));
    const output = s.scrub(text);
    assert.ok(output === native.output, `${name}: the scrubbed text differs from the native build's`);
    const found = s.find(text);
    assert.equal(found.length, native.findings.length, 'number of findings');
    assert.deepEqual(found, toUtf16(text, native.findings));
    // Spot-check the conversion against the independent helper.
    if (found.length > 0) {
      const last = native.findings[native.findings.length - 1];
      assert.equal(found[found.length - 1].start, utf16Index(text, last.start));
    }
  });
}

test('json events: identical documents and findings', () => {
  const events = JSON.parse(fs.readFileSync(path.join(dir, 'json_events.native.json'), 'utf8'));
  assert.ok(events.length >= 100);
  let findings = 0;
  for (const e of events) {
    const r = s.scrubJsonWithReport(e.input);
    assert.equal(r.text, e.output);
    assert.deepEqual(r.findings, jsonFindingsToUtf16(e.input, e.findings));
    findings += r.findings.length;
  }
  assert.ok(findings > 0);
});
