// The browser entries before `init()`: every export throws a coded `not_initialized` error, and
// `initSync(bytes)` makes them work. The entries (browser.js, rules.js) of the installed package
// are imported by path, as a browser would load them; nothing is fetched (initSync takes bytes).
// Each test file runs in its own process, so the modules start uninitialized.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('passpolicy/package.json'));
const load = (file) => import(pathToFileURL(path.join(pkgDir, file)).href);
const bytes = (file) => new Uint8Array(fs.readFileSync(path.join(pkgDir, file)));

function notInitialized(fn, label) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, label);
    assert.equal(e.name, 'PassPolicyError', label);
    assert.equal(e.code, 'not_initialized', `${label}: ${e.message}`);
    assert.equal(e.path, null, label);
    assert.match(e.message, /await init\(\)/, label);
    assert.match(e.message, /initSync/, label);
    return true;
  }, label);
}

const canonical = { version: 1, length: { min: 8 }, dictionary: { common: true } };

test('passpolicy (browser.js): every export throws not_initialized before init, works after initSync', async () => {
  const pp = await load('browser.js');
  const glue = await load('passpolicy.js');
  const calls = {
    'PasswordPolicy.from': () => pp.PasswordPolicy.from(canonical),
    normalize: () => pp.normalize(canonical),
    detectVendor: () => pp.detectVendor(canonical),
    check: () => pp.check(canonical, 'password'),
    strength: () => pp.strength('password'),
  };
  for (const [name, call] of Object.entries(calls)) notInitialized(call, name);
  // The glue's own exports, as a bundler that imports it directly would see them.
  notInitialized(() => glue.loadCommonPasswords(bytes('common.bin')), 'loadCommonPasswords');
  assert.equal(pp.isPassPolicyError(new Error('x')), false);

  pp.initSync({ wasm: bytes('passpolicy_bg.wasm'), commonPasswords: bytes('common.bin'), strengthData: bytes('strength.bin') });
  const p = pp.PasswordPolicy.from(canonical);
  assert.deepEqual(p.check('password').violations.map((v) => v.id), ['dictionary.common']);
  assert.equal(typeof p.check('long enough').strength.score, 'number');
  assert.equal(p.describe().locale, 'en');
  p.free();
  assert.equal(pp.detectVendor(canonical), 'canonical');
  assert.equal(pp.normalize(canonical).vendor, 'canonical');
  assert.equal(pp.check(canonical, 'short').ok, false);
  assert.equal(typeof pp.strength('password').score, 'number');
  // A later init() finds the module there (nothing to fetch for the wasm).
  pp.initSync(bytes('passpolicy_bg.wasm'));
  assert.equal(pp.check(canonical, 'long enough').ok, true);
});

test('passpolicy/rules (rules.js): PasswordPolicy.from throws not_initialized before init, works after initSync', async () => {
  const rules = await load('rules.js');
  notInitialized(() => rules.PasswordPolicy.from(canonical), 'PasswordPolicy.from');
  notInitialized(() => rules.PasswordPolicy.from(JSON.stringify(canonical)), 'PasswordPolicy.from (text)');

  rules.initSync(bytes('passpolicy_rules_bg.wasm'));
  const p = rules.PasswordPolicy.from(canonical);
  // The common-password list was not given: its rule waits for it (never a silent pass).
  assert.equal(p.needsCommonPasswords, true);
  assert.equal(p.checkRules('password').rules.find((r) => r.id === 'dictionary.common').status, 'unchecked');
  assert.deepEqual(p.checkRules('short').violations.map((v) => v.id), ['length.min']);
  assert.equal(p.htmlAttributes().minlength, 8);
  p.free();

  rules.initSync({ wasm: bytes('passpolicy_rules_bg.wasm'), commonPasswords: bytes('common.bin') });
  const q = rules.PasswordPolicy.from(canonical);
  assert.equal(q.needsCommonPasswords, false);
  assert.deepEqual(q.checkRules('password').violations.map((v) => v.id), ['dictionary.common']);
  q.free();
});
