'use strict'
// Real pino and winston loggers writing to captured streams.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Writable } = require('node:stream')
const pino = require('pino')
const winston = require('winston')
const { Scrubber, pinoHooks, winstonFormat } = require('..')

const scrubber = new Scrubber()

function capture() {
  const lines = []
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString())
      cb()
    },
  })
  return { lines, stream }
}

test('pino: hooks.streamWrite scrubs every line, fields and message', () => {
  const { lines, stream } = capture()
  const logger = pino({ hooks: pinoHooks(scrubber) }, stream)
  logger.info({ user: { email: 'ada@example.com', id: 42 }, password: 'hunter2' }, 'login from 10.1.2.3')
  logger.child({ requestId: 'r1', clientIp: '192.168.1.20' }).warn('card 4111 1111 1111 1111 declined')
  logger.info('nothing to hide')
  logger.error(new Error('db error for ada@example.com'))
  assert.equal(lines.length, 4)
  for (const line of lines) assert.ok(line.endsWith('\n'))
  const [a, b, c, d] = lines.map((l) => JSON.parse(l))
  assert.equal(a.msg, 'login from [ipv4]')
  assert.deepEqual(a.user, { email: '[email]', id: 42 })
  assert.equal(a.password, '[sensitive_key]')
  assert.equal(a.level, 30)
  assert.equal(typeof a.time, 'number', 'timestamps stay numbers')
  assert.equal(a.pid, process.pid)
  assert.equal(b.clientIp, '[ipv4]')
  assert.equal(b.requestId, 'r1')
  assert.equal(b.msg, 'card [credit_card] declined')
  assert.equal(c.msg, 'nothing to hide')
  assert.equal(d.msg, 'db error for [email]')
  assert.match(d.err.stack, /^Error: db error for \[email\]/)
  assert.ok(!lines.join('').includes('ada@example.com'))
  assert.ok(!lines.join('').includes('hunter2'))
})

test('pino: hooks from a config; a line that is not JSON is scrubbed as text', () => {
  const hooks = pinoHooks({ rules: { email: { action: 'remove' } } })
  assert.equal(hooks.streamWrite('{"msg":"to ada@example.com"}\n'), '{"msg":"to "}\n')
  assert.equal(hooks.streamWrite('plain ada@example.com 10.0.0.1\n'), 'plain  [ipv4]\n')
  const { lines, stream } = capture()
  pino({ hooks: pinoHooks() }, stream).info('ip 10.0.0.1')
  assert.equal(JSON.parse(lines[0]).msg, 'ip [ipv4]')
})

test('winston: format first, json() last', () => {
  const { lines, stream } = capture()
  const logger = winston.createLogger({
    format: winston.format.combine(winstonFormat(scrubber), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
  })
  const err = new Error('boom')
  logger.info('login from 10.1.2.3', { user: { email: 'ada@example.com' }, password: 'hunter2', count: 3 })
  logger.warn('clean message', { meta: { ok: true } })
  logger.error('failed for ada@example.com', { cause: err })
  assert.equal(lines.length, 3)
  const [a, b, c] = lines.map((l) => JSON.parse(l))
  assert.deepEqual(a, { level: 'info', message: 'login from [ipv4]', user: { email: '[email]' }, password: '[sensitive_key]', count: 3 })
  assert.deepEqual(b, { level: 'warn', message: 'clean message', meta: { ok: true } })
  assert.equal(c.message, 'failed for [email]')
  assert.ok(!lines.join('').includes('ada@example.com'))
})

test('winston: fields without findings keep their identity; cycles do not throw', () => {
  const fmt = winstonFormat(scrubber)
  const err = new Error('x')
  const info = { level: 'info', message: 'ip 10.0.0.1', err, [Symbol.for('level')]: 'info' }
  const out = fmt.transform(info)
  assert.equal(out, info)
  assert.equal(out.err, err, 'an Error without findings stays the same object')
  assert.equal(out.message, 'ip [ipv4]')
  assert.equal(out[Symbol.for('level')], 'info', 'symbol keys kept')
  const cyclic = { note: 'ada@example.com' }
  cyclic.self = cyclic
  const withCycle = fmt.transform({ level: 'info', message: 'mail ada@example.com', data: cyclic, n: 10n })
  assert.equal(withCycle.message, 'mail [email]')
  assert.equal(withCycle.data, '[object Object]')
  assert.equal(withCycle.n, '10')
})

test('winston: after a finalizing format, the final line is scrubbed', () => {
  const { lines, stream } = capture()
  const logger = winston.createLogger({
    format: winston.format.combine(
      winston.format.printf((info) => `${info.level}: ${info.message} token=${info.token}`),
      winstonFormat(scrubber),
    ),
    transports: [new winston.transports.Stream({ stream })],
  })
  logger.info('mail ada@example.com', { token: 'ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })
  assert.equal(lines[0].trim(), 'info: mail [email] token=[github_token]')
})
