// ESM entry point: the same module as index.js (CommonJS), re-exported.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const scrubjay = require('./index.js')

export const { Scrubber, pinoHooks, winstonFormat } = scrubjay
export default scrubjay
