// Out of memory inside the WebAssembly module, through the installed package by name: a call that
// cannot get memory throws a coded `too_large` error, the module instance is replaced by a fresh
// one (back to its working size, with its data files loaded again), and policies compiled before
// refuse every method with a TypeError instead of reaching the new instance's memory.
//
// The memory is exhausted as a page that holds the module for long could exhaust it: the test
// grows the instance's memory from JS up to the wasm32 maximum (4 GiB of address space, which the
// engine reserves without committing), so the allocator's next request for more fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withInstances } from './wasm-instances.mjs';

// Kept recording: the fresh instances made after a trap are recorded too.
const { instances, loaded: [pp, rules] } = await withInstances(() => Promise.all([import('passpolicy'), import('passpolicy/rules')]), { keep: true });

const MiB = 1024 * 1024;
const PAGE = 65536;
const MAX_PAGES = 65536;

/** The exported memory of the latest instance of the module whose exports include `name`. */
function memoryOf(exportName) {
  const inst = instances.findLast((i) => exportName in i.exports);
  return inst.exports.memory;
}
/** Grows the memory to the wasm32 maximum: the allocator cannot get another page. */
function exhaust(memory) {
  memory.grow(MAX_PAGES - memory.buffer.byteLength / PAGE);
  assert.equal(memory.buffer.byteLength, MAX_PAGES * PAGE);
}
/** A context whose copy and parse need a few MiB: more than the allocator has free. */
const bigContext = () => ({ username: 'u'.repeat(3 * MiB) });
/** A document under the 1 MiB limit whose parse needs several MiB (70,000 small members). */
const bigDocument = () => ({ version: 1, vendorExtras: Object.fromEntries(Array.from({ length: 70000 }, (_, i) => [`k${i}`, i])) });

const DOC = { version: 1, length: { min: 8 }, dictionary: { common: true }, minStrength: 2 };

function statuses(report) {
  return Object.fromEntries(report.rules.map((r) => [r.id, r.status]));
}

test('a check that runs out of memory is too_large; the instance is replaced and works', () => {
  const full = 'loadStrengthData';
  const policy = pp.PasswordPolicy.from(DOC);
  assert.equal(policy.check('correct horse battery').ok, true);
  const working = memoryOf(full).buffer.byteLength;
  const count = instances.length;

  exhaust(memoryOf(full));
  let error;
  try {
    policy.check('password1', bigContext());
  } catch (e) {
    error = e;
  }
  assert.ok(pp.isPassPolicyError(error), `expected a PassPolicyError, got ${error}`);
  assert.equal(error.code, 'too_large');
  assert.equal(error.path, null);
  assert.match(error.message, /out of memory/);
  assert.ok(!error.message.includes('password1'));

  // A fresh instance at its working size.
  assert.equal(instances.length, count + 1);
  const now = memoryOf(full).buffer.byteLength;
  assert.ok(now <= working + MiB, `memory after the reset: ${(now / MiB).toFixed(1)} MiB, before: ${(working / MiB).toFixed(1)} MiB`);

  // The old policy refuses every method; free() does nothing.
  for (const call of [() => policy.check('x'), () => policy.checkRules('x'), () => policy.toJSON(), () => policy.describe()]) {
    assert.throws(call, (e) => e instanceof TypeError && /module instance was replaced/.test(e.message));
  }
  assert.equal(policy.free(), undefined);

  // A new policy checks with the data files loaded again: the common list and the dictionaries.
  const again = pp.PasswordPolicy.from(DOC);
  const report = again.check('password');
  assert.equal(statuses(report)['dictionary.common'], 'fail');
  assert.equal(report.strength.score, 0);
  assert.equal(again.check('correct horse battery').ok, true);
  assert.equal(pp.check(DOC, 'correct horse battery').ok, true);
  again.free();
});

test('every entry point recovers, and again after a second exhaustion', () => {
  const full = 'loadStrengthData';
  const calls = [
    ['normalize', () => pp.normalize(bigDocument())],
    ['check', () => pp.check(DOC, 'password1', bigContext())],
    ['strength', () => pp.strength('password1', ['u'.repeat(3 * MiB)])],
    ['PasswordPolicy.from', () => pp.PasswordPolicy.from(bigDocument())],
  ];
  for (const [name, call] of calls) {
    exhaust(memoryOf(full));
    assert.throws(call, (e) => {
      assert.ok(pp.isPassPolicyError(e), `${name}: ${e}`);
      assert.equal(e.code, 'too_large', `${name}: ${e.message}`);
      assert.ok(e.message.startsWith(`${name}: out of memory`), e.message);
      return true;
    });
    assert.ok(memoryOf(full).buffer.byteLength < 64 * MiB, `${name}: the fresh instance is small`);
    const p = pp.PasswordPolicy.from(DOC);
    assert.equal(p.check('correct horse battery').ok, true, name);
    assert.equal(statuses(p.check('password'))['dictionary.common'], 'fail', name);
    p.free();
  }
});

test('passpolicy/rules: its own instance recovers the same way, with its common list', () => {
  const own = 'passwordpolicy_needsCommonPasswords'; // only in passpolicy/rules
  const policy = rules.PasswordPolicy.from({ version: 1, length: { min: 8 }, dictionary: { common: true } });
  assert.equal(policy.checkRules('correct horse').ok, true);
  exhaust(memoryOf(own));
  assert.throws(() => policy.checkRules('password1', bigContext()), (e) => rules.isPassPolicyError(e) && e.code === 'too_large');
  assert.throws(() => policy.checkRules('x'), TypeError);
  const again = rules.PasswordPolicy.from({ version: 1, length: { min: 8 }, dictionary: { common: true } });
  assert.equal(statuses(again.checkRules('password'))['dictionary.common'], 'fail');
  assert.equal(again.checkRules('correct horse').ok, true);
  // The root import's instance was not touched.
  assert.equal(pp.check(DOC, 'correct horse battery').ok, true);
  again.free();
});
