'use strict'
// Offsets are UTF-16 code unit indices: `text.slice(start, end)` is the finding,
// whatever comes before it (accents, CJK, emoji, lone surrogates).

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Scrubber } = require('..')
const { utf8ToUtf16 } = require('./conformance.js')

const s = new Scrubber()

test('find offsets after non-ASCII text slice out the finding', () => {
  const prefixes = ['', 'é', 'café ', '日本語 ', '😀', '😀😀 👩‍👩‍👧 ', 'Ωμέγα ', '\u0000', 'ß'.repeat(100)]
  for (const p of prefixes) {
    const text = `${p}mail ada@example.com and 10.0.0.1 ✓ ${p}`
    const found = s.find(text)
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      ['ada@example.com', '10.0.0.1'],
      JSON.stringify(p),
    )
    assert.equal(found[0].start, p.length + 5)
  }
})

test('findings that contain non-ASCII characters', () => {
  const t = new Scrubber({ rules: { names: { terms: ['Zoë Ünal', '山田太郎'] } } })
  const text = '😀 Zoë Ünal met 山田太郎 😀'
  const found = t.find(text, { text: true })
  assert.deepEqual(
    found.map((f) => f.text),
    ['Zoë Ünal', '山田太郎'],
  )
  assert.equal(t.scrub(text), '😀 [names] met [names] 😀')
})

test('lone surrogates: offsets stay right; a clean string comes back as it was', () => {
  const lone = '\ud83d'
  const text = `${lone} ada@example.com ${lone}`
  assert.deepEqual(s.find(text, { text: true }).map((f) => [f.start, f.text]), [[2, 'ada@example.com']])
  // Nothing found: the very same string, lone surrogate included.
  const clean = `a${lone}b`
  assert.equal(s.scrub(clean), clean)
  // Scrubbed: the output is built from UTF-8, where a lone surrogate reads as U+FFFD.
  assert.equal(s.scrub(text), '\ufffd [email] \ufffd')
})

test('JSON report offsets are UTF-16 indices into the decoded string values', () => {
  const value = { m: '😀 日本 ada@example.com', k: 'é', nested: [{ x: 'Ωmega 10.0.0.1' }] }
  for (const doc of [JSON.stringify(value), JSON.stringify(value, null, 2), JSON.stringify(value).replace('😀', '\\ud83d\\ude00')]) {
    const r = s.scrubJsonWithReport(doc)
    const parsed = JSON.parse(doc)
    assert.deepEqual(
      r.findings.map((f) => {
        const v = f.pointer === '/m' ? parsed.m : parsed.nested[0].x
        return v.slice(f.start, f.end)
      }),
      ['ada@example.com', '10.0.0.1'],
      doc,
    )
    assert.deepEqual(s.reportJson(doc), r.findings)
    assert.deepEqual(s.reportJson(value), r.findings)
  }
})

test('whole findings on strings: end is the string length in UTF-16 units', () => {
  const r = s.reportJson({ password: '日本😀' })
  assert.deepEqual(r, [{ pointer: '/password', rule: 'sensitive_key', start: 0, end: 4, action: 'replace', whole: true }])
})

test('scrubJson and scrubJsonString keep non-ASCII and escapes', () => {
  assert.deepEqual(s.scrubJson({ 'ключ': 'привет ada@example.com 😀' }), { 'ключ': 'привет [email] 😀' })
  const doc = '{"m": "caf\\u00e9 ada\\u0040example.com \\"q\\""}'
  assert.equal(s.scrubJsonString(doc), '{"m": "caf\\u00e9 [email] \\"q\\""}')
})

test('the test helper converts offsets independently', () => {
  assert.equal(utf8ToUtf16('a😀b', 5), 3)
  assert.equal(utf8ToUtf16('é', 2), 1)
  assert.throws(() => utf8ToUtf16('é', 1), /character boundary/)
})
