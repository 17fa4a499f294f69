'use strict'
// Every method of Scrubber, with the default profile and with configs.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Scrubber } = require('..')

const s = new Scrubber()

test('construct: default, null, object and JSON text configs', () => {
  assert.equal(new Scrubber(null).scrub('ada@example.com'), '[email]')
  assert.equal(new Scrubber(undefined).scrub('ada@example.com'), '[email]')
  const cfg = { rules: { email: { action: 'remove' } } }
  assert.equal(new Scrubber(cfg).scrub('to: ada@example.com'), 'to: ')
  assert.equal(new Scrubber(JSON.stringify(cfg)).scrub('to: ada@example.com'), 'to: ')
  assert.equal(new Scrubber({ profile: 'secrets' }).scrub('ada@example.com'), 'ada@example.com')
  assert.deepEqual(cfg, { rules: { email: { action: 'remove' } } }, 'config object untouched')
})

test('custom rules: pattern, terms, mask and keyed hash', () => {
  const t = new Scrubber({
    rules: {
      employee_id: { pattern: 'EMP-[0-9]{6}', action: { type: 'mask', keep_last: 2 } },
      customers: { terms: ['Ada Lovelace'], action: 'replace' },
      email: { action: 'hash' },
    },
    hash_key: 'k3y',
  })
  const out = t.scrub('EMP-123456 wrote to Ada Lovelace at ada@example.com')
  assert.match(out, /^\*{8}56 wrote to \[customers\] at \[email:[0-9a-f]+\]$/)
  assert.equal(t.scrub('ada@example.com'), t.scrub('ada@example.com'), 'hash is deterministic')
})

test('scrub returns the very same string when nothing matched', () => {
  const clean = 'GET /api/v1/items?page=2 200 12ms'
  assert.equal(s.scrub(clean), clean)
  assert.equal(s.scrub(''), '')
  assert.equal(s.scrub('card 4111 1111 1111 1111 ip 10.1.2.3'), 'card [credit_card] ip [ipv4]')
})

test('find: rule, start, end, action; text only on request', () => {
  const text = 'user=ada@example.com ip=10.1.2.3'
  const found = s.find(text)
  assert.deepEqual(found, [
    { rule: 'email', start: 5, end: 20, action: 'replace' },
    { rule: 'ipv4', start: 24, end: 32, action: 'replace' },
  ])
  assert.ok(!('text' in found[0]))
  const withText = s.find(text, { text: true })
  assert.deepEqual(
    withText.map((f) => f.text),
    ['ada@example.com', '10.1.2.3'],
  )
  assert.deepEqual(s.find(text, { text: false }), found)
  assert.deepEqual(s.find('nothing here'), [])
  const keep = new Scrubber({ rules: { ipv4: { action: 'keep' } } })
  assert.deepEqual(keep.find('ip 10.0.0.1'), [{ rule: 'ipv4', start: 3, end: 11, action: 'keep' }])
  assert.equal(keep.scrub('ip 10.0.0.1'), 'ip 10.0.0.1')
})

test('scrubBuffer: Buffer and Uint8Array, no copy when clean, invalid UTF-8 kept', () => {
  const buf = Buffer.from('x 10.0.0.1 y')
  const out = s.scrubBuffer(buf)
  assert.ok(Buffer.isBuffer(out))
  assert.equal(out.toString(), 'x [ipv4] y')
  assert.equal(buf.toString(), 'x 10.0.0.1 y', 'input untouched')

  const clean = Buffer.from('nothing to see')
  assert.equal(s.scrubBuffer(clean), clean, 'the same Buffer')

  const u8 = new TextEncoder().encode('mail ada@example.com')
  assert.equal(s.scrubBuffer(u8).toString(), 'mail [email]')
  const cleanU8 = new Uint8Array([0x61, 0x62, 0x63, 0x64]).subarray(1, 3)
  const view = s.scrubBuffer(cleanU8)
  assert.ok(Buffer.isBuffer(view))
  assert.equal(view.toString(), 'bc')
  assert.equal(view.buffer, cleanU8.buffer, 'same memory, not a copy')
  assert.equal(view.byteOffset, 1)

  const invalid = Buffer.from([0xff, 0x20, ...Buffer.from('ada@example.com'), 0x20, 0xc3])
  assert.deepEqual(s.scrubBuffer(invalid), Buffer.from([0xff, 0x20, ...Buffer.from('[email]'), 0x20, 0xc3]))
  assert.equal(s.scrubBuffer(Buffer.alloc(0)).length, 0)
})

test('scrubMany: each text as scrub gives it, unchanged ones the same strings', () => {
  const texts = ['clean', 'ip 10.0.0.1', '', 'mail ada@example.com', '😀 10.0.0.2']
  assert.deepEqual(
    s.scrubMany(texts),
    texts.map((t) => s.scrub(t)),
  )
  assert.deepEqual(s.scrubMany([]), [])
  // Texts do not run into each other.
  assert.deepEqual(s.scrubMany(['ada@exam', 'ple.com']), ['ada@exam', 'ple.com'])
})

test('scrubAsync and scrubManyAsync resolve to what the sync calls give', async () => {
  const p = s.scrubAsync('ip 10.0.0.1')
  assert.ok(p instanceof Promise)
  assert.equal(await p, 'ip [ipv4]')
  assert.equal(await s.scrubAsync('clean'), 'clean')
  const texts = ['clean', 'ip 10.0.0.1', 'mail ada@example.com']
  assert.deepEqual(await s.scrubManyAsync(texts), s.scrubMany(texts))
  assert.deepEqual(await s.scrubManyAsync([]), [])
  // Many at once on the pool.
  const many = Array.from({ length: 64 }, (_, i) => `req ${i} from 10.0.${i}.1 user${i}@example.com`)
  const results = await Promise.all(many.map((t) => s.scrubAsync(t)))
  assert.deepEqual(results, many.map((t) => s.scrub(t)))
})

test('scrubJson: a scrubbed deep copy; the argument is never modified', () => {
  const event = {
    user: { email: 'ada@example.com', id: 42, tags: ['a', 'b'] },
    password: 'hunter2',
    msg: 'login from 10.1.2.3',
    ok: true,
    nothing: null,
    when: new Date(0),
    skipped: undefined,
  }
  const snapshot = JSON.stringify(event)
  const out = s.scrubJson(event)
  assert.deepEqual(out, {
    user: { email: '[email]', id: 42, tags: ['a', 'b'] },
    password: '[sensitive_key]',
    msg: 'login from [ipv4]',
    ok: true,
    nothing: null,
    when: '1970-01-01T00:00:00.000Z',
  })
  assert.equal(JSON.stringify(event), snapshot)
  assert.notEqual(out.user, event.user)
  const clean = { a: [1, { b: 'x' }] }
  const copy = s.scrubJson(clean)
  assert.deepEqual(copy, clean)
  assert.notEqual(copy, clean, 'a copy even when clean')
  assert.equal(s.scrubJson('mail ada@example.com'), 'mail [email]')
  assert.equal(s.scrubJson(4111111111111111), '[credit_card]')
  assert.equal(s.scrubJson(null), null)
  assert.deepEqual(s.scrubJson([]), [])
})

test('scrubJsonString keeps formatting; same string when clean', () => {
  const doc = '{\n  "msg": "mail ada@example.com",\n  "n": 1.50,\n  "token": "abc"\n}'
  assert.equal(s.scrubJsonString(doc), '{\n  "msg": "mail [email]",\n  "n": 1.50,\n  "token": "[sensitive_key]"\n}')
  const clean = '{"ok":   true, "n": 1.50}'
  assert.equal(s.scrubJsonString(clean), clean)
})

test('scrubJsonWithReport and reportJson', () => {
  const doc = '{"user": {"email": "ada@example.com"}, "password": "hunter2", "apiKey": 12345}'
  const r = s.scrubJsonWithReport(doc)
  assert.equal(r.text, '{"user": {"email": "[email]"}, "password": "[sensitive_key]", "apiKey": "[sensitive_key]"}')
  const want = [
    { pointer: '/user/email', rule: 'email', start: 0, end: 15, action: 'replace', whole: false },
    { pointer: '/password', rule: 'sensitive_key', start: 0, end: 7, action: 'replace', whole: true },
    // A whole non-string value: the core's byte length of its JSON text.
    { pointer: '/apiKey', rule: 'sensitive_key', start: 0, end: 5, action: 'replace', whole: true },
  ]
  assert.deepEqual(r.findings, want)
  assert.deepEqual(s.reportJson(doc), want, 'string: JSON text')
  assert.deepEqual(s.reportJson(JSON.parse(doc)).map((f) => f.pointer), ['/user/email', '/password', '/apiKey'])
  const clean = '{"a": 1}'
  const c = s.scrubJsonWithReport(clean)
  assert.equal(c.text, clean)
  assert.deepEqual(c.findings, [])
  assert.deepEqual(s.reportJson({ a: 'ip 10.0.0.1' }), [
    { pointer: '/a', rule: 'ipv4', start: 3, end: 11, action: 'replace', whole: false },
  ])
  // Pointer escapes.
  assert.deepEqual(s.reportJson({ 'a/b~c': 'é 10.0.0.1' }), [
    { pointer: '/a~1b~0c', rule: 'ipv4', start: 2, end: 10, action: 'replace', whole: false },
  ])
})

test('Scrubber.version and Scrubber.rules', () => {
  assert.match(Scrubber.version(), /^\d+\.\d+\.\d+/)
  assert.equal(Scrubber.version(), require('../package.json').version)
  const rules = Scrubber.rules()
  assert.ok(rules.length > 20)
  for (const r of rules) {
    assert.deepEqual(Object.keys(r).sort(), ['category', 'description', 'id', 'profiles'])
    assert.match(r.id, /^[a-z0-9_]+$/)
    assert.ok(['pii', 'secret', 'network', 'identifier'].includes(r.category), r.category)
    assert.ok(r.description.length > 0)
    assert.ok(r.profiles.includes('strict'), `${r.id}: strict enables every builtin`)
  }
  const email = rules.find((r) => r.id === 'email')
  assert.deepEqual(email.profiles, ['default', 'strict'])
  const aws = rules.find((r) => r.id === 'aws_access_key_id')
  assert.deepEqual(aws.profiles, ['default', 'strict', 'secrets'])
  assert.ok(!rules.find((r) => r.id === 'uuid').profiles.includes('default'))
  rules[0].id = 'changed'
  assert.notEqual(Scrubber.rules()[0].id, 'changed', 'a fresh array each call')
})

test('ESM entry point exports the same API', async () => {
  const esm = await import('../index.mjs')
  assert.equal(esm.Scrubber, Scrubber)
  assert.equal(esm.default.Scrubber, Scrubber)
  assert.equal(typeof esm.pinoHooks, 'function')
  assert.equal(typeof esm.winstonFormat, 'function')
})

test('index.d.ts declares exactly the methods Scrubber has', () => {
  const dts = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'index.d.ts'), 'utf8')
  const body = dts.slice(dts.indexOf('export class Scrubber {'), dts.indexOf('\n}\n', dts.indexOf('export class Scrubber {')))
  const declared = [...body.matchAll(/^  (static )?(\w+)\(/gm)].map((m) => (m[1] ? `static ${m[2]}` : m[2])).filter((n) => n !== 'constructor').sort()
  const actual = [
    ...Object.getOwnPropertyNames(Scrubber.prototype).filter((n) => n !== 'constructor'),
    ...Object.getOwnPropertyNames(Scrubber).filter((n) => typeof Scrubber[n] === 'function').map((n) => `static ${n}`),
  ].sort()
  assert.deepEqual(declared, actual)
  const mod = require('..')
  assert.deepEqual(Object.keys(mod).sort(), ['Scrubber', 'pinoHooks', 'winstonFormat'])
})
