#!/usr/bin/env node
'use strict'
// Benchmarks of the scrubjay Node addon, in one run (this machine is noisy:
// compare ratios within a run, not absolute numbers across runs).
//
//   make bench-node                       # npm ci here, build the addon, run this
//   node bench.js [--seconds S] [--corpus DIR] [--smoke]
//
// Text: `scrub` per 150-byte log line (clean and typical: 15% of lines with
// one item of PII), `scrubMany`, `scrubBuffer`, the call floor `scrub('')`,
// against redact-pii (regex list) and the core itself (Rust, same lines).
// JSON: `scrubJson` / `scrubJsonString` per event (2-10 KB events: error
// events, request logs, analytics batches), against fast-redact (paths only),
// redact-pii on the JSON text, JSON.parse/JSON.stringify alone, and the core.
//
// The corpora are the Rust benchmarks' (benches/src/lib.rs), written by
// `cargo run --release -p scrubjay-node --example node_bench_corpus`, which
// then measures the core on request: the core's rounds alternate with the
// addon's, so both run under the same load. Every number is the best of 10
// rounds. --smoke runs everything once on a few built-in lines (a check that
// the benchmark runs; used by the tests).

const path = require('node:path')
const fs = require('node:fs')
const os = require('node:os')
const { spawn } = require('node:child_process')
const readline = require('node:readline')
const { Scrubber } = require('..')

function arg(name, fallback) {
  const i = process.argv.indexOf(name)
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback
}
const smoke = process.argv.includes('--smoke')
const seconds = Number(arg('--seconds', smoke ? '0.01' : '2'))

function optional(name) {
  try {
    return require(name)
  } catch {
    return null
  }
}
const fastRedact = optional('fast-redact')
const redactPii = optional('redact-pii')

// --- corpora --------------------------------------------------------------

/**
 * The core, measured by a child process (node_bench_corpus) that answers one
 * request per round, so that its rounds alternate with the addon's.
 */
class Core {
  constructor(child, lines) {
    this.child = child
    this.lines = lines
  }

  static async start(dir) {
    const root = path.join(__dirname, '..', '..')
    process.stderr.write('building the corpus writer (cargo run --release --example node_bench_corpus)...\n')
    const child = spawn('cargo', ['run', '--quiet', '--release', '-p', 'scrubjay-node', '--example', 'node_bench_corpus', '--', dir], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]()
    const first = await lines.next()
    if (first.done || first.value !== 'ready') throw new Error(`node_bench_corpus did not start: ${first.value}`)
    return new Core(child, lines)
  }

  /** Nanoseconds per item of one round of `measure` on `corpus`. */
  async round(measure, corpus, secs) {
    this.child.stdin.write(`${measure} ${corpus} ${secs}\n`)
    const answer = await this.lines.next()
    if (answer.done) throw new Error('node_bench_corpus exited')
    return Number(answer.value)
  }

  stop() {
    this.child.stdin.end()
  }
}

async function loadCorpora() {
  if (smoke) {
    const clean = ['2024-05-01T12:00:00.123Z INFO [api-3] GET /api/v1/items/8842?page=2 status=200 bytes=5321 dur=12ms req_id=00ab34cd56ef7890']
    const typical = [...clean, `${clean[0]} user=ada@example.com`]
    const event = JSON.stringify({ user: { email: 'ada@example.com', ip_address: '10.0.0.1' }, request: { data: { password: 'x' } }, msg: 'ok' })
    return { clean, typical, json_clean: ['{"a": 1, "b": "text"}'], json_dirty: [event], core: null }
  }
  let dir = arg('--corpus', null)
  let core = null
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrubjay-bench-'))
    core = await Core.start(dir)
  }
  const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'))
  return { clean: read('clean'), typical: read('typical'), json_clean: read('json_clean'), json_dirty: read('json_dirty'), core }
}

// --- timing ---------------------------------------------------------------

let sink = 0
function consume(x) {
  // Keeps results alive so that nothing is optimized away.
  sink = (sink + (typeof x === 'string' ? x.length : x === null || x === undefined ? 0 : 1)) | 0
}

const ROUNDS = 10

/** Nanoseconds per item of one round of `fn(item)` over `items`, for about `budget` seconds. */
function round(items, fn, budget) {
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(Math.max(1, Math.round(budget * 1e9)))
  let n = 0
  let now = start
  do {
    for (let i = 0; i < items.length; i++) consume(fn(items[i]))
    n += items.length
    now = process.hrtime.bigint()
  } while (now < deadline)
  return Number(now - start) / n
}

/** Best (lowest) ns per item of ROUNDS rounds of `seconds / ROUNDS`, after a warm-up round. */
function nsPerItem(items, fn) {
  round(items, fn, seconds / ROUNDS)
  let best = Infinity
  for (let r = 0; r < ROUNDS; r++) best = Math.min(best, round(items, fn, seconds / ROUNDS))
  return best
}

/**
 * Best ns per item of the addon (`fn` over `items`) and of the core (`measure`
 * on `corpus`), in alternating rounds.
 */
async function nsPerItemWithCore(core, items, fn, measure, corpus) {
  round(items, fn, seconds / ROUNDS)
  await core.round(measure, corpus, seconds / ROUNDS)
  let addon = Infinity
  let native = Infinity
  for (let r = 0; r < ROUNDS; r++) {
    addon = Math.min(addon, round(items, fn, seconds / ROUNDS))
    native = Math.min(native, await core.round(measure, corpus, seconds / ROUNDS))
  }
  return [addon, native]
}

const bytesOf = (items) => items.reduce((n, s) => n + Buffer.byteLength(s), 0)
const fmt = (x, digits = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }))

// --- run ------------------------------------------------------------------

async function main() {
  const c = await loadCorpora()
  const s = new Scrubber()
  const rows = []
  const row = (section, name, corpus, ns, avgBytes, note = '') => rows.push({ section, name, corpus, ns, avgBytes, note })

  // Text: 150-byte lines.
  for (const corpus of ['clean', 'typical']) {
    const lines = c[corpus]
    const avg = bytesOf(lines) / lines.length
    const buffers = lines.map((l) => Buffer.from(l))
    const batches = []
    for (let i = 0; i < lines.length; i += 1000) batches.push(lines.slice(i, i + 1000))
    const perLine = lines.length / batches.length
    if (c.core) {
      const [addon, core] = await nsPerItemWithCore(c.core, lines, (l) => s.scrub(l), 'scrub', corpus)
      row('text', 'scrubjay `scrub`', corpus, addon, avg)
      row('text', 'core `scrub` (Rust, same lines, alternating rounds)', corpus, core, avg)
      const [many, batch] = await nsPerItemWithCore(c.core, batches, (b) => s.scrubMany(b), 'scrub_batch', corpus)
      row('text', 'scrubjay `scrubMany` (1000 lines a call)', corpus, many / perLine, avg)
      row('text', 'core `scrub_batch` (Rust, 1000 lines a call)', corpus, batch, avg)
    } else {
      row('text', 'scrubjay `scrub`', corpus, nsPerItem(lines, (l) => s.scrub(l)), avg)
      row('text', 'scrubjay `scrubMany` (1000 lines a call)', corpus, nsPerItem(batches, (b) => s.scrubMany(b)) / perLine, avg)
    }
    row('text', 'scrubjay `scrubBuffer`', corpus, nsPerItem(buffers, (b) => s.scrubBuffer(b)), avg)
    row('text', 'scrubjay `find`', corpus, nsPerItem(lines, (l) => s.find(l)), avg)
    if (redactPii) {
      const r = new redactPii.SyncRedactor()
      const sample = lines.slice(0, 1000)
      row('text', 'redact-pii `SyncRedactor.redact`', corpus, nsPerItem(sample, (l) => r.redact(l)), bytesOf(sample) / sample.length)
    }
  }
  row('text', "call floor: scrubjay `scrub('')`", '—', nsPerItem([''], (l) => s.scrub(l)), 0)

  // JSON events.
  const paths = [
    'user.email',
    'user.ip_address',
    'request.data.password',
    'records[*].headers.authorization',
    'records[*].client_ip',
    'batch[*].context.ip',
    'batch[*].traits.email',
    'batch[*].traits.phone',
  ]
  const redactPaths = fastRedact ? fastRedact({ paths }) : null
  for (const corpus of ['json_clean', 'json_dirty']) {
    const texts = c[corpus]
    const objects = texts.map((t) => JSON.parse(t))
    const avg = bytesOf(texts) / texts.length
    const name = corpus === 'json_clean' ? 'clean' : 'with findings'
    row('json', 'scrubjay `scrubJson(object)` → object', name, nsPerItem(objects, (o) => s.scrubJson(o)), avg)
    row('json', 'scrubjay `scrubJsonString(JSON.stringify(object))` → text', name, nsPerItem(objects, (o) => s.scrubJsonString(JSON.stringify(o))), avg)
    if (c.core) {
      const [addon, core] = await nsPerItemWithCore(c.core, texts, (t) => s.scrubJsonString(t), 'scrub_json_str', corpus)
      row('json', 'scrubjay `scrubJsonString(text)` → text', name, addon, avg)
      row('json', 'core `scrub_json_str` (Rust, same texts, alternating rounds)', name, core, avg)
    } else {
      row('json', 'scrubjay `scrubJsonString(text)` → text', name, nsPerItem(texts, (t) => s.scrubJsonString(t)), avg)
    }
    row('json', 'JSON.stringify(object) alone', name, nsPerItem(objects, (o) => JSON.stringify(o)), avg)
    row('json', 'JSON.parse(JSON.stringify(object)) alone', name, nsPerItem(objects, (o) => JSON.parse(JSON.stringify(o))), avg)
    if (redactPaths) row('json', `fast-redact, ${paths.length} paths (object → text)`, name, nsPerItem(objects, (o) => redactPaths(o)), avg, 'paths only')
    if (redactPii) {
      const r = new redactPii.SyncRedactor()
      const sample = texts.slice(0, 100)
      row('json', 'redact-pii on the JSON text', name, nsPerItem(sample, (t) => r.redact(t)), bytesOf(sample) / sample.length, 'no key awareness')
    }
  }

  // Report.
  const lines = []
  lines.push(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0].model}), ${seconds} s per measurement (best of ${ROUNDS} rounds)`)
  for (const section of ['text', 'json']) {
    lines.push('')
    lines.push(section === 'text' ? '| text: 150-byte log lines | corpus | ns/line | lines/s | MB/s |' : '| JSON events | corpus | µs/event | events/s | MB/s |')
    lines.push('|---|---|---:|---:|---:|')
    for (const r of rows.filter((x) => x.section === section)) {
      const per = section === 'text' ? fmt(r.ns) : fmt(r.ns / 1000, 1)
      const mbps = r.avgBytes ? fmt((r.avgBytes / r.ns) * 1000) : '—'
      lines.push(`| ${r.name}${r.note ? ` (${r.note})` : ''} | ${r.corpus} | ${per} | ${fmt(1e9 / r.ns)} | ${mbps} |`)
    }
  }
  // Ratios.
  const find = (section, name, corpus) => rows.find((r) => r.section === section && r.name.startsWith(name) && r.corpus === corpus)
  lines.push('')
  lines.push('Ratios (same run):')
  for (const corpus of ['clean', 'typical']) {
    const sj = find('text', 'scrubjay `scrub`', corpus)
    const many = find('text', 'scrubjay `scrubMany`', corpus)
    const rp = find('text', 'redact-pii', corpus)
    const core = find('text', 'core `scrub`', corpus)
    if (rp) lines.push(`- ${corpus} lines: scrubjay \`scrub\` is ${fmt(rp.ns / sj.ns)}× as fast as redact-pii; \`scrubMany\` ${fmt(rp.ns / many.ns)}×`)
    if (core) lines.push(`- ${corpus} lines: addon \`scrub\` costs ${fmt(sj.ns / core.ns, 2)}× the core's \`scrub\` (${fmt(sj.ns - core.ns)} ns of binding per call)`)
  }
  for (const corpus of ['clean', 'with findings']) {
    const obj = find('json', 'scrubjay `scrubJson(object)`', corpus)
    const str = find('json', 'scrubjay `scrubJsonString(JSON.stringify', corpus)
    const txt = find('json', 'scrubjay `scrubJsonString(text)`', corpus)
    const fr = find('json', 'fast-redact', corpus)
    const rp = find('json', 'redact-pii', corpus)
    const core = find('json', 'core `scrub_json_str`', corpus)
    if (fr) lines.push(`- JSON ${corpus}: scrubjay takes ${fmt(str.ns / fr.ns, 2)}× the time of fast-redact (${paths.length} paths only) object → text, ${fmt(obj.ns / fr.ns, 2)}× object → object`)
    if (rp) lines.push(`- JSON ${corpus}: scrubjay \`scrubJsonString(text)\` is ${fmt(rp.ns / txt.ns)}× as fast as redact-pii on the same text`)
    if (core) lines.push(`- JSON ${corpus}: addon \`scrubJsonString(text)\` costs ${fmt(txt.ns / core.ns, 2)}× the core's \`scrub_json_str\``)
  }
  process.stdout.write(`${lines.join('\n')}\n`)
  if (!fastRedact || !redactPii) process.stderr.write('fast-redact or redact-pii not installed here (npm ci in node/bench): their rows are left out\n')
  if (c.core) c.core.stop()
  return sink
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
