// The ESM entry point's types (index.mjs), checked with usage.ts.
import { Scrubber } from 'scrubjay'
import scrubjay from 'scrubjay'

const a: string = new Scrubber().scrub('x')
const b: string = new scrubjay.Scrubber().scrub('x')
const c: Promise<string> = new Scrubber().scrubAsync('x')
void [a, b, c]
