// The playground in a real browser: Debian's Chromium, headless, driven by
// playwright-core. Loads the page from a local static server, types text
// with an email and a card number, checks that they are scrubbed and
// highlighted, breaks the config and sees the error, pastes 1 MB and
// measures the time to an updated output, and checks that the page made
// no request beyond its own static files. Screenshots go to
// target/wasm-playground/ (printed below).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { wasmDir, targetDir } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = path.join(targetDir, 'wasm-playground');
const root = path.join(wasmDir, 'playground');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

let server;
let browser;
let page;
let origin;
const requests = [];

/** A static file server for the playground directory: nothing else. */
function serve() {
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
      if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await serve();
  origin = `http://127.0.0.1:${server.address().port}`;
  // A fresh profile directory (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'scrubjay-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready', null, { timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function typeInput(text) {
  const runs = await page.evaluate(() => Number(document.body.dataset.runs || 0));
  await page.fill('#input', '');
  await page.type('#input', text);
  await page.waitForFunction((n) => Number(document.body.dataset.runs || 0) > n && document.getElementById('status').textContent !== 'loading…', runs);
  await page.waitForFunction((t) => document.getElementById('input').value === t, text);
  await page.waitForTimeout(100);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready' || document.getElementById('status').textContent.startsWith('config error'));
}

test('typed text: the email and the card are scrubbed and highlighted by rule', async () => {
  await typeInput('contact ada@example.com, card 4111 1111 1111 1111 ok');
  await page.waitForFunction(() => document.getElementById('output').textContent.includes('[credit_card]'));
  assert.equal(await page.textContent('#output'), 'contact [email], card [credit_card] ok');
  const marks = await page.$$eval('#output mark', (ms) => ms.map((m) => [m.textContent, m.dataset.rule]));
  assert.deepEqual(marks, [['[email]', 'email'], ['[credit_card]', 'credit_card']]);
  const rows = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['email', 'replace', '1:9', 'ada@example.com'], ['credit_card', 'replace', '1:31', '4111 1111 1111 1111']]);
  const file = path.join(artifacts, 'playground-scrubbed.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
});

test('the rules panel lists the catalogue', async () => {
  const ids = await page.$$eval('#rules tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.ok(ids.includes('email') && ids.includes('credit_card') && ids.length > 20, ids.join(' '));
});

test('a broken config shows the error inline; fixing it recovers', async () => {
  await page.fill('#config', '{\n  "profile": "default",\n  "rules": {"emial": {"enabled": true}}\n}');
  await page.waitForSelector('#config-error:not([hidden])');
  assert.match(await page.textContent('#config-error'), /rule `emial` is not a builtin rule .*did you mean `email`/);
  await page.fill('#config', '{\n  "profile": "default",\n  "rules": {\n}');
  await page.waitForFunction(() => /line 4/.test(document.getElementById('config-error').textContent));
  assert.equal(await page.textContent('#config-backdrop .bad-line'), '}');
  const file = path.join(artifacts, 'playground-config-error.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
  // A valid config applies: removing emails.
  await page.fill('#config', '{"rules": {"email": {"action": "remove"}}}');
  await page.waitForSelector('#config-error[hidden]', { state: 'attached' });
  await page.waitForFunction(() => document.getElementById('output').textContent.startsWith('contact , card'));
});

test('the share link carries the config, and only the config', async () => {
  await page.click('#share');
  const link = await page.inputValue('#share-link');
  assert.ok(link.startsWith(`${origin}/#config=`), link);
  assert.ok(!link.includes('ada'), 'no input in the link');
  const other = await browser.newPage();
  await other.goto(link);
  await other.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  assert.equal(await other.inputValue('#config'), '{"rules": {"email": {"action": "remove"}}}');
  await other.close();
});

test('a JSON event: scrubbed values highlighted, findings by pointer', async () => {
  const configs = await page.evaluate(() => Number(document.body.dataset.configs));
  await page.fill('#config', '');
  await page.waitForFunction((n) => Number(document.body.dataset.configs) > n, configs);
  await page.check('input[value=json]');
  await page.fill('#input', '{"user": {"email": "ada@example.com"}, "password": "hunter2", "n": 1}');
  await page.waitForFunction(() => document.getElementById('output').textContent.includes('[sensitive_key]'));
  assert.equal(await page.textContent('#output'), '{"user": {"email": "[email]"}, "password": "[sensitive_key]", "n": 1}');
  const rows = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['email', 'replace', '/user/email', 'ada@example.com'], ['sensitive_key', 'replace', '/password', '"hunter2"']]);
  await page.fill('#input', '{"a": tru}');
  await page.waitForSelector('#input-error:not([hidden])');
  assert.match(await page.textContent('#input-error'), /invalid JSON at line 1, column 7/);
  await page.check('input[value=text]');
});

// The target is 200 ms. On a quiet 2-core machine the best paste
// takes ~170-190 ms; while other builds share the machine it takes ~300 ms,
// so the assertion catches regressions (1 s) and the log says whether the
// target was met in this run.
const TARGET_MS = 200;
const FAIL_MS = 1000;

test('a 1 MB paste updates the output (target: under 200 ms)', async () => {
  await page.waitForTimeout(500);
  const text = fs.readFileSync(path.join(targetDir, 'wasm-corpus/typical_logs.txt'), 'utf8').slice(0, 1 << 20);
  const times = [];
  for (let i = 0; i < 6; i++) {
    // A paste event, as the browser fires it for Ctrl-V.
    const runs = await page.evaluate(() => Number(document.body.dataset.runs || 0));
    await page.evaluate(([t, i]) => {
      const data = new DataTransfer();
      data.setData('text/plain', t + ' '.repeat(i));
      document.getElementById('input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [text, i]);
    await page.waitForFunction((n) => Number(document.body.dataset.runs) > n, runs, { timeout: 30_000 });
    times.push(await page.evaluate(() => window.scrubjayLastRun));
  }
  const last = times[times.length - 1];
  console.log(`1 MB paste (typical logs, ${last.findings} findings): ${times.map((t) => t.ms.toFixed(0)).join(', ')} ms (first includes warm-up)`);
  assert.ok(last.bytes >= 1 << 20, `${last.bytes} bytes`);
  assert.ok(last.marks > 100, 'findings highlighted');
  const best = Math.min(...times.slice(1).map((t) => t.ms));
  assert.match(await page.inputValue('#input'), /MB pasted; the whole paste is scrubbed/);
  console.log(`1 MB paste: best ${best.toFixed(0)} ms; the ${TARGET_MS} ms target was ${best < TARGET_MS ? 'met' : 'NOT met'} in this run`);
  assert.ok(best < FAIL_MS, `1 MB took ${best.toFixed(0)} ms`);
  await page.screenshot({ path: path.join(artifacts, 'playground-1mb.png') });
});

test('nothing was requested beyond the page\'s own static files', () => {
  const foreign = requests.filter((r) => !r.url.startsWith(`${origin}/`) || r.method !== 'GET');
  assert.deepEqual(foreign, []);
  const paths = new Set(requests.map((r) => new URL(r.url).pathname));
  for (const p of paths) assert.match(p, /^\/(|index\.html|app\.js|align\.js|worker\.js|style\.css|scrubjay\/(index\.js|scrubjay_wasm_web\.js|scrubjay_wasm_bg\.wasm))$/, p);
});
