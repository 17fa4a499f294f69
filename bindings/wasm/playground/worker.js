// Runs the scrubber off the main thread, so that the page stays responsive
// on large pastes. The page starts two of these and splits the work.
import { Scrubber } from './scrubjay/index.js';

let scrubber = new Scrubber();

function errorInfo(e) {
  return { message: e.message, code: e.code, line: e.line, column: e.column, rule: e.rule, path: e.path };
}

self.onmessage = ({ data }) => {
  const t0 = performance.now();
  try {
    switch (data.type) {
      case 'config': {
        // The page sends the editor's text as is: an empty editor means the default profile.
        const next = new Scrubber(data.config.trim() === '' ? null : data.config);
        scrubber.free();
        scrubber = next;
        self.postMessage({ id: data.id, ok: true });
        break;
      }
      case 'rules':
        self.postMessage({ id: data.id, ok: true, rules: Scrubber.rules(), version: Scrubber.version() });
        break;
      case 'scrub':
        self.postMessage({ id: data.id, ok: true, text: scrubber.scrub(data.input), ms: performance.now() - t0 });
        break;
      case 'find':
        self.postMessage({ id: data.id, ok: true, findings: scrubber.find(data.input, { text: true }), ms: performance.now() - t0 });
        break;
      case 'json':
        self.postMessage({ id: data.id, ok: true, ...scrubber.scrubJsonWithReport(data.input), ms: performance.now() - t0 });
        break;
      default:
        throw new Error(`unknown request ${data.type}`);
    }
  } catch (e) {
    self.postMessage({ id: data.id, ok: false, error: errorInfo(e) });
  }
};

self.postMessage({ ready: true });
