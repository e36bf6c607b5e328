'use strict';
// The package through `require('passpolicy')` (CommonJS), resolved by name from the installed tarball.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const pp = require('passpolicy');
const suite = require('./suite.cjs');

test('[cjs] resolves the installed package through the require condition', () => {
  assert.match(require.resolve('passpolicy'), /\/node_modules\/passpolicy\/node\.cjs$/);
  assert.equal(require('passpolicy/package.json').name, 'passpolicy');
});

test('[cjs] require and import share one instance', async () => {
  const esm = await import('passpolicy');
  assert.equal(require('passpolicy').PasswordPolicy, esm.PasswordPolicy);
  for (const name of ['init', 'detectVendor', 'normalize', 'check', 'strength', 'isPassPolicyError']) {
    assert.equal(pp[name], esm[name], name);
  }
  const p = esm.PasswordPolicy.from({ version: 1, length: { min: 3 } });
  assert.ok(p instanceof pp.PasswordPolicy);
  p.free();
});

suite(pp, 'cjs');

test('[cjs] lone surrogates are caught without String.prototype.isWellFormed (Node 18, older browsers)', () => {
  const { spawnSync } = require('node:child_process');
  const script = `
    delete String.prototype.isWellFormed;
    const assert = require('node:assert/strict');
    const pp = require(${JSON.stringify(require.resolve('passpolicy'))});
    const p = pp.PasswordPolicy.from({ version: 1, length: { min: 2 } });
    for (const lone of ['\\ud800', 'ab\\udfff', '\\udc00\\ud800', 'x'.repeat(9000) + '\\ud83d']) {
      assert.throws(() => p.check(lone), (e) => e.code === 'invalid_field' && e.path === 'password');
    }
    assert.equal(p.check('\\ud83d\\ude00\\u{1F468}\\u200D\\u{1F469}').length.codePoints, 4);
    assert.equal(p.check('plain').ok, true);
    assert.equal(String.prototype.isWellFormed, undefined);
    console.log('ok');
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'ok');
});
