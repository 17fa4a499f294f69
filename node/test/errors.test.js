'use strict'
// Errors: bad configs, bad JSON, wrong argument types, values JSON cannot hold.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Scrubber, pinoHooks, winstonFormat } = require('..')

const s = new Scrubber()

/** Asserts that `fn` throws an Error with `code` and returns it. */
function throwsCode(fn, code, message) {
  let caught
  assert.throws(fn, (e) => {
    caught = e
    return true
  })
  assert.ok(caught instanceof Error, `an Error, got ${caught}`)
  assert.equal(caught.code, code, caught.message)
  if (message) assert.match(caught.message, message)
  return caught
}

async function rejectsCode(promise, code, message) {
  let caught
  await assert.rejects(promise, (e) => {
    caught = e
    return true
  })
  assert.ok(caught instanceof Error)
  assert.equal(caught.code, code, caught.message)
  if (message) assert.match(caught.message, message)
  return caught
}

test('bad configs: SCRUBJAY_CONFIG with the core message, rule, path, line and column', () => {
  let e = throwsCode(() => new Scrubber({ rules: { emial: { enabled: true } } }), 'SCRUBJAY_CONFIG', /did you mean `email`/)
  assert.equal(e.rule, 'emial')
  assert.ok(!(e instanceof TypeError))

  e = throwsCode(() => new Scrubber({ rules: { emp: { pattern: 'EMP-([0-9]{6}' } } }), 'SCRUBJAY_CONFIG', /invalid regex/)
  assert.equal(e.rule, 'emp')

  throwsCode(() => new Scrubber({ rules: { email: { action: 'hash' } } }), 'SCRUBJAY_CONFIG', /needs a secret key/)
  throwsCode(() => new Scrubber({ profile: 'nope' }), 'SCRUBJAY_CONFIG', /unknown profile `nope`/)
  throwsCode(() => new Scrubber({ rules: { x: { pattern: 'a*' } } }), 'SCRUBJAY_CONFIG', /empty string/)

  e = throwsCode(() => new Scrubber('{\n  "rules": {\n    "email": {"action": 5}\n  }\n}'), 'SCRUBJAY_CONFIG')
  assert.equal(e.path, 'rules.email.action')

  e = throwsCode(() => new Scrubber('{\n  "rules": {\n    "email": {,}\n  }\n}'), 'SCRUBJAY_CONFIG', /line 3, column/)
  assert.equal(e.line, 3)
  assert.equal(typeof e.column, 'number')
  throwsCode(() => new Scrubber('[]'), 'SCRUBJAY_CONFIG')
  throwsCode(() => new Scrubber([]), 'SCRUBJAY_CONFIG')
  throwsCode(() => new Scrubber(''), 'SCRUBJAY_CONFIG')
})

test('config of the wrong type: SCRUBJAY_INVALID_ARG TypeError', () => {
  for (const bad of [5, true, () => {}, Symbol('x'), 1n]) {
    const e = throwsCode(() => new Scrubber(bad), 'SCRUBJAY_INVALID_ARG', /new Scrubber: expected/)
    assert.ok(e instanceof TypeError)
  }
  const cyclic = {}
  cyclic.self = cyclic
  throwsCode(() => new Scrubber(cyclic), 'SCRUBJAY_INVALID_ARG', /circular/)
})

test('invalid JSON: SCRUBJAY_JSON with line and column', () => {
  for (const call of [(j) => s.scrubJsonString(j), (j) => s.scrubJsonWithReport(j), (j) => s.reportJson(j)]) {
    const e = throwsCode(() => call('{\n  "a": tru\n}'), 'SCRUBJAY_JSON', /^invalid JSON at line 2, column 8:/)
    assert.equal(e.line, 2)
    assert.equal(e.column, 8)
    throwsCode(() => call(''), 'SCRUBJAY_JSON')
    throwsCode(() => call('{"a": 1} x'), 'SCRUBJAY_JSON')
    throwsCode(() => call("{'a': 1}"), 'SCRUBJAY_JSON')
  }
})

test('deep JSON text is scrubbed (no depth limit, no stack overflow)', () => {
  const depth = 100000
  const doc = '['.repeat(depth) + '"10.0.0.1"' + ']'.repeat(depth)
  assert.equal(s.scrubJsonString(doc), '['.repeat(depth) + '"[ipv4]"' + ']'.repeat(depth))
})

test('a value too deep to stringify: SCRUBJAY_JSON, not a crash', () => {
  let v = 'x'
  for (let i = 0; i < 200000; i++) v = [v]
  throwsCode(() => s.scrubJson(v), 'SCRUBJAY_JSON', /nested too deeply/)
})

test('wrong argument types: SCRUBJAY_INVALID_ARG TypeError, for every method', () => {
  const bads = [undefined, null, 5, {}, [], Buffer.from('x'), Symbol('s'), 2n]
  const stringMethods = ['scrub', 'find', 'scrubJsonString', 'scrubJsonWithReport']
  for (const m of stringMethods) {
    for (const bad of bads) {
      const e = throwsCode(() => s[m](bad), 'SCRUBJAY_INVALID_ARG', /expected a string/)
      assert.ok(e instanceof TypeError, m)
    }
  }
  for (const bad of [undefined, null, 'text', 5, {}, [1, 2], new ArrayBuffer(4), new Uint16Array(2)]) {
    throwsCode(() => s.scrubBuffer(bad), 'SCRUBJAY_INVALID_ARG', /scrubBuffer: expected a Buffer or Uint8Array/)
  }
  for (const bad of [undefined, null, 'text', 5, {}]) {
    throwsCode(() => s.scrubMany(bad), 'SCRUBJAY_INVALID_ARG', /scrubMany: expected an array of strings/)
  }
  throwsCode(() => s.scrubMany(['ok', 5]), 'SCRUBJAY_INVALID_ARG', /a string at index 1, got a number/)
  throwsCode(() => s.find('x', 5), 'SCRUBJAY_INVALID_ARG', /options/)
})

test('async methods reject (never throw) on wrong argument types', async () => {
  await rejectsCode(s.scrubAsync(5), 'SCRUBJAY_INVALID_ARG', /scrubAsync: expected a string/)
  await rejectsCode(s.scrubAsync(undefined), 'SCRUBJAY_INVALID_ARG')
  await rejectsCode(s.scrubManyAsync('x'), 'SCRUBJAY_INVALID_ARG', /scrubManyAsync: expected an array/)
  await rejectsCode(s.scrubManyAsync(['x', null]), 'SCRUBJAY_INVALID_ARG', /index 1/)
})

test('values JSON cannot hold: SCRUBJAY_INVALID_ARG, never a crash', () => {
  const cyclic = { a: 1 }
  cyclic.b = { c: cyclic }
  for (const call of [(v) => s.scrubJson(v), (v) => s.reportJson(v)]) {
    throwsCode(() => call(cyclic), 'SCRUBJAY_INVALID_ARG', /circular/)
    throwsCode(() => call(() => 1), 'SCRUBJAY_INVALID_ARG', /function/)
    throwsCode(() => call({ f() {} }), 'SCRUBJAY_INVALID_ARG', /property "f" is a function/)
    throwsCode(() => call([1, () => 1]), 'SCRUBJAY_INVALID_ARG', /function/)
    throwsCode(() => call(10n), 'SCRUBJAY_INVALID_ARG', /bigint/)
    throwsCode(() => call({ n: { m: 10n } }), 'SCRUBJAY_INVALID_ARG', /bigint/)
    throwsCode(() => call({ s: Symbol('x') }), 'SCRUBJAY_INVALID_ARG', /symbol/)
    throwsCode(() => call(undefined), 'SCRUBJAY_INVALID_ARG', /got undefined/)
  }
  // A toJSON that throws: wrapped, with the cause kept.
  const bad = {
    toJSON() {
      throw new Error('nope')
    },
  }
  const e = throwsCode(() => s.scrubJson(bad), 'SCRUBJAY_INVALID_ARG', /nope/)
  assert.equal(e.cause.message, 'nope')
})

test('integration helpers check their argument', () => {
  throwsCode(() => pinoHooks(5), 'SCRUBJAY_INVALID_ARG', /pinoHooks/)
  throwsCode(() => winstonFormat(true), 'SCRUBJAY_INVALID_ARG', /winstonFormat/)
  throwsCode(() => pinoHooks({ rules: { emial: {} } }), 'SCRUBJAY_CONFIG')
})
