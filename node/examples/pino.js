// pino: scrub every log line before it is written. node examples/pino.js
'use strict'
const pino = require('pino')
const { Scrubber, pinoHooks } = require('scrubjay')

const scrubber = new Scrubber() // build once, at startup
const logger = pino({ hooks: pinoHooks(scrubber) })

logger.info({ user: { email: 'ada@example.com', id: 42 }, password: 'hunter2' }, 'login from 10.1.2.3')
logger.child({ requestId: 'r-17' }).warn('payment with card 4111 1111 1111 1111 declined')
logger.info('nothing to hide here')
