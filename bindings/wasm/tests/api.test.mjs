// The shared JavaScript API (the same shape as the Node addon's), run
// against the wasm package under Node: every method, the UTF-16 offsets,
// the argument checks and the coded errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Scrubber, pkgDir, throwsCode } from './helpers.mjs';

const s = new Scrubber();

test('constructor: default profile from nothing, undefined or null', () => {
  for (const scrubber of [new Scrubber(), new Scrubber(undefined), new Scrubber(null)]) {
    assert.equal(scrubber.scrub('mail ada@example.com'), 'mail [email]');
  }
});

test('constructor: a config object or its JSON text', () => {
  const config = { rules: { email: { action: 'remove' } } };
  assert.equal(new Scrubber(config).scrub('to: ada@example.com'), 'to: ');
  assert.equal(new Scrubber(JSON.stringify(config)).scrub('to: ada@example.com'), 'to: ');
  assert.equal(new Scrubber({ profile: 'secrets' }).scrub('ada@example.com'), 'ada@example.com');
  const custom = new Scrubber({ rules: { ticket: { pattern: 'TICKET-[0-9]+' } } });
  assert.equal(custom.scrub('see TICKET-42'), 'see [ticket]');
});

test('constructor: a bad config is SCRUBJAY_CONFIG with the core message', () => {
  throwsCode(assert, () => new Scrubber({ rules: { emial: { enabled: true } } }), 'SCRUBJAY_CONFIG', /did you mean `email`/);
  assert.throws(() => new Scrubber({ rules: { x: { pattern: 'a*' } } }), (e) => e.rule === 'x' && /empty string/.test(e.message));
  // JSON text: the error says where.
  assert.throws(() => new Scrubber('{\n  "profile": "default",\n  "rules": {,}\n}'), (e) => {
    assert.equal(e.code, 'SCRUBJAY_CONFIG');
    assert.equal(e.line, 3);
    assert.ok(e.column > 10, `column ${e.column}`);
    assert.match(e.message, new RegExp(`line 3, column ${e.column}`));
    return true;
  });
  // An object: the path, and the position in JSON.stringify(config, null, 2).
  assert.throws(() => new Scrubber({ rules: { email: { action: 'nope' } } }), (e) => {
    assert.equal(e.code, 'SCRUBJAY_CONFIG');
    assert.equal(e.path, 'rules.email.action');
    assert.match(e.message, /unknown variant `nope`/);
    return true;
  });
  throwsCode(assert, () => new Scrubber({ profile: 'defualt' }), 'SCRUBJAY_CONFIG', /unknown profile `defualt`/);
  throwsCode(assert, () => new Scrubber({ rules: { email: { action: 'hash' } } }), 'SCRUBJAY_CONFIG', /hash_key/);
  throwsCode(assert, () => new Scrubber('[]'), 'SCRUBJAY_CONFIG');
});

test('user regexes: Unicode scripts and properties work; Age and segmentation properties are left out (size)', () => {
  const u = new Scrubber({ profile: 'none', rules: { greek: { pattern: '\\p{Greek}+' }, alpha: { pattern: '\\p{Alphabetic}\\p{Nd}' } } });
  assert.equal(u.scrub('abc αβγ x9'), 'abc [greek] [alpha]');
  for (const p of ['\\p{Age:3.0}', '\\p{Word_Break=ALetter}', '\\p{Grapheme_Cluster_Break=Extend}']) {
    assert.throws(() => new Scrubber({ rules: { u: { pattern: p } } }), (e) => {
      assert.equal(e.code, 'SCRUBJAY_CONFIG');
      assert.equal(e.rule, 'u');
      assert.match(e.message, /Unicode property/);
      return true;
    });
  }
});

test('constructor: wrong types are SCRUBJAY_INVALID_ARG TypeErrors', () => {
  for (const bad of [42, true, () => {}, Symbol('x'), 10n]) {
    assert.throws(() => new Scrubber(bad), (e) => e instanceof TypeError && e.code === 'SCRUBJAY_INVALID_ARG');
  }
  throwsCode(assert, () => new Scrubber({ rules: { email: { action: () => 1 } } }), 'SCRUBJAY_INVALID_ARG', /function/);
});

test('scrub: replaces findings and keeps everything else', () => {
  assert.equal(s.scrub('user=ada@example.com ip=10.1.2.3 password=hunter2'), 'user=[email] ip=[ipv4] password=[password_assignment]');
  const clean = 'GET /api/v1/items?page=2 200 12ms';
  assert.equal(s.scrub(clean), clean);
  assert.equal(s.scrub(''), '');
  assert.equal(s.scrub('été 😀 ada@example.com 中文'), 'été 😀 [email] 中文');
});

test('scrub: lone surrogates become U+FFFD, nothing breaks', () => {
  assert.equal(s.scrub('\ud800 ada@example.com'), '\ufffd [email]');
});

test('scrub and find: non-strings are SCRUBJAY_INVALID_ARG', () => {
  for (const bad of [undefined, null, 1, {}, ['a'], Buffer.from('a')]) {
    throwsCode(assert, () => s.scrub(bad), 'SCRUBJAY_INVALID_ARG', /text must be a string/);
    throwsCode(assert, () => s.find(bad), 'SCRUBJAY_INVALID_ARG', /text must be a string/);
  }
});

test('find: UTF-16 offsets that slice the input', () => {
  const text = '😀 é ada@example.com, ☎ +44 20 7946 0958 中 10.0.0.1';
  const found = s.find(text);
  assert.deepEqual(found.map((f) => f.rule), ['email', 'phone', 'ipv4']);
  assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['ada@example.com', '+44 20 7946 0958', '10.0.0.1']);
  for (const f of found) {
    assert.equal(f.action, 'replace');
    assert.ok(!('text' in f), 'text only on request');
  }
  const withText = s.find(text, { text: true });
  assert.deepEqual(withText.map((f) => f.text), ['ada@example.com', '+44 20 7946 0958', '10.0.0.1']);
  assert.deepEqual(s.find(text, {}), found);
  assert.deepEqual(s.find(text, { text: false }), found);
  assert.deepEqual(s.find('nothing here'), []);
});

test('find: actions come from the config', () => {
  const k = new Scrubber({ rules: { email: { action: 'keep' }, ipv4: { action: { type: 'mask', keep_last: 1 } } } });
  const found = k.find('ada@example.com 10.0.0.1');
  assert.deepEqual(found.map((f) => [f.rule, f.action]), [['email', 'keep'], ['ipv4', 'mask']]);
  assert.equal(k.scrub('ada@example.com 10.0.0.1'), 'ada@example.com *******1');
});

test('find: bad options are SCRUBJAY_INVALID_ARG', () => {
  throwsCode(assert, () => s.find('x', 'text'), 'SCRUBJAY_INVALID_ARG', /options must be an object/);
  throwsCode(assert, () => s.find('x', { text: 'yes' }), 'SCRUBJAY_INVALID_ARG', /options.text must be a boolean/);
  assert.deepEqual(s.find('x', null), []);
});

test('scrubJson: a scrubbed deep copy; the argument is untouched', () => {
  const event = {
    user: { email: 'ada@example.com', age: 36, tags: ['vip', 'x 10.0.0.1'] },
    password: 'hunter2',
    card: 4111111111111111,
    when: new Date(0),
    skip: undefined,
    ok: true,
    none: null,
  };
  const before = structuredClone(event);
  const out = s.scrubJson(event);
  assert.deepEqual(out, {
    user: { email: '[email]', age: 36, tags: ['vip', 'x [ipv4]'] },
    password: '[sensitive_key]',
    card: '[credit_card]',
    when: '1970-01-01T00:00:00.000Z',
    ok: true,
    none: null,
  });
  assert.deepEqual(event, before);
  assert.notEqual(s.scrubJson(before.user), before.user, 'a copy even when clean');
  assert.equal(s.scrubJson('ada@example.com'), '[email]', 'a string is a JSON string value');
  assert.equal(s.scrubJson(42), 42);
  assert.deepEqual(s.scrubJson([]), []);
});

test('scrubJson: values JSON cannot hold are SCRUBJAY_INVALID_ARG', () => {
  const cycle = { a: 1 };
  cycle.self = cycle;
  for (const bad of [undefined, () => 1, Symbol('s'), 10n, { f() {} }, [1, 2n], cycle, { nested: { sym: Symbol('x') } }]) {
    throwsCode(assert, () => s.scrubJson(bad), 'SCRUBJAY_INVALID_ARG');
    throwsCode(assert, () => s.reportJson(bad), 'SCRUBJAY_INVALID_ARG');
  }
  throwsCode(assert, () => s.scrubJson({ toJSON() { throw new Error('boom'); } }), 'SCRUBJAY_INVALID_ARG', /boom/);
});

test('scrubJson: deep nesting is an error or a result, never a crash', () => {
  let deep = 'ada@example.com';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  try {
    const out = s.scrubJson(deep);
    assert.ok(Array.isArray(out));
  } catch (e) {
    assert.equal(e.code, 'SCRUBJAY_JSON');
  }
  // The text API has no depth limit.
  const text = '['.repeat(100_000) + '"ada@example.com"' + ']'.repeat(100_000);
  const report = s.reportJson(text);
  assert.equal(report.length, 1);
  assert.equal(report[0].pointer, '/0'.repeat(100_000));
});

test('scrubJsonString: formatting kept, errors with line and column', () => {
  const doc = '{\n  "msg": "mail ada@example.com",\n  "n": 1.50,\n  "token": "abc"\n}';
  assert.equal(s.scrubJsonString(doc), '{\n  "msg": "mail [email]",\n  "n": 1.50,\n  "token": "[sensitive_key]"\n}');
  assert.throws(() => s.scrubJsonString('{\n  "a": tru\n}'), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'SCRUBJAY_JSON');
    assert.match(e.message, /^invalid JSON at line 2, column 8:/);
    assert.deepEqual([e.line, e.column], [2, 8]);
    return true;
  });
  throwsCode(assert, () => s.scrubJsonString({ a: 1 }), 'SCRUBJAY_INVALID_ARG', /json must be a string/);
  throwsCode(assert, () => s.scrubJsonWithReport(1), 'SCRUBJAY_INVALID_ARG', /json must be a string/);
});

test('scrubJsonWithReport: text and findings with UTF-16 offsets in decoded strings', () => {
  // "\u00e9" decodes to é (2 UTF-8 bytes, 1 UTF-16 unit); the emoji is 4 bytes, 2 units.
  const doc = '{"msg": "\\u00e9\\ud83d\\ude00 ada@example.com", "k\\u00e9y": "😀 10.0.0.1", "password": "sécret", "n": 4111111111111111, "auth": {"a": 1}}';
  const r = s.scrubJsonWithReport(doc);
  assert.equal(r.text, '{"msg": "\\u00e9\\ud83d\\ude00 [email]", "k\\u00e9y": "😀 [ipv4]", "password": "[sensitive_key]", "n": "[credit_card]", "auth": "[sensitive_key]"}');
  const decoded = JSON.parse(doc);
  const byPointer = Object.fromEntries(r.findings.map((f) => [f.pointer, f]));
  assert.equal(decoded.msg.slice(byPointer['/msg'].start, byPointer['/msg'].end), 'ada@example.com');
  assert.equal(decoded['kéy'].slice(byPointer['/kéy'].start, byPointer['/kéy'].end), '10.0.0.1');
  assert.deepEqual(byPointer['/password'], { pointer: '/password', rule: 'sensitive_key', start: 0, end: 6, action: 'replace', whole: true });
  assert.deepEqual([byPointer['/n'].start, byPointer['/n'].end, byPointer['/n'].whole], [0, 16, false]);
  // A whole non-string value: the core's byte values, passed through.
  assert.deepEqual([byPointer['/auth'].start, byPointer['/auth'].end, byPointer['/auth'].whole], [0, 8, true]);
  assert.deepEqual(s.reportJson(doc), r.findings);
  assert.deepEqual(s.scrubJsonWithReport('{"ok": 1}'), { text: '{"ok": 1}', findings: [] });
});

test('reportJson: a string is JSON text, anything else a value; nothing is changed', () => {
  const value = { user: { email: 'ada@example.com' }, list: ['10.0.0.1'] };
  const before = structuredClone(value);
  const fromValue = s.reportJson(value);
  assert.deepEqual(fromValue.map((f) => [f.pointer, f.rule]), [['/user/email', 'email'], ['/list/0', 'ipv4']]);
  assert.deepEqual(s.reportJson(JSON.stringify(value)), fromValue);
  assert.deepEqual(value, before);
  throwsCode(assert, () => s.reportJson('not json'), 'SCRUBJAY_JSON', /line 1, column 1/);
});

test('version: the package version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(Scrubber.version(), pkg.version);
  assert.match(Scrubber.version(), /^\d+\.\d+\.\d+/);
});

test('rules: the builtin catalogue with the profiles that enable each rule', () => {
  const rules = Scrubber.rules();
  assert.ok(rules.length > 20);
  for (const r of rules) {
    assert.deepEqual(Object.keys(r).sort(), ['category', 'description', 'id', 'profiles']);
    assert.match(r.id, /^[a-z][a-z0-9_]*$/);
    assert.ok(['pii', 'secret', 'network', 'identifier'].includes(r.category), r.category);
    assert.ok(r.description.length > 10);
    assert.ok(r.profiles.includes('strict'), `${r.id}: strict enables every rule`);
    assert.equal(r.profiles.includes('secrets'), r.category === 'secret', r.id);
  }
  const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
  assert.deepEqual(byId.email.profiles, ['default', 'strict']);
  assert.ok(!byId.uuid.profiles.includes('default'), 'uuid is optional');
  // A fresh array each call: callers cannot corrupt the catalogue.
  rules.length = 0;
  assert.ok(Scrubber.rules().length > 20);
});

test('hash: keyed, stable, and refused without a key', () => {
  const h = new Scrubber({ hash_key: 'k1', rules: { email: { action: 'hash' } } });
  const a = h.scrub('ada@example.com');
  assert.equal(a, h.scrub('ada@example.com'));
  assert.notEqual(a, 'ada@example.com');
  assert.notEqual(a, new Scrubber({ hash_key: 'k2', rules: { email: { action: 'hash' } } }).scrub('ada@example.com'));
});

test('many scrubbers can be made and freed', () => {
  for (let i = 0; i < 50; i++) {
    const t = new Scrubber({ profile: 'secrets' });
    assert.equal(t.scrub('AKIAIOSFODNN7EXAMPLE'), '[aws_access_key_id]');
    t.free();
  }
  const u = new Scrubber();
  u.free();
  assert.throws(() => u.scrub('x'), 'a freed scrubber is an error, not a crash');
});
