// No leaks, through the installed package by name: many checks on one PasswordPolicy
// keep the wasm memory and the JS heap flat, and PasswordPolicy objects are freed, by free() and
// by wasm-bindgen's FinalizationRegistry once the garbage collector drops them.
//
// The wasm memory is the instance's exported `WebAssembly.Memory`, reached by wrapping
// `WebAssembly.Instance` while the package loads (the nodejs glue instantiates synchronously on
// first import). A wasm memory never shrinks: "flat" means it stops growing once warm, and that
// freed memory is reused.
//
// Counts: by default 1,000,000 check() calls (the figure; ~35 µs each, most of it the strength
// estimator, so about half a minute) after 1,000,000 checkRules() calls; PASSPOLICY_LEAK_RULES and
// PASSPOLICY_LEAK_CHECKS override them. The measurements are printed
// as diagnostics. Run under `node --expose-gc` (scripts/test-js.sh does); without the flag the test
// enables it through v8.setFlagsFromString.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { withInstances } from './wasm-instances.mjs';

if (typeof globalThis.gc !== 'function') {
  v8.setFlagsFromString('--expose-gc');
  globalThis.gc = vm.runInNewContext('gc');
}

const { instances, loaded: pp } = await withInstances(() => import('passpolicy'));

const memory = instances.map((i) => i.exports.memory).find((m) => m instanceof WebAssembly.Memory);
const V = JSON.parse(fs.readFileSync(new URL('./vendors.json', import.meta.url), 'utf8'));

const MiB = 1024 * 1024;
const RULES = Number(process.env.PASSPOLICY_LEAK_RULES ?? 1_000_000);
const CHECKS = Number(process.env.PASSPOLICY_LEAK_CHECKS ?? 1_000_000);
const mib = (n) => `${(n / MiB).toFixed(2)} MiB`;

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Full garbage collections with turns of the event loop between (FinalizationRegistry callbacks run
 * in tasks after a collection). */
async function collect(rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    globalThis.gc();
    await tick();
  }
}

const heapUsed = () => process.memoryUsage().heapUsed;

test('the wasm memory is reachable', () => {
  assert.ok(memory, 'the wasm instance exports its memory');
  assert.ok(memory.buffer.byteLength > 0);
  assert.equal(typeof globalThis.gc, 'function');
});

test(`${RULES.toLocaleString('en')} checkRules() and ${CHECKS.toLocaleString('en')} check() calls on one instance keep the wasm memory and the JS heap flat`, async (t) => {
  const policy = pp.PasswordPolicy.from(V.meraki);
  const ctx = { username: 'ann.smith', email: 'ann@example.com', attributes: { displayName: 'Ann Smith' }, previousPasswords: ['old-Passw0rd', 'older'] };
  const passwords = Array.from({ length: 1000 }, (_, i) => `Tr0ub4dor&${i}x`);
  const call = (fn, i) => {
    const r = i % 10 === 0 ? fn.call(policy, passwords[i % 1000], ctx) : fn.call(policy, passwords[i % 1000]);
    if (typeof r.ok !== 'boolean') throw new Error('not a report');
  };
  // Warm up: the allocator reaches its working size, the JIT settles.
  for (let i = 0; i < 20_000; i++) call(policy.checkRules, i);
  for (let i = 0; i < 500; i++) call(policy.check, i);
  await collect();
  const before = { wasm: memory.buffer.byteLength, heap: heapUsed(), rss: process.memoryUsage().rss };

  const started = performance.now();
  for (let i = 0; i < RULES; i++) call(policy.checkRules, i);
  const rulesMs = performance.now() - started;
  await collect();
  const afterRules = { wasm: memory.buffer.byteLength, heap: heapUsed() };
  const checkStarted = performance.now();
  for (let i = 0; i < CHECKS; i++) call(policy.check, i);
  const checkMs = performance.now() - checkStarted;
  await collect();
  const after = { wasm: memory.buffer.byteLength, heap: heapUsed(), rss: process.memoryUsage().rss };
  policy.free();

  t.diagnostic(`checkRules: ${RULES} calls in ${(rulesMs / 1000).toFixed(1)} s (${((rulesMs * 1000) / Math.max(RULES, 1)).toFixed(1)} µs each); check: ${CHECKS} calls in ${(checkMs / 1000).toFixed(1)} s (${((checkMs * 1000) / Math.max(CHECKS, 1)).toFixed(0)} µs each)`);
  t.diagnostic(`wasm memory: ${mib(before.wasm)} before, ${mib(afterRules.wasm)} after checkRules, ${mib(after.wasm)} after check`);
  t.diagnostic(`JS heap used: ${mib(before.heap)} before, ${mib(afterRules.heap)} after checkRules, ${mib(after.heap)} after check; RSS ${mib(before.rss)} → ${mib(after.rss)}`);
  // Generous bounds, still below any real leak: 1 MiB is ~1 byte per call (with the default counts),
  // and a leaked report or password is far more.
  assert.ok(after.wasm - before.wasm <= 1 * MiB, `the wasm memory grew by ${mib(after.wasm - before.wasm)}`);
  assert.ok(after.heap - before.heap <= 8 * MiB, `the JS heap grew by ${mib(after.heap - before.heap)}`);
});

const POLICIES = 100_000;
const BATCH = 10_000;

test(`${POLICIES.toLocaleString('en')} PasswordPolicy objects with free(): the memory stays flat`, async (t) => {
  const doc = JSON.stringify(V.meraki);
  for (let i = 0; i < 1000; i++) pp.PasswordPolicy.from(doc).free();
  await collect();
  const before = memory.buffer.byteLength;
  for (let i = 0; i < POLICIES; i++) {
    const p = pp.PasswordPolicy.from(doc);
    if (i % 1000 === 0) assert.equal(p.checkRules('Tr0ub4dor&3x').ok, true);
    p.free();
  }
  await collect();
  const after = memory.buffer.byteLength;
  t.diagnostic(`wasm memory: ${mib(before)} before, ${mib(after)} after ${POLICIES} policies created and freed`);
  assert.ok(after - before <= 1 * MiB, `the wasm memory grew by ${mib(after - before)}`);
});

test(`${POLICIES.toLocaleString('en')} PasswordPolicy objects dropped without free(): the FinalizationRegistry frees them`, async (t) => {
  const doc = JSON.stringify(V.meraki);
  await collect();
  // The size of one policy in wasm memory: 5,000 live at once.
  const start = memory.buffer.byteLength;
  const live = Array.from({ length: 5000 }, () => pp.PasswordPolicy.from(doc));
  const perPolicy = Math.max((memory.buffer.byteLength - start) / live.length, 1);
  for (const p of live) p.free();
  live.length = 0;

  let finalized = 0;
  const watch = new FinalizationRegistry(() => {
    finalized++;
  });
  const growth = [];
  const base = memory.buffer.byteLength;
  // In a function of its own, so that no local of the test keeps the last policy alive.
  const makeBatch = () => {
    for (let i = 0; i < BATCH; i++) {
      const p = pp.PasswordPolicy.from(doc);
      watch.register(p, null);
      if (i % 1000 === 0) assert.equal(p.checkRules('Tr0ub4dor&3x').ok, true);
    }
  };
  for (let made = 0; made < POLICIES; made += BATCH) {
    makeBatch();
    // Drop the batch and let the collector and the registries run.
    for (let round = 0; round < 50 && finalized < made + BATCH; round++) await collect(1);
    await collect(2); // wasm-bindgen's registry runs in its own cleanup task
    growth.push(memory.buffer.byteLength - base);
  }
  await collect();
  const total = memory.buffer.byteLength - base;
  t.diagnostic(`one policy ≈ ${Math.round(perPolicy)} bytes of wasm memory; ${POLICIES} never freed would need ≈ ${mib(perPolicy * POLICIES)}`);
  t.diagnostic(`wasm memory growth after each batch of ${BATCH}: ${growth.map(mib).join(', ')}; finalized ${finalized}`);
  assert.equal(finalized, POLICIES, 'every dropped policy was collected');
  // Freed memory is reused: the memory never holds more than a few batches (without the
  // registry it would hold all ten).
  const bound = 3 * BATCH * perPolicy + 4 * MiB;
  assert.ok(Math.max(...growth, total) <= bound, `the memory grew by up to ${mib(Math.max(...growth, total))} (bound ${mib(bound)})`);
  assert.ok(bound < 0.5 * POLICIES * perPolicy, 'the bound is meaningful');
  // The module still works.
  const p = pp.PasswordPolicy.from(doc);
  assert.equal(p.check('Tr0ub4dor&3x').ok, true);
  p.free();
});
