// Typed usage of the package, checked by `tsc --strict --noEmit` (make test-node).
// Lines marked @ts-expect-error must stay type errors.
import { Scrubber, pinoHooks, winstonFormat } from 'scrubjay'
import type { Finding, JsonFinding, ScrubbedJson, Action, RuleInfo, ScrubjayError, ErrorCode } from 'scrubjay'
import pino from 'pino'
import winston from 'winston'

const s: Scrubber = new Scrubber()
new Scrubber(null)
new Scrubber('{"profile": "secrets"}')
new Scrubber({ rules: { email: { action: 'remove' } } })
// @ts-expect-error a number is not a config
new Scrubber(5)

const out: string = s.scrub('mail ada@example.com')
// @ts-expect-error scrub takes a string
s.scrub(Buffer.from('x'))

const found: Finding[] = s.find(out)
const f: Finding | undefined = found[0]
if (f) {
  const action: Action = f.action
  const bounds: [number, number] = [f.start, f.end]
  const rule: string = f.rule
  const text: string | undefined = f.text
  void [action, bounds, rule, text]
}
s.find(out, { text: true })
// @ts-expect-error unknown option type
s.find(out, { text: 'yes' })

const copy: unknown = s.scrubJson({ password: 'x', n: [1, 2] })
const json: string = s.scrubJsonString('{"a": 1}')
const report: ScrubbedJson = s.scrubJsonWithReport('{"a": 1}')
const jf: JsonFinding[] = report.findings
const dry: JsonFinding[] = s.reportJson({ a: 1 })
s.reportJson('{"a": 1}')
const whole: boolean | undefined = jf[0]?.whole
const pointer: string | undefined = dry[0]?.pointer

const buf: Buffer = s.scrubBuffer(Buffer.from('x'))
s.scrubBuffer(new Uint8Array(4))
const many: string[] = s.scrubMany(['a', 'b'])
const p1: Promise<string> = s.scrubAsync('x')
const p2: Promise<string[]> = s.scrubManyAsync(['x'])

const version: string = Scrubber.version()
const rules: RuleInfo[] = Scrubber.rules()
const ids: string[] = Scrubber.rules().map((r) => `${r.id} ${r.category} ${r.description} ${r.profiles.join(',')}`)

try {
  new Scrubber({ rules: { emial: {} } })
} catch (e) {
  const err = e as ScrubjayError
  const code: ErrorCode = err.code
  const where: number | undefined = err.line
  const r: string | undefined = err.rule
  void [code, where, r]
}

const logger = pino({ hooks: pinoHooks(s) })
pino({ hooks: pinoHooks({ profile: 'strict' }) })
const wlogger = winston.createLogger({
  format: winston.format.combine(winstonFormat(s), winston.format.json()),
  transports: [new winston.transports.Console()],
})

void [copy, json, whole, pointer, buf, many, p1, p2, version, rules, ids, logger, wlogger]
