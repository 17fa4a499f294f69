'use strict'
// A 10 MB input through every entry point; the async calls leave the event loop free.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Scrubber } = require('..')

const s = new Scrubber()
const line = 'INFO 2024-05-01T12:00:00Z req=8f3a user=ada@example.com ip=10.1.2.3 path=/api/v1/items?page=2 took=12ms ✓\n'
const big = line.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(line)))
const scrubbedLine = 'INFO 2024-05-01T12:00:00Z req=8f3a user=[email] ip=[ipv4] path=/api/v1/items?page=2 took=12ms ✓\n'
const n = big.length / line.length

test('10 MB: scrub, find, scrubBuffer', () => {
  assert.ok(Buffer.byteLength(big) >= 10 * 1024 * 1024)
  assert.equal(s.scrub(big), scrubbedLine.repeat(n))
  const found = s.find(big)
  assert.equal(found.length, 2 * n)
  const last = found[found.length - 1]
  assert.equal(big.slice(last.start, last.end), '10.1.2.3')
  assert.equal(last.start, big.length - line.length + line.indexOf('10.1.2.3'))
  assert.equal(s.scrubBuffer(Buffer.from(big)).toString(), scrubbedLine.repeat(n))
  const clean = 'nothing to see here '.repeat(600000)
  assert.equal(s.scrub(clean), clean)
})

test('10 MB async: the event loop keeps turning while the pool works', async () => {
  let ticks = 0
  let done = false
  const spin = () => {
    if (!done) {
      ticks++
      setImmediate(spin)
    }
  }
  setImmediate(spin)
  const out = await s.scrubAsync(big)
  done = true
  assert.equal(out, scrubbedLine.repeat(n))
  assert.ok(ticks >= 2, `event loop turned ${ticks} times during the call`)
  const many = await s.scrubManyAsync(big.split('\n'))
  assert.equal(many.join('\n'), scrubbedLine.repeat(n))
})

test('10 MB JSON: a document and many lines in one batch', () => {
  const events = Array.from({ length: 62000 }, (_, i) => ({
    ts: 1714564800 + i,
    level: 'info',
    msg: `login ok for user${i}@example.com`,
    client: { ip: `10.0.${i % 256}.7`, ua: 'Mozilla/5.0 (X11; Linux x86_64)' },
    password: 'hunter2',
    ok: true,
  }))
  const doc = JSON.stringify(events)
  assert.ok(doc.length >= 10 * 1024 * 1024, `${doc.length}`)
  const out = JSON.parse(s.scrubJsonString(doc))
  assert.equal(out.length, events.length)
  assert.deepEqual(out[123], {
    ts: 1714564923,
    level: 'info',
    msg: 'login ok for [email]',
    client: { ip: '[ipv4]', ua: 'Mozilla/5.0 (X11; Linux x86_64)' },
    password: '[sensitive_key]',
    ok: true,
  })
  assert.deepEqual(s.scrubJson(events)[123], out[123])
  const lines = big.split('\n')
  assert.deepEqual(s.scrubMany(lines), lines.map((l) => (l ? scrubbedLine.slice(0, -1) : l)))
})
