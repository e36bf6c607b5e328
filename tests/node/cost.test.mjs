// Bounded cost at the JS boundary, through the installed package by name: what a caller passes
// never makes the wasm memory track its size (limits apply before a value is copied in), a long
// set is not repeated into every message, and a message override cannot multiply a value.
//
// The wasm memory is the instance's exported `WebAssembly.Memory` (reached as in leak.test.mjs).
// A wasm memory never shrinks, so each test measures its growth. Time bounds here are hang guards
// (seconds where the work takes milliseconds), not timing claims: those are in bench/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withInstances } from './wasm-instances.mjs';

const { instances, loaded: pp } = await withInstances(() => import('passpolicy'));
const memory = instances.map((i) => i.exports.memory).find((m) => m instanceof WebAssembly.Memory);

const MiB = 1024 * 1024;
const size = () => memory.buffer.byteLength;

/** Runs `fn`, returns [result, wasm memory growth in bytes, ms]. */
function measure(fn) {
  const before = size();
  const t = performance.now();
  const result = fn();
  return [result, size() - before, performance.now() - t];
}

const code = (fn) => {
  try {
    fn();
  } catch (e) {
    assert.ok(pp.isPassPolicyError(e), String(e));
    return [e.code, e.path];
  }
  assert.fail('nothing thrown');
};

test('the wasm memory is reachable', () => {
  assert.ok(memory instanceof WebAssembly.Memory);
});

test('a 20 MB password: only its head is copied in; the lengths of the whole are exact', () => {
  const p = pp.PasswordPolicy.from({ version: 1, length: { min: 8 } });
  p.checkRules('warm-up password'); // first-call growth is not the password's
  const pw = 'a😀'.repeat(7 * MiB / 3 | 0) + 'b'.repeat(1000); // 7 Mi UTF-16 units (14 MB), with pairs
  const units = pw.length;
  const pairs = (7 * MiB / 3) | 0;
  const [r, grown] = measure(() => p.checkRules(pw));
  assert.equal(r.length.utf16, units);
  assert.equal(r.length.codePoints, units - pairs);
  assert.equal(r.analyzed.complete, false);
  assert.ok(grown < 2 * MiB, `wasm memory grew ${(grown / MiB).toFixed(1)} MiB for a ${(units / MiB).toFixed(0)} Mi-unit password`);
  p.free();
});

test('a 50 MB object document is too_large before it is copied into wasm', () => {
  const doc = { version: 1, source: { note: 'x'.repeat(50 * MiB) } };
  const [[c], grown] = measure(() => code(() => pp.PasswordPolicy.from(doc)));
  assert.equal(c, 'too_large');
  assert.ok(grown < MiB, `wasm memory grew ${(grown / MiB).toFixed(1)} MiB`);
  const [[c2], grown2] = measure(() => code(() => pp.normalize(doc)));
  assert.equal(c2, 'too_large');
  assert.ok(grown2 < MiB);
});

test('an 80 MB username: the context is too_large before it is copied into wasm', () => {
  const p = pp.PasswordPolicy.from({ version: 1, context: { username: { match: 'substring' } } });
  p.checkRules('x', { username: 'ann' });
  const [[c, path], grown] = measure(() => code(() => p.checkRules('password', { username: 'u'.repeat(80 * MiB) })));
  assert.deepEqual([c, path], ['too_large', 'context']);
  assert.ok(grown < MiB, `wasm memory grew ${(grown / MiB).toFixed(1)} MiB`);
  assert.deepEqual(code(() => pp.strength('x', ['u'.repeat(5 * MiB)])), ['too_large', 'userInputs']);
  // Under the limit, a long history still works.
  assert.equal(p.checkRules('password', { username: 'ann', previousPasswords: ['p'.repeat(MiB)] }).ok, true);
  p.free();
});

test('the largest contexts: the wasm memory grows by at most 6 × the context limit, and is reused', () => {
  // Each context just under the 4 MiB limit, in the shapes that cost the most to hold: one long
  // value, many words, many attributes, many previous passwords, a long dictionary. Tokens are
  // made only when they could be found in the password, so none is a copy of a huge value; what
  // grows the memory is the copy of the JSON text and the parsed values. Once grown, the memory is
  // reused: a second round of the same calls does not grow it at all.
  const LIMIT = 4 * MiB;
  const p = pp.PasswordPolicy.from({
    version: 1,
    length: { min: 8 },
    context: { username: {}, email: {}, attributes: {} },
    history: { count: 24 },
    dictionary: { common: true },
  });
  p.check('warm-up password', { username: 'ann' });
  const words = (n, prefix) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const contexts = {
    'one long username': { username: 'u'.repeat(LIMIT - 100) },
    'a username of 400,000 words': { username: words(400000, 'w').join(' ').slice(0, LIMIT - 100) },
    '180,000 attributes': { attributes: Object.fromEntries(words(180000, 'a').map((k, i) => [k, `v${i}`])) },
    '400,000 previous passwords': { previousPasswords: words(400000, 'p') },
    '400,000 dictionary words': { dictionary: words(400000, 'd') },
  };
  const start = size();
  for (const [name, ctx] of Object.entries(contexts)) {
    assert.ok(JSON.stringify(ctx).length <= LIMIT, name);
    for (const method of ['check', 'checkRules']) {
      const r = p[method]('w123 password', ctx);
      assert.equal(typeof r.ok, 'boolean', name);
    }
    assert.ok(size() - start <= 6 * LIMIT, `${name}: the memory grew ${((size() - start) / MiB).toFixed(1)} MiB`);
  }
  // The username of many words is still matched, word by word.
  const hit = p.checkRules('xw123456x', contexts['a username of 400,000 words']);
  assert.equal(hit.rules.find((r) => r.id === 'context.username').status, 'fail');
  const highWater = size();
  for (const ctx of Object.values(contexts)) for (const method of ['check', 'checkRules']) p[method]('w123 password', ctx);
  assert.equal(size(), highWater, 'a second round grew the memory');
  console.log(`wasm memory: ${(start / MiB).toFixed(1)} MiB before the largest contexts, ${(highWater / MiB).toFixed(1)} MiB after (reused by the second round)`);
  p.free();
});

test('10,000 symbols named by 2,000 requirements: the set is not copied into every message', () => {
  let symbols = '';
  for (let c = 0x4e00; c < 0x4e00 + 10000; c++) symbols += String.fromCodePoint(c);
  const doc = { version: 1, symbols: { chars: symbols }, types: [{ required: 1, of: Array.from({ length: 2000 }, () => ({ class: 'symbol', min: 1 })) }] };
  assert.ok(JSON.stringify(doc).length < 100_000);
  const [p, , compileMs] = measure(() => pp.PasswordPolicy.from(doc));
  assert.ok(compileMs < 5000, `compile: ${compileMs} ms (a hang guard)`);
  const [r, grown] = measure(() => p.checkRules('abc'));
  const out = JSON.stringify(r).length;
  assert.ok(out < 64 * 1024, `report of ${out} characters`);
  assert.ok(grown < 4 * MiB, `wasm memory grew ${(grown / MiB).toFixed(1)} MiB`);
  assert.match(r.rules.find((x) => x.id === 'chars.types').message, /… \(\+/);
  p.free();
});

test('a message override that repeats a long value is cut, never an out-of-memory trap', () => {
  let allowed = '';
  for (let c = 0x4e00; c < 0x4e00 + 20000; c++) allowed += String.fromCodePoint(c);
  const doc = { version: 1, allowed: { chars: allowed } };
  const p = pp.PasswordPolicy.from(doc, { messages: { 'rule.chars.allowed': '{allowed}'.repeat(60000) } });
  const r = p.checkRules('abc');
  const msg = r.rules.find((x) => x.id === 'chars.allowed').message;
  assert.ok(new TextEncoder().encode(msg).length <= 4096 + 3, `${msg.length} characters`);
  assert.ok(msg.endsWith('…'));
  // The instance keeps working.
  assert.equal(pp.PasswordPolicy.from({ version: 1 }).checkRules('x').ok, true);
  p.free();
});

test('a 100,000-word username is checked in linear time', () => {
  const p = pp.PasswordPolicy.from({ version: 1, context: { username: { match: 'substring' } } });
  const username = Array.from({ length: 100_000 }, (_, i) => `w${i}`).join(' ');
  const [r, , ms] = measure(() => p.checkRules('Tr0ub4dor&3', { username }));
  assert.equal(typeof r.ok, 'boolean');
  assert.ok(ms < 5000, `${ms} ms (a hang guard: the quadratic path took ~15 s)`);
  p.free();
});
