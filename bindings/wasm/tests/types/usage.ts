// Typed use of the package (checked by tests/types.test.mjs with tsc --strict).
import { Scrubber, type Finding, type JsonFinding, type ScrubbedJson, type RuleInfo } from '../../js/index.js';

const s: Scrubber = new Scrubber({ rules: { email: { action: 'remove' } } });
const fromText = new Scrubber('{"profile": "secrets"}');
const byDefault = new Scrubber();
const out: string = s.scrub('ada@example.com');
const found: Finding[] = fromText.find('x', { text: true });
const first: number = found[0].start + found[0].end;
const text: string | undefined = found[0].text;
const action: 'replace' | 'mask' | 'hash' | 'remove' | 'keep' = found[0].action;
const copy: unknown = byDefault.scrubJson({ a: 1 });
const json: string = s.scrubJsonString('{}');
const report: ScrubbedJson = s.scrubJsonWithReport('{}');
const findings: JsonFinding[] = s.reportJson({ a: 'b' });
const whole: boolean = findings[0].whole && report.findings.length > 0;
const version: string = Scrubber.version();
const rules: RuleInfo[] = Scrubber.rules();
const profiles: string[] = rules[0].profiles;
s.free();
export { out, first, text, action, copy, json, whole, version, profiles };
