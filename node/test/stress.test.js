'use strict'
// Bindings under stress (issue 8): no abort reachable from any input (the
// hostile calls run in a child process, so an abort shows as a signal exit
// instead of killing the runner), worker threads scrubbing concurrently
// with every answer checked, and memory flat across a million calls.
//
// SCRUBJAY_STRESS_SEED fixes the seed of the randomized test (printed on
// failure); SCRUBJAY_STRESS_CALLS (default 1000000) sets the length of the
// memory test.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { Worker } = require('node:worker_threads')
const path = require('node:path')
const { Scrubber } = require('..')

const pkg = JSON.stringify(path.join(__dirname, '..'))

// Runs `source` in a fresh node with `args`; returns its status, signal and
// the JSON it printed last on stdout.
function child(source, args = [], flags = []) {
  const r = spawnSync(process.execPath, [...flags, '-e', source, '--', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  })
  const lines = (r.stdout || '').trim().split('\n')
  let summary = null
  try {
    summary = JSON.parse(lines[lines.length - 1])
  } catch {}
  return { status: r.status, signal: r.signal, stderr: r.stderr, summary }
}

// ---- no abort reachable from any input --------------------------------------

const hostileSource = `
'use strict'
const fs = require('node:fs')
const pkgDir = ${pkg}
const { Scrubber, pinoHooks, winstonFormat } = require(pkgDir)
const native = require(require('node:path').join(pkgDir, 'binding.js'))

const seed = Number(process.argv[process.argv.length - 2]) >>> 0
const iterations = Number(process.argv[process.argv.length - 1])
let state = seed
function rand() { // mulberry32
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = (n) => Math.floor(rand() * n)
const pick = (a) => a[int(a.length)]

function text() {
  const pieces = ['ada@example.com', '4111 1111 1111 1111', '\\ud800', '\\udfff\\ud83d', '\\u0000', '日本語', '😀',
    'password=hunter2', '10.0.0.1', 'GB82 WEST 1234 5698 7654 32', 'ghp_' + 'a'.repeat(36), '"', '{', '\\\\ud800',
    'x'.repeat(int(5000)), '9'.repeat(int(300)), '@.'.repeat(int(300)),
    () => String.fromCharCode(...Array.from({ length: int(20) }, () => int(0x10000)))]
  let s = ''
  for (let i = int(8); i > 0; i--) { const p = pick(pieces); s += typeof p === 'function' ? p() : p }
  return s
}

function bytes() {
  const raw = Buffer.concat([Buffer.from(Array.from({ length: int(200) }, () => int(256))), Buffer.from(text())])
  switch (int(11)) {
    case 0: return raw
    case 1: return new Uint8Array(raw)
    case 2: return raw.subarray(int(raw.length + 1))
    case 3: return new Uint16Array(4)
    case 4: return new Float64Array([NaN, 1e308])
    case 5: return new DataView(new ArrayBuffer(8))
    case 6: return raw.buffer
    case 7: { // a view whose buffer was detached
      const ab = new ArrayBuffer(16)
      const view = new Uint8Array(ab)
      structuredClone(ab, { transfer: [ab] })
      return view
    }
    case 8: { const sab = new SharedArrayBuffer(32); new Uint8Array(sab).set(Buffer.from('mail ada@example.com')); return new Uint8Array(sab) }
    case 9: return new Uint8ClampedArray(raw)
    default: return Buffer.alloc(0)
  }
}

function deep(n, arrays) {
  let v = 'ada@example.com'
  for (let i = 0; i < n; i++) v = arrays ? [v] : { password: i % 7 === 0 ? 'x' : i, k: v }
  return v
}

function value(depth = 0) {
  if (depth > 3) return text()
  switch (int(20)) {
    case 0: return 10n ** 40n
    case 1: return Symbol('s')
    case 2: return () => 1
    case 3: return pick([NaN, Infinity, -0, 1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2])
    case 4: return deep(200, rand() < 0.5)
    case 5: return deep(20000, rand() < 0.5) // JSON.stringify: RangeError (call stack)
    case 6: { const o = { a: 1 }; o.self = o; return o }
    case 7: return new Proxy({}, { get() { throw new Error('trap') }, ownKeys() { throw new Error('trap') } })
    case 8: return { toJSON() { throw new Error('toJSON throws') } }
    case 9: return { get x() { throw new Error('getter throws') } }
    case 10: return Object.create(null)
    case 11: return [1, , 3, undefined, null, new Date(0), new Map([[1, 2]])]
    case 12: return bytes()
    case 13: return { [text()]: value(depth + 1), email: text() }
    case 14: return Array.from({ length: int(4) }, () => value(depth + 1))
    case 15: return pick([undefined, null, true, 0, -1, 2 ** 53])
    default: return text()
  }
}

function jsonText() {
  return pick([
    () => JSON.stringify({ password: text(), a: [text(), 1e300] }),
    () => '{"a": "\\\\ud800\\\\udc00\\\\ud800", "b": 1}',
    () => '['.repeat(int(3000)) + ']'.repeat(int(3000)),
    () => '{"a":'.repeat(int(500)) + '1' + '}'.repeat(int(500)),
    () => JSON.stringify(deep(200, rand() < 0.5)),
    () => '1' + '0'.repeat(int(5000)),
    () => '-0.0e-99999999999',
    () => '{"a": 1,}',
    () => '"\\u0001"',
    () => '{"k": "v"}\\n{"k": 1}',
    text,
  ])()
}

function config() {
  const actions = ['replace', 'mask', 'hash', 'remove', 'keep', 'explode', { type: 'mask', keep_last: int(1e9) - 5 },
    { type: 'hash', key: text() }, { type: 'replace', template: text() }, null, 12]
  const patterns = ['EMP-[0-9]{6}', '(', 'a*', '(?:a{1000}){1000}', '('.repeat(70) + 'a' + ')'.repeat(70),
    'x'.repeat(20000), '\\\\p{Greek}+', text()]
  return pick([
    () => undefined,
    () => ({ profile: pick(['default', 'strict', 'secrets', 'nope', 3, null]) }),
    () => ({ rules: { [pick(['email', 'emial', 'my_rule', '', 'BAD-ID', 'x'.repeat(100)])]: { action: pick(actions) } } }),
    () => ({ rules: { my_rule: { pattern: pick(patterns), action: pick(actions) } } }),
    () => ({ rules: { my_rule: { terms: Array.from({ length: int(5) }, text) } } }),
    () => ({ rules: { my_rule: { paths: [pick(['$.a', '$..', 'a[', '$' + '.a'.repeat(100)])] } } }),
    () => ({ rules: { email: { context: { within: int(1e6) - 1, words: [text()] } } } }),
    () => ({ hash_key: text(), rules: { email: { action: 'hash' } } }),
    () => JSON.stringify({ rules: { email: {} } }).slice(0, int(20)),
    () => '{' + text(),
    () => value(),
  ])()
}

const good = [new Scrubber(), new Scrubber({ profile: 'strict', rules: { email: { action: 'mask' } } }),
  new Scrubber({ hash_key: 'k', rules: { email: { action: 'hash' }, ipv4: { action: 'remove' } } })]
const handles = [() => native.create(null), () => ({}), () => null, () => undefined, () => 42, () => 'handle',
  () => Buffer.from('x'), () => native.create('{"profile": "strict"}')]
const any = () => pick([text, bytes, value, jsonText, config])()
const arg = (usual) => (rand() < 0.75 ? usual() : any())

const calls = [
  ['new Scrubber', () => new Scrubber(config())],
  ['scrub', (s) => s.scrub(arg(text))],
  ['find', (s) => s.find(arg(text), pick([undefined, null, { text: true }, { text: 'yes' }, 5, 'x']))],
  ['scrubBuffer', (s) => s.scrubBuffer(arg(bytes))],
  ['scrubMany', (s) => s.scrubMany(rand() < 0.8 ? Array.from({ length: int(30) }, text) : [text(), any()])],
  ['scrubAsync', (s) => s.scrubAsync(arg(text))],
  ['scrubManyAsync', (s) => s.scrubManyAsync(rand() < 0.8 ? Array.from({ length: int(30) }, text) : any())],
  ['scrubJson', (s) => s.scrubJson(value())],
  ['scrubJsonString', (s) => s.scrubJsonString(arg(jsonText))],
  ['scrubJsonWithReport', (s) => s.scrubJsonWithReport(arg(jsonText))],
  ['reportJson', (s) => s.reportJson(rand() < 0.5 ? jsonText() : value())],
  ['long string', (s) => s.scrub('ada@example.com \\ud800 '.repeat(int(1 << 15)))], // up to 1 MB
  ['wrong this', (s) => Scrubber.prototype[pick(['scrub', 'find', 'scrubBuffer', 'scrubJson', 'scrubAsync'])].call(pick([{}, null, 1, Object.create(Scrubber.prototype)]), text())],
  ['native, any handle', () => {
    const fn = pick(['scrub', 'find', 'scrubBuffer', 'scrubMany', 'scrubAsync', 'scrubManyAsync', 'scrubJsonString', 'scrubJsonWithReport', 'reportJson'])
    return native[fn](pick(handles)(), ...Array.from({ length: int(3) }, any))
  }],
  ['native create', () => native.create(...Array.from({ length: int(3) }, any))],
  ['native misc', () => [native.version(1, 2), native.builtinRules(any())]],
  ['pinoHooks', () => pinoHooks(rand() < 0.5 ? good[0] : any()).streamWrite(arg(jsonText))],
  ['winstonFormat', () => winstonFormat(rand() < 0.5 ? good[0] : any()).transform(value())],
]

const codes = new Set(['SCRUBJAY_CONFIG', 'SCRUBJAY_JSON', 'SCRUBJAY_INVALID_ARG'])
const outcomes = {}
const bad = []
function judge(name, e) {
  // Anything thrown is an Error with a message; scrubjay's own errors carry a
  // known code; SCRUBJAY_INTERNAL would be a caught panic (a bug).
  const kind = e instanceof Error ? (e.code || e.constructor.name) : 'non-Error ' + typeof e
  outcomes[kind] = (outcomes[kind] || 0) + 1
  if (!(e instanceof Error) || !e.message || (typeof e.code === 'string' && e.code.startsWith('SCRUBJAY') && !codes.has(e.code))) {
    bad.push(name + ': ' + kind + ': ' + String(e && e.message).slice(0, 300))
  }
}

;(async () => {
  const pending = []
  // One huge string (16 MB, a million findings) through each text call.
  const huge = 'ada@example.com '.repeat(1 << 20)
  const out = good[0].scrub(huge)
  const found = good[0].find(huge)
  const many = good[0].scrubMany([huge, 'x'])
  if (out.length !== (1 << 20) * 8 || found.length !== 1 << 20 || many[0] !== out) bad.push('huge string')
  for (let i = 0; i < iterations; i++) {
    const [name, call] = pick(calls)
    if (i % 100 === 0) fs.writeSync(2, 'call ' + i + ' ' + name + '\\n')
    try {
      const r = call(pick(good))
      if (r && typeof r.then === 'function') {
        pending.push(r.then(() => { outcomes.ok = (outcomes.ok || 0) + 1 }, (e) => judge(name + ' (async)', e)))
      } else {
        outcomes.ok = (outcomes.ok || 0) + 1
      }
    } catch (e) {
      judge(name, e)
    }
    if (pending.length > 64) await Promise.all(pending.splice(0))
  }
  await Promise.all(pending)
  // The scrubbers still work.
  if (good[0].scrub('mail ada@example.com') !== 'mail [email]') bad.push('the scrubber is broken after the run')
  console.log(JSON.stringify({ outcomes, bad }))
})()
`

test('no abort reachable from any input (hostile calls in a child process)', () => {
  const seed = process.env.SCRUBJAY_STRESS_SEED ?? String(Math.floor(Math.random() * 2 ** 32))
  const r = child(hostileSource, [seed, '3000'])
  const where = `seed ${seed} (rerun with SCRUBJAY_STRESS_SEED=${seed}); last progress: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`
  assert.equal(r.signal, null, `the child died of ${r.signal}: ${where}`)
  assert.equal(r.status, 0, `the child exited with ${r.status}: ${where}`)
  assert.ok(r.summary, `no summary from the child: ${where}`)
  assert.deepEqual(r.summary.bad, [], where)
  const o = r.summary.outcomes
  assert.ok(o.ok > 500, JSON.stringify(o))
  for (const kind of ['SCRUBJAY_CONFIG', 'SCRUBJAY_JSON', 'SCRUBJAY_INVALID_ARG', 'TypeError']) {
    assert.ok(o[kind] > 0, `no ${kind} in ${JSON.stringify(o)}`)
  }
})

test('an abort in the child is detected (the harness can fail)', () => {
  const r = child('process.abort()')
  assert.equal(r.signal, 'SIGABRT')
})

// ---- worker threads ---------------------------------------------------------

const BIG = Array.from({ length: 300 }, (_, i) => `${i} user${i}@example.com 10.0.${i % 250}.1 card 4111 1111 1111 1111 😀`).join('\n')
const DOC = JSON.stringify({ user: { email: 'ada@example.com', tags: ['x', 'call +1 415 555 0100'] }, password: 'p', s: '日本 ada@example.com' })
const CONFIG = { profile: 'strict', rules: { email: { action: { type: 'mask', keep_last: 4 } } } }

// The same mixed calls in the main thread and in the workers; each returns a
// JSON-comparable answer (errors as [code, message]).
const mixedSource = `
function mixed(s, BIG, DOC) {
  const err = (f) => { try { f(); return 'no error' } catch (e) { return [e.code || e.constructor.name, e.message] } }
  return [
    () => s.scrub('GET /health 200'),
    () => s.scrub('mail ada@example.com from 10.1.2.3 😀 日本'),
    () => s.scrub(BIG),
    () => s.scrubBuffer(Buffer.concat([Buffer.from([0xff, 0]), Buffer.from(BIG)])).toString('latin1'),
    () => s.find('card 4111 1111 1111 1111 😀 ada@example.com', { text: true }),
    () => s.scrubMany(['a ada@example.com', 'clean', BIG]),
    () => s.scrubJson({ a: ['ada@example.com', 4111111111111111], token: 't' }),
    () => s.scrubJsonString(DOC),
    () => s.scrubJsonWithReport(DOC),
    () => s.reportJson({ lines: BIG.split('\\n') }),
    () => err(() => s.scrubJsonString('{"a": 1,\\n "b": }')),
    () => err(() => s.scrub(42)),
    () => err(() => s.scrubBuffer('text')),
    () => s.scrub('\\ud800 ada@example.com'),
  ]
}
`
// eslint-disable-next-line no-eval
const mixed = eval(`(${mixedSource.trim().replace(/^function mixed/, 'function')})`)

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const { Scrubber } = require(${pkg})
${mixedSource}
const s = new Scrubber(workerData.config)
const calls = mixed(s, workerData.BIG, workerData.DOC)
const expected = workerData.expected
let mismatches = []
let done = 0
;(async () => {
  for (let round = 0; round < workerData.rounds; round++) {
    for (let j = 0; j < calls.length; j++) {
      const k = (j * 5 + workerData.id + round) % calls.length
      const got = JSON.stringify(calls[k]())
      if (got !== expected[k] && mismatches.length < 5) mismatches.push({ round, k, got: got.slice(0, 200) })
      done++
    }
    // The libuv pool too, from every worker at once.
    const [a, m] = await Promise.all([s.scrubAsync(workerData.BIG), s.scrubManyAsync(['x ada@example.com', workerData.BIG])])
    if (JSON.stringify([a, m]) !== workerData.expectedAsync) mismatches.push({ round, async: true })
  }
  parentPort.postMessage({ mismatches, done })
})()
`

test('worker threads scrub concurrently with the main thread, every answer checked', async () => {
  const s = new Scrubber(CONFIG)
  const calls = mixed(s, BIG, DOC)
  const expected = calls.map((c) => JSON.stringify(c()))
  assert.ok(!expected[1].includes('ada@example.com') && expected[1].includes('*.com'))
  assert.ok(JSON.parse(expected[10])[0] === 'SCRUBJAY_JSON' && JSON.parse(expected[11])[0] === 'SCRUBJAY_INVALID_ARG')
  const expectedAsync = JSON.stringify(await Promise.all([s.scrubAsync(BIG), s.scrubManyAsync(['x ada@example.com', BIG])]))
  const workers = 6
  const rounds = 30
  const runs = Array.from({ length: workers }, (_, id) => new Promise((resolve, reject) => {
    const w = new Worker(workerSource, { eval: true, workerData: { id, rounds, config: CONFIG, BIG, DOC, expected, expectedAsync } })
    w.once('message', resolve)
    w.once('error', reject)
    w.once('exit', (code) => code !== 0 && reject(new Error(`worker ${id} exited with ${code}`)))
  }))
  // The main thread keeps scrubbing meanwhile.
  let mainMismatches = 0
  for (let round = 0; round < rounds; round++) {
    calls.forEach((c, k) => { if (JSON.stringify(c()) !== expected[k]) mainMismatches++ })
    await new Promise((r) => setImmediate(r))
  }
  const results = await Promise.all(runs)
  assert.equal(mainMismatches, 0)
  results.forEach((r, id) => {
    assert.deepEqual(r.mismatches, [], `worker ${id}`)
    assert.equal(r.done, rounds * calls.length)
  })
})

// ---- memory -----------------------------------------------------------------

const memorySource = `
'use strict'
const { Scrubber } = require(${pkg})
const total = Number(process.argv[process.argv.length - 1])
const warmup = Math.floor(total / 10)
const s = new Scrubber()
const clean = 'GET /api/v1/items?page=2 200 12ms'
const dirty = 'user=ada@example.com ip=10.1.2.3 😀'
const buf = Buffer.from('\\xff ada@example.com \\x00', 'latin1')
const doc = '{"email": "ada@example.com", "password": "p", "n": [1, 2]}'
const wantDirty = s.scrub(dirty)
const wantDoc = s.scrubJsonString(doc)
let failures = 0
function one(i) {
  switch (i % 12) {
    case 0: if (s.scrub(clean) !== clean) failures++; break
    case 1: if (s.scrub(dirty) !== wantDirty) failures++; break
    case 2: s.scrubBuffer(buf); break
    case 3: s.find(dirty, { text: true }); break
    case 4: s.scrubMany([clean, dirty]); break
    case 5: if (s.scrubJsonString(doc) !== wantDoc) failures++; break
    case 6: s.scrubJsonWithReport(doc); break
    case 7: s.reportJson(doc); break
    case 8: s.scrubJson({ email: 'ada@example.com', n: 1 }); break
    case 9: try { s.scrubJsonString('{"a": 1,}'); failures++ } catch (e) { if (e.code !== 'SCRUBJAY_JSON') failures++ } break
    case 10: try { s.scrub(42); failures++ } catch (e) { if (e.code !== 'SCRUBJAY_INVALID_ARG') failures++ } break
    default: try { new Scrubber({ rules: { emial: {} } }); failures++ } catch (e) { if (e.code !== 'SCRUBJAY_CONFIG') failures++ }
  }
}
function mem() { gc(); gc(); const m = process.memoryUsage(); return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers } }
;(async () => {
  const start = mem()
  for (let i = 0; i < warmup; i++) one(i)
  // Async calls too (the libuv pool), in batches.
  for (let i = 0; i < 2000; i++) await Promise.all([s.scrubAsync(dirty), s.scrubManyAsync([dirty, clean])])
  await new Promise((r) => setImmediate(r))
  const warm = mem()
  const t0 = process.hrtime.bigint()
  for (let i = warmup; i < total; i++) one(i)
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  for (let i = 0; i < 2000; i++) await Promise.all([s.scrubAsync(dirty), s.scrubManyAsync([dirty, clean])])
  await new Promise((r) => setImmediate(r))
  const end = mem()
  console.log(JSON.stringify({ total, warmup, start, warm, end, failures, callsPerSecond: Math.round((total - warmup) / seconds) }))
})()
`

test('memory stays flat across a million calls', () => {
  const total = Number(process.env.SCRUBJAY_STRESS_CALLS || 1_000_000)
  const r = child(memorySource, [String(total)], ['--expose-gc'])
  assert.equal(r.signal, null, r.stderr)
  assert.equal(r.status, 0, r.stderr)
  const m = r.summary
  const kib = (n) => Math.round(n / 1024)
  console.log(
    `stress: ${m.total} calls; RSS ${kib(m.start.rss)} KiB at start, ${kib(m.warm.rss)} KiB after ${m.warmup}, ` +
      `${kib(m.end.rss)} KiB after ${m.total} (${kib(m.end.rss - m.warm.rss)} KiB); heap used ${kib(m.warm.heapUsed)} -> ` +
      `${kib(m.end.heapUsed)} KiB; external ${kib(m.warm.external)} -> ${kib(m.end.external)} KiB; ` +
      `arrayBuffers ${kib(m.warm.arrayBuffers)} -> ${kib(m.end.arrayBuffers)} KiB; ${m.callsPerSecond} calls/s after warm-up`,
  )
  assert.equal(m.failures, 0)
  assert.ok(m.end.rss - m.warm.rss < 4 * 1024 * 1024, `RSS grew by ${kib(m.end.rss - m.warm.rss)} KiB after warm-up`)
  assert.ok(m.end.heapUsed - m.warm.heapUsed < 1024 * 1024, `the JS heap grew by ${kib(m.end.heapUsed - m.warm.heapUsed)} KiB`)
  assert.ok(m.end.external - m.warm.external < 256 * 1024, `external memory grew by ${kib(m.end.external - m.warm.external)} KiB`)
})
