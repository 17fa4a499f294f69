// The ESM entry point. node examples/esm.mjs
import { Scrubber } from 'scrubjay'

const scrubber = new Scrubber({ profile: 'secrets' })
console.log(scrubber.scrub('key AKIAIOSFODNN7EXAMPLE, mail ada@example.com stays'))
