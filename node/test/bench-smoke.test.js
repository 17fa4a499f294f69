'use strict'
// The benchmark runs (once, on a few lines), so it cannot rot.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

test('bench/bench.js --smoke runs and prints its tables', () => {
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'bench', 'bench.js'), '--smoke'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  assert.match(out, /\| scrubjay `scrub` \| clean \| [\d,]+ \|/)
  assert.match(out, /\| scrubjay `scrubJson\(object\)` → object \| with findings \|/)
  assert.match(out, /call floor/)
})
