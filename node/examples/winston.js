// winston: a format that scrubs every entry. node examples/winston.js
'use strict'
const winston = require('winston')
const { Scrubber, winstonFormat } = require('scrubjay')

const scrubber = new Scrubber()
const logger = winston.createLogger({
  // Put the scrubbing format first, so every later format sees scrubbed fields.
  format: winston.format.combine(winstonFormat(scrubber), winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
})

logger.info('login from 10.1.2.3', { user: { email: 'ada@example.com' }, apiKey: 'sk_live_abc123' })
logger.error('charge failed for card 4111 1111 1111 1111')
