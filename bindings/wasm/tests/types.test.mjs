// The hand-written TypeScript declarations (js/index.d.ts) type-check a
// usage file under `tsc --strict`, and declare exactly the methods the
// module has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Scrubber, wasmDir } from './helpers.mjs';

test('the declared class members are the runtime ones', () => {
  const dts = fs.readFileSync(path.join(wasmDir, 'js/index.d.ts'), 'utf8');
  const body = dts.slice(dts.indexOf('export class Scrubber'));
  const declared = [...body.matchAll(/^ {2}(?:static )?([A-Za-z]+)\(/gm)].map((m) => m[1]).filter((n) => n !== 'constructor').sort();
  const runtime = [
    ...Object.getOwnPropertyNames(Scrubber.prototype).filter((n) => n !== 'constructor' && typeof n === 'string'),
    ...Object.getOwnPropertyNames(Scrubber).filter((n) => typeof Scrubber[n] === 'function'),
  ].sort();
  for (const name of declared) assert.ok(runtime.includes(name), `${name} is declared but missing`);
  for (const name of ['scrub', 'find', 'scrubJson', 'scrubJsonString', 'scrubJsonWithReport', 'reportJson', 'version', 'rules', 'free']) {
    assert.ok(declared.includes(name), `${name} is not declared`);
  }
});

test('tsc --strict accepts typed usage and rejects misuse', () => {
  const tsc = path.join(wasmDir, 'node_modules/.bin/tsc');
  const run = (file) => {
    try {
      execFileSync(tsc, ['--strict', '--noEmit', '--target', 'es2022', '--lib', 'es2022,esnext.disposable', '--module', 'nodenext', '--skipLibCheck', 'false', file], { cwd: wasmDir, encoding: 'utf8' });
      return '';
    } catch (e) {
      return e.stdout + e.stderr;
    }
  };
  assert.equal(run('tests/types/usage.ts'), '');
  const errors = run('tests/types/misuse.ts');
  for (const line of [5, 6, 7]) assert.match(errors, new RegExp(`misuse\\.ts\\(${line},`), errors);
});
