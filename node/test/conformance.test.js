'use strict'
// Every case of conformance/cases.json through the addon.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Scrubber } = require('..')
const { loadCases, runCase } = require('./conformance.js')

const cases = loadCases()

test('the corpus has cases of every kind', () => {
  const kinds = new Set(cases.map((c) => c.kind))
  assert.deepEqual([...kinds].sort(), ['bytes', 'config_error', 'json', 'text'])
})

for (const c of cases) {
  test(`conformance: ${c.name}`, (t) => {
    const skipped = runCase(Scrubber, c)
    if (skipped) t.diagnostic(skipped)
  })
}
