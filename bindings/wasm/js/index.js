// ES module entry of the scrubjay wasm package (browsers, Deno, bundlers):
// instantiates the module once, with top-level await, so that `Scrubber`
// is ready to use on import, as with the Node entry.
import init, { Scrubber } from './scrubjay_wasm_web.js';

await init({ module_or_path: new URL('./scrubjay_wasm_bg.wasm', import.meta.url) });

export { Scrubber };
