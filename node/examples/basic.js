// The scrubjay API in a few lines: node examples/basic.js
'use strict'
const { Scrubber } = require('scrubjay')

const scrubber = new Scrubber() // the default profile; or new Scrubber({ rules: { ... } })

// Text: a log line, a request body, a message.
console.log(scrubber.scrub('user=ada@example.com ip=10.1.2.3 card=4111 1111 1111 1111'))
// -> user=[email] ip=[ipv4] card=[credit_card]

// What was found, with JavaScript string indices.
const line = 'café 😀 call +44 20 7946 0958'
for (const f of scrubber.find(line, { text: true })) console.log(f.rule, f.start, f.end, JSON.stringify(f.text))
// -> phone 13 29 "+44 20 7946 0958"

// JSON values (a scrubbed deep copy) and JSON text (formatting kept).
console.log(scrubber.scrubJson({ user: { email: 'ada@example.com' }, password: 'hunter2', n: 3 }))
// -> { user: { email: '[email]' }, password: '[sensitive_key]', n: 3 }
console.log(scrubber.scrubJsonString('{"token": "abc", "msg": "from 10.0.0.1"}'))
// -> {"token": "[sensitive_key]", "msg": "from [ipv4]"}

// Buffers (any bytes) and the thread pool.
console.log(scrubber.scrubBuffer(Buffer.from('mail ada@example.com\n')).toString())
scrubber.scrubAsync('big text with ada@example.com').then((out) => console.log(out))

// A custom config: mask cards, hash emails with a key, a company-specific id.
const custom = new Scrubber({
  hash_key: process.env.SCRUBJAY_HASH_KEY || 'example-key',
  rules: {
    credit_card: { action: { type: 'mask', keep_last: 4 } },
    email: { action: 'hash' },
    employee_id: { pattern: 'EMP-[0-9]{6}' },
  },
})
console.log(custom.scrub('EMP-123456 paid with 4111 1111 1111 1111, receipt to ada@example.com'))
