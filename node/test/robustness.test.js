'use strict'
// Random inputs through every entry point: answers are consistent, nothing
// throws except the documented errors, and the process never aborts.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Scrubber } = require('..')

// A small deterministic PRNG (mulberry32), so failures reproduce.
function rng(seed) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = [
  'ada@example.com', '10.0.0.1', '4111 1111 1111 1111', '078-05-1120', '+44 20 7946 0958', 'AKIAIOSFODNN7EXAMPLE',
  'ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'password=hunter2', 'postgres://u:pw@db:5432/x', 'DE89370400440532013000',
  ' ', '\n', '=', ':', '@', '.', '-', '"', '\\', '{', '}', '😀', 'é', '日本', '\ud800', '\udc00', '\u0000', '\uffff', 'x', '1234',
]

function randomText(r) {
  let out = ''
  const k = Math.floor(r() * 12)
  for (let i = 0; i < k; i++) {
    out += r() < 0.7 ? PIECES[Math.floor(r() * PIECES.length)] : String.fromCharCode(Math.floor(r() * 0x10000))
  }
  return out
}

function randomValue(r, depth = 0) {
  const x = r()
  if (depth > 4 || x < 0.4) return randomText(r)
  if (x < 0.5) return Math.floor(r() * 1e17) * (r() < 0.5 ? 1 : -1)
  if (x < 0.55) return r() < 0.5
  if (x < 0.6) return null
  if (x < 0.8) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1))
  const o = {}
  const keys = ['password', 'email', 'msg', 'token', 'user', 'apiKey', 'ip', 'n', randomText(r)]
  for (let i = Math.floor(r() * 4); i > 0; i--) o[keys[Math.floor(r() * keys.length)]] = randomValue(r, depth + 1)
  return o
}

test('random texts: scrub, find, scrubMany, scrubBuffer agree', async () => {
  const r = rng(42)
  const s = new Scrubber()
  const texts = []
  for (let i = 0; i < 2000; i++) {
    const t = randomText(r)
    texts.push(t)
    const out = s.scrub(t)
    assert.equal(typeof out, 'string')
    const found = s.find(t)
    let last = 0
    for (const f of found) {
      assert.ok(f.start >= last && f.end > f.start && f.end <= t.length, JSON.stringify({ t, f }))
      last = f.end
    }
    if (found.length === 0) assert.equal(out, t)
    if (!/[\ud800-\udfff]/.test(t)) {
      // No lone surrogates: bytes and strings give the same answer.
      assert.equal(s.scrubBuffer(Buffer.from(t)).toString(), out)
    }
  }
  assert.deepEqual(s.scrubMany(texts), texts.map((t) => s.scrub(t)))
  assert.deepEqual(await s.scrubManyAsync(texts), s.scrubMany(texts))
})

test('random bytes: scrubBuffer never fails', () => {
  const r = rng(7)
  const s = new Scrubber({ profile: 'strict' })
  for (let i = 0; i < 2000; i++) {
    const buf = Buffer.alloc(Math.floor(r() * 200))
    for (let j = 0; j < buf.length; j++) buf[j] = r() < 0.5 ? Math.floor(r() * 256) : 0x30 + Math.floor(r() * 10)
    assert.ok(Buffer.isBuffer(s.scrubBuffer(buf)))
  }
})

test('random JSON values and texts: consistent answers or SCRUBJAY_JSON', () => {
  const r = rng(1234)
  const s = new Scrubber()
  for (let i = 0; i < 1500; i++) {
    const v = randomValue(r)
    const text = JSON.stringify(v)
    const copy = s.scrubJson(v)
    assert.deepEqual(copy, JSON.parse(s.scrubJsonString(text)))
    const report = s.scrubJsonWithReport(text)
    // A string argument is JSON text; anything else a value.
    assert.deepEqual(s.reportJson(typeof v === 'string' ? text : v), report.findings)
    assert.equal(report.text, s.scrubJsonString(text))
    // Broken JSON: a coded error, never anything else.
    const cut = text.slice(0, Math.floor(r() * text.length))
    try {
      s.scrubJsonString(cut)
    } catch (e) {
      assert.equal(e.code, 'SCRUBJAY_JSON', e.message)
    }
  }
})

test('random configs: a Scrubber or SCRUBJAY_CONFIG, never anything else', () => {
  const r = rng(99)
  const regexes = ['a+', '(', '[0-9]{3}', '\\bfoo\\b', '(?i)secret', '.*', 'x{1,100000}', '\\p{Greek}+', '(a|b', '^$']
  const actions = ['replace', 'mask', 'hash', 'remove', 'keep', 'nope', { type: 'mask', keep_last: 2 }, { type: 'replace', template: '<{rule}>' }, 5]
  let built = 0
  for (let i = 0; i < 150; i++) {
    const config = {
      rules: {
        custom: { pattern: regexes[Math.floor(r() * regexes.length)], action: actions[Math.floor(r() * actions.length)] },
      },
    }
    if (r() < 0.3) config.hash_key = 'k'
    if (r() < 0.2) config.profile = ['default', 'strict', 'secrets', 'none', 'bogus'][Math.floor(r() * 5)]
    try {
      const s = new Scrubber(config)
      assert.equal(typeof s.scrub('foo secret 123 aaa'), 'string')
      built++
    } catch (e) {
      assert.equal(e.code, 'SCRUBJAY_CONFIG', e.message)
      assert.ok(e.message.length > 10)
    }
  }
  assert.ok(built > 0)
})
