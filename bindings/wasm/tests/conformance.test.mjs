// The conformance corpus (conformance/cases.json), run through the wasm
// package: every binding must give the same outputs and findings. The
// corpus states UTF-8 byte offsets; the JS API reports UTF-16 indices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Scrubber, repoRoot, utf16Index, jsonFindingsToUtf16 } from './helpers.mjs';

const corpus = JSON.parse(fs.readFileSync(path.join(repoRoot, 'conformance/cases.json'), 'utf8'));

function scrubberFor(config) {
  return new Scrubber(config);
}

test('the corpus has cases of every kind', () => {
  const kinds = new Set(corpus.cases.map((c) => c.kind));
  assert.deepEqual([...kinds].sort(), ['bytes', 'config_error', 'json', 'text']);
});

for (const c of corpus.cases) {
  if (c.kind === 'bytes') {
    test(`${c.name} (skipped)`, { skip: 'bytes cases hold invalid UTF-8, which a JS string cannot carry; the JS API takes strings' }, () => {});
    continue;
  }
  test(c.name, () => {
    if (c.kind === 'config_error') {
      for (const config of [c.config, JSON.stringify(c.config)]) {
        assert.throws(() => scrubberFor(config), (e) => {
          assert.ok(e instanceof Error);
          assert.equal(e.code, 'SCRUBJAY_CONFIG');
          assert.equal(e.message, c.error);
          return true;
        });
      }
      return;
    }
    // The config both as an object and as JSON text.
    for (const config of [c.config, c.config === null ? undefined : JSON.stringify(c.config)]) {
      const s = scrubberFor(config);
      if (c.kind === 'text') {
        assert.equal(s.scrub(c.input), c.output);
        const want = c.findings.map((f) => ({ ...f, start: utf16Index(c.input, f.start), end: utf16Index(c.input, f.end) }));
        assert.deepEqual(s.find(c.input), want);
        const withText = s.find(c.input, { text: true });
        assert.deepEqual(withText.map((f) => f.text), want.map((f) => c.input.slice(f.start, f.end)));
      } else if (c.kind === 'json') {
        const want = jsonFindingsToUtf16(c.input, c.findings);
        assert.equal(s.scrubJsonString(c.input), c.output);
        assert.deepEqual(s.scrubJsonWithReport(c.input), { text: c.output, findings: want });
        assert.deepEqual(s.reportJson(c.input), want);
        // As a value: the same document, parsed. (Numbers are re-spelled by
        // JSON.stringify, so only the scrubbed value is compared.)
        const value = JSON.parse(c.input);
        const before = structuredClone(value);
        assert.deepEqual(s.scrubJson(value), JSON.parse(c.output));
        assert.deepEqual(value, before, 'the argument is not modified');
      }
    }
  });
}
