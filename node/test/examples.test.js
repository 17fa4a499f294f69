'use strict'
// The examples in examples/ run and print scrubbed output.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

function run(name) {
  return execFileSync(process.execPath, [path.join(__dirname, '..', 'examples', name)], { encoding: 'utf8' })
}

test('examples/basic.js', () => {
  const out = run('basic.js')
  assert.match(out, /^user=\[email\] ip=\[ipv4\] card=\[credit_card\]$/m)
  assert.match(out, /^phone 13 29 "\+44 20 7946 0958"$/m)
  assert.match(out, /^\[employee_id\] paid with \*+1111, receipt to \[email:[0-9a-f]+\]$/m)
  assert.match(out, /^big text with \[email\]$/m)
})

test('examples/pino.js and examples/winston.js log no PII', () => {
  for (const name of ['pino.js', 'winston.js']) {
    const out = run(name)
    const lines = out.trim().split('\n').map((l) => JSON.parse(l))
    assert.ok(lines.length >= 2, name)
    assert.doesNotMatch(out, /ada@example\.com|hunter2|10\.1\.2\.3|4111 1111|sk_live/, name)
    assert.match(out, /\[email\]/, name)
  }
})

test('examples/esm.mjs', () => {
  assert.equal(run('esm.mjs').trim(), 'key [aws_access_key_id], mail ada@example.com stays')
})
