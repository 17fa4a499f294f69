// The playground page: a config editor, an input, the scrubbed output with
// each finding highlighted and labelled, the findings and the rule
// catalogue. Scrubbing runs in two module workers (scrub ‖ find), so a
// large paste costs one pass of wall time and never blocks typing.
import { locateReplacements, valueSpans, shareLink, configFromHash } from './align.js';

const DEFAULT_CONFIG = '{\n  "profile": "default",\n  "rules": {}\n}\n';
// Pastes larger than this are kept in memory and shown as a preview: a
// textarea holding megabytes costs the browser hundreds of milliseconds of
// layout on every change.
const BIG_PASTE = 256 * 1024;
const PREVIEW = 16 * 1024;
const MAX_ROWS = 1000;
const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'), config: $('config'), backdrop: $('config-backdrop'), configError: $('config-error'),
  input: $('input'), inputError: $('input-error'), output: $('output'), timing: $('timing'),
  findings: $('findings').tBodies[0], count: $('finding-count'), rules: $('rules').tBodies[0],
  filter: $('rules-filter'), version: $('version'), share: $('share'), shareLink: $('share-link'), reset: $('reset'),
};

// --- workers -----------------------------------------------------------
let nextId = 1;
const pending = new Map();
function startWorker() {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const ready = new Promise((resolve, reject) => {
    w.onerror = (e) => reject(new Error(e.message || 'the scrubber worker failed to start'));
    w.onmessage = ({ data }) => {
      if (data.ready) return resolve(w);
      const p = pending.get(data.id);
      pending.delete(data.id);
      if (p) data.ok ? p.resolve(data) : p.reject(data.error);
    };
  });
  return ready;
}
function request(worker, message) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

// --- config --------------------------------------------------------------
function showConfigError(error) {
  const text = ui.config.value;
  ui.backdrop.replaceChildren();
  if (!error) {
    ui.configError.hidden = true;
    ui.backdrop.textContent = text + '\n';
    return;
  }
  ui.configError.hidden = false;
  ui.configError.textContent = error.message + (error.line ? '' : '');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const node = i + 1 === error.line ? Object.assign(document.createElement('span'), { className: 'bad-line', textContent: line || ' ' }) : document.createTextNode(line);
    ui.backdrop.append(node, '\n');
  });
}

async function applyConfig(workers) {
  const config = ui.config.value;
  try {
    await Promise.all(workers.map((w) => request(w, { type: 'config', config })));
    showConfigError(null);
    document.body.dataset.configs = String(Number(document.body.dataset.configs || 0) + 1);
    return true;
  } catch (error) {
    showConfigError(error);
    ui.status.textContent = 'config error: the output uses the last valid config';
    return false;
  }
}

// --- rendering -----------------------------------------------------------
/** `line:column` (1-based) of increasing indices into `text`, in one pass overall. */
function lineCols(text) {
  let line = 1;
  let lineStart = 0;
  return (index) => {
    if (index < lineStart) {
      line = 1;
      lineStart = 0;
    }
    for (let i = text.indexOf('\n', lineStart); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return `${line}:${index - lineStart + 1}`;
  };
}

/**
 * Renders the output with its highlights, in blocks of about 16 KB whose
 * layout the browser skips while they are off screen (content-visibility),
 * so a 1 MB output costs what the visible part costs.
 */
function renderOutput(text, spans) {
  const frag = document.createDocumentFragment();
  let block = document.createElement('div');
  let blockSize = 0;
  const add = (node, size) => {
    block.append(node);
    blockSize += size;
    if (blockSize >= 16384) {
      frag.append(block);
      block = document.createElement('div');
      blockSize = 0;
    }
  };
  let at = 0;
  for (const { start, end, rule, action, title } of spans) {
    if (start < at) continue;
    // Text between highlights is cut at line ends, so blocks hold whole lines.
    let gap = text.slice(at, start);
    while (gap.length > 16384) {
      const cut = gap.indexOf('\n', 8192) + 1 || gap.length;
      add(document.createTextNode(gap.slice(0, cut)), cut);
      gap = gap.slice(cut);
    }
    if (gap) add(document.createTextNode(gap), gap.length);
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    mark.dataset.rule = rule;
    mark.title = title;
    if (action === 'keep') mark.className = 'keep';
    if (start === end) mark.className = 'removed';
    add(mark, end - start);
    at = end;
  }
  let rest = text.slice(at);
  while (rest.length > 16384) {
    const cut = rest.indexOf('\n', 8192) + 1 || rest.length;
    add(document.createTextNode(rest.slice(0, cut)), cut);
    rest = rest.slice(cut);
  }
  if (rest) add(document.createTextNode(rest), rest.length);
  frag.append(block);
  ui.output.replaceChildren(frag);
}

function renderFindings(rows) {
  ui.count.textContent = `(${rows.length})`;
  const frag = document.createDocumentFragment();
  for (const r of rows.slice(0, MAX_ROWS)) {
    const tr = document.createElement('tr');
    for (const [cls, value] of [['', r.rule], ['', r.action], ['', r.where], ['found', r.found]]) {
      const td = document.createElement('td');
      td.textContent = value;
      if (cls) td.className = cls;
      tr.append(td);
    }
    frag.append(tr);
  }
  if (rows.length > MAX_ROWS) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td colspan="4"></td>';
    tr.firstChild.textContent = `… and ${rows.length - MAX_ROWS} more`;
    frag.append(tr);
  }
  ui.findings.replaceChildren(frag);
}

function renderRules(rules) {
  const filter = ui.filter.value.trim().toLowerCase();
  const frag = document.createDocumentFragment();
  for (const r of rules) {
    if (filter && !`${r.id} ${r.category} ${r.description}`.toLowerCase().includes(filter)) continue;
    const tr = document.createElement('tr');
    for (const value of [r.id, r.category, r.profiles.join(', '), r.description]) {
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(td);
    }
    frag.append(tr);
  }
  ui.rules.replaceChildren(frag);
}

const clip = (s) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

// --- running -------------------------------------------------------------
/** A large paste, scrubbed in full while the textarea shows its start. */
let bigInput = null;
const currentInput = () => bigInput ?? ui.input.value;

async function run(workers, startedAt) {
  const input = currentInput();
  const mode = document.querySelector('input[name=mode]:checked').value;
  let spans;
  let rows;
  let detail;
  if (mode === 'text') {
    const [scrubbed, found] = await Promise.all([
      request(workers[0], { type: 'scrub', input }),
      request(workers[1], { type: 'find', input }),
    ]);
    spans = locateReplacements(input, scrubbed.text, found.findings).map(({ finding: f, start, end }) => ({
      start, end, rule: f.rule, action: f.action, title: `${f.rule} (${f.action}): ${clip(f.text ?? '')}`,
    }));
    const where = lineCols(input);
    rows = found.findings.map((f) => ({ rule: f.rule, action: f.action, where: where(f.start), found: clip(f.text ?? '') }));
    ui.inputError.hidden = true;
    renderOutput(scrubbed.text, spans);
    detail = `scrub ${scrubbed.ms.toFixed(0)} ms ‖ find ${found.ms.toFixed(0)} ms`;
  } else {
    let r;
    try {
      r = await request(workers[0], { type: 'json', input });
    } catch (error) {
      ui.inputError.hidden = false;
      ui.inputError.textContent = error.message;
      ui.output.replaceChildren();
      renderFindings([]);
      return;
    }
    ui.inputError.hidden = true;
    const where = valueSpans(r.text);
    const decoded = JSON.parse(input);
    spans = [];
    for (const f of r.findings) {
      const span = where.get(f.pointer);
      if (span && (spans.length === 0 || spans[spans.length - 1].end <= span[0])) {
        spans.push({ start: span[0], end: span[1], rule: f.rule, action: f.action, title: `${f.rule} (${f.action}) at ${f.pointer}` });
      }
    }
    rows = r.findings.map((f) => {
      const value = f.pointer.split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~')).reduce((v, k) => v?.[k], decoded);
      const found = typeof value === 'string' && !f.whole ? value.slice(f.start, f.end) : JSON.stringify(value) ?? '';
      return { rule: f.rule, action: f.action, where: f.pointer || '(document)', found: clip(found) };
    });
    renderOutput(r.text, spans);
    detail = `scrubJsonWithReport ${r.ms.toFixed(0)} ms`;
  }
  renderFindings(rows);
  void ui.output.offsetHeight; // lay out, so the time includes rendering
  const ms = performance.now() - startedAt;
  const size = new TextEncoder().encode(input).length;
  ui.timing.textContent = `${(size / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms (${detail})`;
  window.scrubjayLastRun = { ms, bytes: size, findings: rows.length, marks: spans.length, mode };
  document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
}

async function main() {
  const fromLink = configFromHash(location.hash);
  ui.config.value = fromLink ?? DEFAULT_CONFIG;
  showConfigError(null);
  let workers;
  try {
    workers = await Promise.all([startWorker(), startWorker()]);
  } catch (e) {
    ui.status.textContent = `could not start the scrubber: ${e.message}`;
    return;
  }
  const info = await request(workers[0], { type: 'rules' });
  ui.version.textContent = `(scrubjay ${info.version}, ${info.rules.length} builtin)`;
  renderRules(info.rules);
  ui.filter.addEventListener('input', () => renderRules(info.rules));

  // One run at a time; input that arrives meanwhile is coalesced into one more run.
  let running = false;
  let again = null;
  const schedule = async (startedAt = performance.now()) => {
    if (running) {
      again = again ?? startedAt;
      return;
    }
    running = true;
    try {
      await run(workers, startedAt);
      if (!ui.configError.hidden) ui.status.textContent = 'config error: the output uses the last valid config';
      else ui.status.textContent = 'ready';
    } catch (e) {
      ui.status.textContent = `error: ${e.message ?? e}`;
    } finally {
      running = false;
      if (again !== null) {
        const t = again;
        again = null;
        schedule(t);
      }
    }
  };

  let configTimer;
  ui.config.addEventListener('input', () => {
    showConfigError(null);
    clearTimeout(configTimer);
    configTimer = setTimeout(async () => {
      if (await applyConfig(workers)) schedule();
    }, 150);
  });
  ui.config.addEventListener('scroll', () => { ui.backdrop.scrollTop = ui.config.scrollTop; });
  ui.input.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length < BIG_PASTE) return;
    e.preventDefault();
    const startedAt = performance.now();
    bigInput = text;
    ui.input.value = `${text.slice(0, PREVIEW)}\n… (${(text.length / 1e6).toFixed(2)} MB pasted; the whole paste is scrubbed; edit here to replace it)`;
    ui.input.readOnly = false;
    schedule(startedAt);
  });
  ui.input.addEventListener('input', () => {
    bigInput = null;
    schedule();
  });
  for (const radio of document.querySelectorAll('input[name=mode]')) radio.addEventListener('change', () => schedule());
  ui.reset.addEventListener('click', () => {
    ui.config.value = DEFAULT_CONFIG;
    ui.config.dispatchEvent(new Event('input'));
  });
  ui.share.addEventListener('click', async () => {
    const link = shareLink(location.origin + location.pathname, ui.config.value);
    history.replaceState(null, '', link);
    ui.shareLink.hidden = false;
    ui.shareLink.value = link;
    ui.shareLink.select();
    try {
      await navigator.clipboard.writeText(link);
      ui.status.textContent = 'share link copied (it holds the config, not the input)';
    } catch {
      ui.status.textContent = 'share link below (it holds the config, not the input)';
    }
  });

  if (await applyConfig(workers)) await schedule();
}

main();
