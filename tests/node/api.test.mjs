// The package through `import 'passpolicy'` (ESM), resolved by name from the installed tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as pp from 'passpolicy';
import { init, PasswordPolicy, detectVendor, normalize, check, strength, isPassPolicyError } from 'passpolicy';
import suite from './suite.cjs';

const require = createRequire(import.meta.url);

test('[esm] resolves the installed package, not the source tree', async () => {
  const resolved = import.meta.resolve('passpolicy');
  assert.match(resolved, /\/node_modules\/passpolicy\/node\.mjs$/);
  const manifest = require('passpolicy/package.json');
  assert.equal(manifest.name, 'passpolicy');
  assert.equal(manifest.type, 'module');
  assert.match(require.resolve('passpolicy/passpolicy_bg.wasm'), /node_modules\/passpolicy\/passpolicy_bg\.wasm$/);
});

test('[esm] named and namespace imports are the same functions', () => {
  assert.equal(pp.PasswordPolicy, PasswordPolicy);
  for (const [name, fn] of Object.entries({ init, detectVendor, normalize, check, strength, isPassPolicyError })) {
    assert.equal(pp[name], fn, name);
  }
  assert.equal(pp.default, undefined, 'no default export');
});

test('[esm] import and require share one instance', async () => {
  const cjs = require('passpolicy');
  assert.equal(cjs.PasswordPolicy, PasswordPolicy);
  assert.equal(cjs.check, check);
  // A policy made through one entry works through the other's functions and class.
  const p = cjs.PasswordPolicy.from({ version: 1, length: { min: 3 } });
  assert.ok(p instanceof PasswordPolicy);
  assert.equal(p.check('abcd').ok, true);
  p.free();
  await init();
});

suite(pp, 'esm');
