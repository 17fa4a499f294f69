'use strict'
// The conformance corpus (conformance/cases.json) through a JS `Scrubber`
// class with the shared scrubjay JavaScript API (the Node addon and the wasm
// package have the same one). Framework-free: `runCase` throws an
// AssertionError on any difference and returns a note when part of a case
// cannot be expressed in JS. Copy this file as it is.
//
//   const { loadCases, runCase } = require('./conformance.js')
//   for (const c of loadCases()) test(c.name, () => runCase(Scrubber, c))
//
// The corpus states UTF-8 byte offsets (for json cases, into the decoded
// string value at `pointer`); JS APIs report UTF-16 code unit indices, so the
// expected offsets are converted here, independently of the library.

const fs = require('node:fs')
const path = require('node:path')
const assert = require('node:assert/strict')

const CASES = path.join(__dirname, '..', '..', 'conformance', 'cases.json')

/** The cases of the corpus (`file` defaults to the repository's). */
function loadCases(file = CASES) {
  return JSON.parse(fs.readFileSync(file, 'utf8')).cases
}

/** UTF-16 index of UTF-8 byte offset `byte` in string `s` (offsets on character boundaries). */
function utf8ToUtf16(s, byte) {
  let bytes = 0
  let units = 0
  for (const ch of s) {
    if (bytes >= byte) break
    bytes += Buffer.byteLength(ch, 'utf8')
    units += ch.length
  }
  assert.equal(bytes >= byte, true, `byte offset ${byte} is past the end of ${JSON.stringify(s)}`)
  assert.equal(bytes, byte, `byte offset ${byte} is not on a character boundary of ${JSON.stringify(s)}`)
  return units
}

/** The value at a JSON Pointer. */
function at(root, pointer) {
  if (pointer === '') return root
  return pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), root)
}

function textFindings(input, findings) {
  return findings.map((f) => ({
    rule: f.rule,
    start: utf8ToUtf16(input, f.start),
    end: utf8ToUtf16(input, f.end),
    action: f.action,
  }))
}

function jsonFindings(input, findings) {
  const root = JSON.parse(input)
  return findings.map((f) => {
    const v = at(root, f.pointer)
    const s = typeof v === 'string'
    return {
      pointer: f.pointer,
      rule: f.rule,
      start: s ? utf8ToUtf16(v, f.start) : f.start,
      end: s ? utf8ToUtf16(v, f.end) : f.end,
      action: f.action,
      whole: f.whole,
    }
  })
}

/**
 * Runs one case through `Scrubber`. Returns `undefined`, or a string saying
 * which part was skipped and why.
 */
function runCase(Scrubber, c) {
  if (c.kind === 'config_error') {
    // The config both as an object and as JSON text.
    for (const config of [c.config, JSON.stringify(c.config)]) {
      assert.throws(
        () => new Scrubber(config),
        (e) => {
          assert.ok(e instanceof Error, 'an Error')
          assert.equal(e.code, 'SCRUBJAY_CONFIG')
          assert.equal(e.message, c.error)
          return true
        },
      )
    }
    return undefined
  }
  const s = new Scrubber(c.config)
  switch (c.kind) {
    case 'text': {
      assert.equal(s.scrub(c.input), c.output, 'scrub')
      assert.deepEqual(s.find(c.input), textFindings(c.input, c.findings), 'find')
      return undefined
    }
    case 'bytes': {
      const out = s.scrubBuffer(Buffer.from(c.input_hex, 'hex'))
      assert.equal(Buffer.from(out).toString('hex'), c.output_hex, 'scrubBuffer')
      return 'findings not checked: find() takes a JS string, which cannot hold invalid UTF-8'
    }
    case 'json': {
      const want = jsonFindings(c.input, c.findings)
      const r = s.scrubJsonWithReport(c.input)
      assert.equal(r.text, c.output, 'scrubJsonWithReport text')
      assert.deepEqual(r.findings, want, 'scrubJsonWithReport findings')
      assert.equal(s.scrubJsonString(c.input), c.output, 'scrubJsonString')
      assert.deepEqual(s.reportJson(c.input), want, 'reportJson')
      return undefined
    }
    default:
      throw new Error(`case ${c.name}: unknown kind ${c.kind}`)
  }
}

module.exports = { CASES, loadCases, runCase, utf8ToUtf16 }
