// Misuse the declarations must reject (tests/types.test.mjs expects errors on lines 5-7).
import { Scrubber } from '../../js/index.js';

const s = new Scrubber();
s.scrub(42);
const n: number = s.scrubJsonString('{}');
s.find('x', { text: 'yes' });
export { n };
