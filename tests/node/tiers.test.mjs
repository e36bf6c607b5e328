// The tiers of the package, as a consumer sees them (resolved by name from the installed tarball):
//   - `passpolicy/rules` in Node (ESM and CJS) gives the same rule results as `passpolicy`;
//   - the browser entries (rules.js, browser.js), run in Node against a local HTTP server, fetch
//     only what they need: the rules tier fetches common.bin only for a policy that asks for it
//     and never the strength file; the root with `strength: 'background'` checks rules at once
//     and strength once strength.bin has arrived; failed fetches are coded errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as root from 'passpolicy';
import * as rules from 'passpolicy/rules';
import { startRangeServer } from './range-server.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.dirname(require.resolve('passpolicy/package.json'));
const fixtures = path.join(here, '..', 'fixtures');

/** Every vendor fixture normalized by the root import: [name, canonical policy]. */
function canonicalPolicies() {
  const out = [];
  // real/ is the corpus of tests/node/real.test.mjs, not a vendor folder.
  for (const vendor of fs.readdirSync(fixtures).filter((v) => v !== 'real' && fs.statSync(path.join(fixtures, v)).isDirectory()).sort()) {
    for (const file of fs.readdirSync(path.join(fixtures, vendor)).sort()) {
      const text = fs.readFileSync(path.join(fixtures, vendor, file), 'utf8');
      let results;
      try {
        results = root.normalize(text);
      } catch {
        continue;
      }
      for (const [k, r] of (Array.isArray(results) ? results : [results]).entries()) out.push([`${vendor}/${file}[${k}]`, r.policy]);
    }
  }
  return out;
}

const PASSWORDS = ['', 'a', 'password', 'Password1', 'Tr0ub4dor&3', 'correct horse battery staple', 'aaaaaaaaaaaa', 'Ünïcødé-Pässwörd-2024', '👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧1Aa!', 'x'.repeat(300)];
const CONTEXT = { username: 'jdoe', email: 'jane.doe@example.com', previousPasswords: ['Password1'] };

test('passpolicy/rules resolves to its own entries and wasm', () => {
  assert.match(import.meta.resolve('passpolicy/rules'), /\/node_modules\/passpolicy\/rules-node\.mjs$/);
  assert.match(require.resolve('passpolicy/rules'), /\/node_modules\/passpolicy\/rules-node\.cjs$/);
  assert.equal(require('passpolicy/rules').PasswordPolicy, rules.PasswordPolicy, 'import and require share one instance');
  for (const f of ['passpolicy_rules_bg.wasm', 'strength.bin', 'common.bin']) assert.ok(fs.existsSync(require.resolve(`passpolicy/${f}`)), f);
  assert.deepEqual(Object.keys(rules).sort(), ['PasswordPolicy', 'checkBreached', 'init', 'initSync', 'isPassPolicyError', 'ready']);
});

test('passpolicy/rules gives the same rule results as passpolicy on every fixture policy', () => {
  const policies = canonicalPolicies();
  assert.ok(policies.length >= 20, `${policies.length} policies`);
  let compared = 0;
  for (const [name, policy] of policies) {
    const full = root.PasswordPolicy.from(policy, { vendor: 'canonical' });
    const small = rules.PasswordPolicy.from(JSON.stringify(policy));
    try {
      assert.deepEqual(small.toJSON(), full.toJSON(), name);
      assert.deepEqual(small.htmlAttributes(), full.htmlAttributes(), name);
      for (const pw of PASSWORDS) {
        assert.deepEqual(small.checkRules(pw, CONTEXT), full.checkRules(pw, CONTEXT), `${name}: ${pw.length} chars`);
        compared++;
      }
    } finally {
      small.free();
      full.free();
    }
  }
  assert.equal(compared, policies.length * PASSWORDS.length);
});

test('passpolicy/rules: canonical only, English only, overrides, errors with paths', () => {
  const { PasswordPolicy, isPassPolicyError } = rules;
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(isPassPolicyError(e), String(e));
      return [e.code, e.path];
    }
    assert.fail('nothing thrown');
  };
  // A vendor document is not a canonical policy: the unknown key is named.
  assert.deepEqual(code(() => PasswordPolicy.from({ minLength: 8 })), ['invalid_field', 'minLength']);
  assert.deepEqual(code(() => PasswordPolicy.from({ version: 1 }, { vendor: 'sumologic' })), ['invalid_field', 'vendor']);
  assert.deepEqual(code(() => PasswordPolicy.from({ version: 1 }, { locale: 'de' })), ['invalid_field', 'locale']);
  assert.deepEqual(code(() => PasswordPolicy.from('{"version":1,"length":{"min":"8"}}')), ['invalid_field', 'length.min']);
  assert.deepEqual(code(() => PasswordPolicy.from('{"version":1,')), ['invalid_json', null]);
  assert.deepEqual(code(() => PasswordPolicy.from({ version: 1, length: { min: 9, max: 4 } })), ['unsatisfiable', 'length']);
  assert.deepEqual(code(() => PasswordPolicy.from('x'.repeat(2 << 20))), ['too_large', null]);
  const p = PasswordPolicy.from({ version: 1, length: { min: 8 } }, { locale: 'en-GB', messages: { 'rule.length.min': 'Use {min}+ characters' } });
  assert.equal(p.vendor, 'canonical');
  assert.equal(p.needsCommonPasswords, false);
  const r = p.checkRules('short');
  assert.deepEqual(r.violations.map((v) => [v.id, v.code, v.message]), [['length.min', 'rule.length.min', 'Use 8+ characters']]);
  assert.equal('strength' in r, false);
  p.free();
  // No silent options: an unknown key, or a message override naming no code, is an error.
  assert.deepEqual(code(() => PasswordPolicy.from({ version: 1 }, { index: 0 })), ['invalid_field', 'options.index']);
  assert.deepEqual(code(() => PasswordPolicy.from({ version: 1 }, { local: 'en' })), ['invalid_field', 'options.local']);
  assert.deepEqual(code(() => PasswordPolicy.from({ version: 1 }, { messages: { 'rule.length.minimum': 'x' } })), ['invalid_field', 'messages.rule.length.minimum']);
  assert.throws(() => p.checkRules('x'), /freed/);
});

test('passpolicy: strength.min and the common list are decided in Node at once', async () => {
  await root.strengthReady();
  const p = root.PasswordPolicy.from({ version: 1, minStrength: 3, dictionary: { common: true } });
  const r = p.check('password');
  assert.deepEqual(r.violations.map((v) => v.id).sort(), ['dictionary.common', 'strength.min']);
  assert.equal(r.strength.score, 0);
  p.free();
});

// ---------------------------------------------------------------------------------------------
// The browser entries, in Node, against a local server that logs every request.

let server;
let origin;
const requests = [];
/** Files whose response waits until released (path → resolve). */
const held = new Map();
const hold = (file) => new Promise((resolve) => held.set(file, resolve));

before(async () => {
  server = http.createServer(async (req, res) => {
    const file = decodeURIComponent(new URL(req.url, 'http://x').pathname.slice(1));
    requests.push(file);
    if (held.has(`wait:${file}`)) await held.get(`wait:${file}`);
    if (file === 'missing.bin' || !fs.existsSync(path.join(pkgDir, file))) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(path.join(pkgDir, file)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

const scratchDirs = [];
after(() => {
  server.close();
  for (const d of scratchDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of a browser entry (its own module instance): the pkg files copied to a scratch dir. */
function freshEntry(entry) {
  const dir = fs.mkdtempSync(path.join(pkgDir, '..', `.tier-${entry.replace(/\W/g, '')}-`));
  scratchDirs.push(dir);
  for (const f of fs.readdirSync(pkgDir)) if (f.endsWith('.js')) fs.copyFileSync(path.join(pkgDir, f), path.join(dir, f));
  return import(pathToFileURL(path.join(dir, entry)).href);
}

test('rules.js: fetches the wasm, common.bin only for a policy that asks, never the strength file', async () => {
  const m = await freshEntry('rules.js');
  requests.length = 0;
  const urls = {
    wasm: `${origin}/passpolicy_rules_bg.wasm`,
    commonPasswords: `${origin}/common.bin`,
  };
  await m.init(urls);
  await m.init(urls); // a no-op the second time
  const plain = m.PasswordPolicy.from({ version: 1, length: { min: 8 } });
  assert.equal(plain.checkRules('password').ok, true);
  await m.ready();
  assert.deepEqual(requests, ['passpolicy_rules_bg.wasm'], 'only the wasm before a policy asks for the list');

  const release = hold('x');
  held.set('wait:common.bin', release);
  const gate = held.get('x');
  const common = m.PasswordPolicy.from({ version: 1, dictionary: { common: true } });
  assert.equal(common.needsCommonPasswords, true);
  // Until the list is there the rule is unchecked, never a silent pass.
  const before = common.checkRules('password');
  assert.equal(before.rules.find((r) => r.id === 'dictionary.common').status, 'unchecked');
  assert.equal(before.ok, true);
  gate();
  await m.ready();
  assert.equal(common.needsCommonPasswords, false);
  const after = common.checkRules('password');
  assert.deepEqual(after.violations.map((v) => v.id), ['dictionary.common']);
  assert.equal(common.checkRules('Tr0ub4dor&3-x').ok, true);
  assert.deepEqual(requests, ['passpolicy_rules_bg.wasm', 'common.bin']);
  assert.ok(!requests.some((r) => /strength|passpolicy_bg/.test(r)));
  held.clear();
});

test('rules.js: a failed fetch of the list is a load_failed error, and a later policy retries', async () => {
  const m = await freshEntry('rules.js');
  await m.init({ wasm: fs.readFileSync(path.join(pkgDir, 'passpolicy_rules_bg.wasm')), commonPasswords: `${origin}/missing.bin` });
  const p = m.PasswordPolicy.from({ version: 1, dictionary: { common: true } });
  await assert.rejects(m.ready(), (e) => m.isPassPolicyError(e) && e.code === 'load_failed' && /404/.test(e.message));
  assert.equal(p.checkRules('password').rules[0].status, 'unchecked');
});

test('the browser entries import the breach check on first use only, and it works through them', async () => {
  for (const [entry, method] of [['rules.js', 'checkRules'], ['browser.js', 'check']]) {
    // The entry and what it imports statically (data.js) reach breach.js only through import().
    for (const f of [entry, 'data.js']) {
      const src = fs.readFileSync(path.join(pkgDir, f), 'utf8');
      assert.ok(!/from\s*['"]\.\/breach\.js['"]/.test(src), `${f} imports breach.js statically`);
    }
    assert.match(fs.readFileSync(path.join(pkgDir, 'data.js'), 'utf8'), /import\('\.\/breach\.js'\)/);
    const m = await freshEntry(entry);
    const bytes = (f) => fs.readFileSync(path.join(pkgDir, f));
    await m.init(entry === 'rules.js'
      ? { wasm: bytes('passpolicy_rules_bg.wasm') }
      : { wasm: bytes('passpolicy_bg.wasm'), commonPasswords: bytes('common.bin'), strengthData: bytes('strength.bin') });
    const range = await startRangeServer({ 'Password123!': 7 });
    try {
      const r = await m.checkBreached('Password123!', { endpoint: range.endpoint });
      assert.deepEqual(r, { breached: true, count: 7 });
      const p = m.PasswordPolicy.from({ version: 1, breached: { max: 0 } });
      const report = await p.checkWithBreach('Password123!', null, { endpoint: range.endpoint });
      assert.equal(report.rules.find((x) => x.id === 'dictionary.breached').status, 'fail', `${entry} ${method}`);
      assert.equal(typeof p.checkWithBreach, 'function');
      await assert.rejects(p.checkWithBreach(42, null, { endpoint: range.endpoint }), (e) => m.isPassPolicyError(e) && e.code === 'invalid_field');
      assert.equal(range.requests.filter((x) => x.method === 'GET').length, 2, 'a bad call sends nothing');
      p.free();
    } finally {
      await range.close();
    }
  }
});

test('browser.js: strength in the background, rules at once', async () => {
  const m = await freshEntry('browser.js');
  requests.length = 0;
  let release;
  held.set('wait:strength.bin', new Promise((resolve) => (release = resolve)));
  const opts = { wasm: `${origin}/passpolicy_bg.wasm`, commonPasswords: `${origin}/common.bin`, strengthData: `${origin}/strength.bin`, strength: 'background' };
  const ready = m.strengthReady(); // before init: waits for it
  await m.init(opts);
  const p = m.PasswordPolicy.from({ version: 1, length: { min: 8 }, minStrength: 3, dictionary: { common: true } });
  const early = p.check('password');
  assert.equal(early.strength, undefined);
  assert.equal(early.rules.find((r) => r.id === 'strength.min').status, 'unchecked');
  assert.deepEqual(early.violations.map((v) => v.id), ['dictionary.common']);
  assert.throws(() => m.strength('password'), (e) => e.code === 'not_ready');
  release();
  await ready;
  await m.strengthReady();
  const late = p.check('password');
  assert.equal(late.strength.score, 0);
  assert.deepEqual(late.violations.map((v) => v.id).sort(), ['dictionary.common', 'strength.min']);
  assert.deepEqual([...requests].sort(), ['common.bin', 'passpolicy_bg.wasm', 'strength.bin']);
  assert.equal(m.strength('password').score, 0);
  p.free();
  held.clear();
});

test('browser.js: init() waits for strength by default; a failed strength fetch rejects', async () => {
  const m = await freshEntry('browser.js');
  const wasm = fs.readFileSync(path.join(pkgDir, 'passpolicy_bg.wasm'));
  await assert.rejects(
    m.init({ wasm, commonPasswords: `${origin}/common.bin`, strengthData: `${origin}/missing.bin` }),
    (e) => e.code === 'load_failed' && e.path === 'strength.bin',
  );
  await assert.rejects(m.strengthReady(), (e) => e.code === 'load_failed');
  await assert.rejects(m.init({ strength: 'later' }), TypeError);
  // A retry with the right file succeeds, and check() then has strength at once.
  await m.init({ wasm, commonPasswords: `${origin}/common.bin`, strengthData: `${origin}/strength.bin` });
  const r = m.check({ version: 1 }, 'Tr0ub4dor&3');
  assert.equal(typeof r.strength.score, 'number');
});

test('the package ships its licence, its README and the form binding', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(manifest.license, 'MIT');
  assert.match(fs.readFileSync(path.join(pkgDir, 'LICENSE'), 'utf8'), /^MIT License\n/);
  // The npm page: the user's documentation, without setting up the repository, no relative links.
  const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
  assert.ok(readme.includes('enhancePasswordInput'));
  assert.ok(!readme.includes('scripts/demo.sh') && !readme.includes('## Set-up'), 'the package README tells how to set up the repository');
  const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^(https?:|#|mailto:)/.test(t));
  assert.deepEqual(relative, [], 'links to files the package does not ship');
  assert.equal(manifest.exports['./form'].default, './form.js');
  assert.ok(fs.existsSync(path.join(pkgDir, 'form.js')) && fs.existsSync(path.join(pkgDir, 'form.d.ts')));
});
