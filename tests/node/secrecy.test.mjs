// Secrecy, through the installed package by name: over every document of the
// fuzz seeds (and a local fuzz/corpus/), the fixtures and the node suite's vendor examples, checked with
// marker passwords and a context of marker values, nothing the library produces holds a password
// or a context value: not a report, a warning, a normalized policy, a description, a generated
// result, an error (message, stack, code, path, any own property), a process warning, nor
// anything written to the console or to stdout/stderr while the library runs.
//
// Misuse is covered too: a password passed where the document, the context or the options go
// (argument order mistakes), context values of the wrong type, lone surrogates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import * as pp from 'passpolicy';

/** Every marker holds this; no message of ours and no corpus document does. */
const NEEDLE = /marker-/i;
const password = (n) => `Zq7!marker-${n}`;
const context = (n) => ({
  username: `ctx-marker-user-${n}`,
  email: `ctx-marker-mail-${n}@example.com`,
  accountId: `ctx-marker-id-${n}`,
  accountName: `Ctx Marker-name ${n}`,
  attributes: { displayName: `ctx-marker-attr-${n}`, phone: `555-marker-${n}` },
  previousPasswords: [`ctx-marker-prev-${n}`, password(n)],
  dictionary: [`ctx-marker-dict-${n}`],
});

// ------------------------------------------------------------------------------------------------
// Capture: console.*, process.stdout/stderr writes and process warnings while the library runs.

const captured = [];
let capturing = false;
const record = (what, args) => {
  if (capturing) captured.push(`${what}: ${args.map((a) => (typeof a === 'string' ? a : util.inspect(a, { depth: 6, showHidden: true }))).join(' ')}`);
};
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'assert', 'group', 'groupCollapsed', 'timeLog', 'count']) {
  const original = console[method];
  console[method] = function patched(...args) {
    record(`console.${method}`, args);
    // While capturing, nothing reaches the real console (nothing should be written at all).
    if (!capturing) return original.apply(this, args);
  };
}
for (const stream of [process.stdout, process.stderr]) {
  const original = stream.write;
  stream.write = function patched(chunk, ...rest) {
    record(stream === process.stdout ? 'stdout' : 'stderr', [String(chunk)]);
    return original.call(this, chunk, ...rest);
  };
}
process.on('warning', (w) => record('process warning', [w.name, w.message, w.stack]));

/** Everything observable of a value: its JSON, or for an error every part of it. */
function observable(value) {
  if (value instanceof Error) {
    const own = Object.fromEntries(Reflect.ownKeys(value).map((k) => [String(k), String(value[k])]));
    return [value.message, value.stack, String(value.code), String(value.path), String(value), JSON.stringify(own), util.inspect(value, { showHidden: true, depth: 6 })].join('\n');
  }
  if (value && typeof value === 'object' && typeof value.free === 'function') {
    return [value.vendor, JSON.stringify(value.warnings), JSON.stringify(value.toJSON())].join('\n');
  }
  return JSON.stringify(value) ?? String(value);
}

let observed = 0;
/** Runs `fn` and scans its result or error. */
function scan(label, fn) {
  let out;
  capturing = true;
  try {
    out = fn();
  } catch (e) {
    out = e;
  } finally {
    capturing = false;
  }
  const text = observable(out);
  observed++;
  const hit = text.match(NEEDLE);
  assert.equal(hit, null, `${label}: the output holds a secret: …${text.slice(Math.max(0, hit?.index - 80), hit?.index + 80)}…`);
  return out;
}

function assertNothingWritten() {
  const leaked = captured.filter((line) => NEEDLE.test(line));
  assert.deepEqual(leaked, [], 'console or stdout/stderr output holds a secret');
  assert.deepEqual(captured, [], 'the library wrote to the console or to stdout/stderr');
}

// ------------------------------------------------------------------------------------------------
// Documents

const root = new URL('../../', import.meta.url);
/**
 * The fuzz seeds (`fuzz/src/seeds.rs`, written by scripts/test-js.sh to PASSPOLICY_FUZZ_SEEDS)
 * and, when a long run left one, the local corpus fuzz/corpus/ (not committed).
 */
function corpusDocuments() {
  const dirs = [new URL('fuzz/corpus/', root)];
  if (process.env.PASSPOLICY_FUZZ_SEEDS) dirs.push(new URL(`file://${path.resolve(process.env.PASSPOLICY_FUZZ_SEEDS)}/`));
  return dirs.flatMap((dir) => documentsIn(dir));
}

function documentsIn(corpus) {
  const out = [];
  if (!fs.existsSync(corpus)) return out;
  for (const target of fs.readdirSync(corpus)) {
    if (target === 'estimate') continue; // passwords, not documents
    const vendor = target.startsWith('normalize_') ? target.slice('normalize_'.length).replace(/_/g, '-') : undefined;
    for (const file of fs.readdirSync(new URL(`${target}/`, corpus))) {
      let data = fs.readFileSync(new URL(`${target}/${file}`, corpus));
      if (target === 'check') data = data.subarray(0, data.indexOf(0xff) < 0 ? data.length : data.indexOf(0xff));
      if (target === 'roundtrip') data = data.subarray(1);
      out.push({ name: `${target}/${file}`, text: data.toString('utf8'), vendor });
    }
  }
  return out;
}

const fixturesDir = new URL('tests/fixtures/', root);
// real/ is the corpus of tests/node/real.test.mjs (documents beside their .expect.json files).
const fixtures = fs.readdirSync(fixturesDir).filter((v) => v !== 'real' && fs.statSync(new URL(v, fixturesDir)).isDirectory()).flatMap((vendor) =>
  fs.readdirSync(new URL(`${vendor}/`, fixturesDir)).map((f) => ({ name: `fixtures/${vendor}/${f}`, text: fs.readFileSync(new URL(`${vendor}/${f}`, fixturesDir), 'utf8'), vendor })),
);
const V = JSON.parse(fs.readFileSync(new URL('./vendors.json', import.meta.url), 'utf8'));
const examples = Object.entries(V)
  .filter(([k]) => !k.startsWith('_'))
  .map(([k, v]) => ({ name: `vendors.json ${k}`, text: typeof v === 'string' ? v : JSON.stringify(v) }));

const corpus = corpusDocuments();
const DOCS = [...corpus, ...fixtures, ...examples].filter((d) => !NEEDLE.test(d.text));

test('the scan sees a secret when there is one', () => {
  assert.throws(() => scan('self-test', () => ({ message: `at least 8: ${password(0)}` })), assert.AssertionError);
  assert.throws(() => scan('self-test', () => {
    throw Object.assign(new Error('x'), { path: context(0).username });
  }), assert.AssertionError);
  capturing = true;
  console.warn('a', { nested: password(1) });
  capturing = false;
  assert.throws(() => assertNothingWritten(), assert.AssertionError);
  captured.length = 0;
  observed = 0;
});

test('the fuzz seeds are there', () => {
  assert.ok(corpus.length > 100, `the fuzz seeds (PASSPOLICY_FUZZ_SEEDS) and fuzz/corpus hold ${corpus.length} documents`);
});

test('no report, warning, policy, description or error over the corpus holds a password or a context value', () => {
  let n = 0;
  let policies = 0;
  for (const doc of DOCS) {
    const i = n++;
    const pw = password(i);
    const ctx = context(i);
    const opts = doc.vendor ? { vendor: doc.vendor } : undefined;
    scan(`${doc.name}: normalize`, () => pp.normalize(doc.text, opts));
    scan(`${doc.name}: detectVendor`, () => pp.detectVendor(doc.text));
    // The one-shot check (with the estimator) on some documents, the compiled policy on all.
    if (i % 8 === 0) scan(`${doc.name}: check`, () => pp.check(doc.text, pw, ctx));
    const policy = scan(`${doc.name}: from`, () => pp.PasswordPolicy.from(doc.text, { ...opts, index: 0 }));
    if (!(policy instanceof pp.PasswordPolicy)) continue;
    policies++;
    try {
      scan(`${doc.name}: checkRules`, () => policy.checkRules(pw, ctx));
      scan(`${doc.name}: checkRules (a previous password)`, () => policy.checkRules(`ctx-marker-prev-${i}`, ctx));
      if (i % 4 === 0) scan(`${doc.name}: check`, () => policy.check(pw, ctx));
      for (const method of ['describe', 'toPasswordRules', 'htmlAttributes']) {
        if (typeof policy[method] === 'function') scan(`${doc.name}: ${method}`, () => policy[method]());
      }
      if (typeof policy.generate === 'function' && i % 4 === 0) {
        scan(`${doc.name}: generate with a context`, () => policy.generate({ count: 3, context: ctx }));
      }
      // Misuse: the password where the context goes, the context where the password goes.
      scan(`${doc.name}: password as context`, () => policy.checkRules(pw, pw));
      scan(`${doc.name}: context as password`, () => policy.checkRules(ctx, ctx));
    } finally {
      policy.free();
    }
  }
  assertNothingWritten();
  assert.ok(policies > 50, `${policies} of ${DOCS.length} documents gave a policy`);
  assert.ok(observed > 1000, `${observed} outputs scanned`);
});

test('errors about passwords and contexts never repeat a value', () => {
  const p = pp.PasswordPolicy.from({
    version: 1,
    length: { min: 8 },
    context: { username: { match: 'substring', minTokenLength: 3 }, attributes: { match: 'substring', minTokenLength: 3 } },
    history: { count: 3, enforced: true },
  });
  const pw = password('err');
  const bad = [
    { username: 1, email: pw },
    { username: [pw] },
    { email: { x: pw } },
    { attributes: { a: 1, b: pw } },
    { attributes: { a: [pw] } },
    { attributes: pw },
    { previousPasswords: [pw, 3] },
    { previousPasswords: pw },
    { dictionary: { [pw]: 1 } },
    { dictionary: [pw, null] },
    { accountId: 5, accountName: pw },
    { nope: pw },
    { username: `${pw}\ud800` },
  ];
  for (const ctx of bad) {
    const e = scan(`context ${Object.keys(ctx)}`, () => p.checkRules('Tr0ub4dor&3x', ctx));
    assert.ok(e instanceof Error && e.code === 'invalid_field', `${JSON.stringify(Object.keys(ctx))}: ${e?.code}`);
    scan(`one-shot context ${Object.keys(ctx)}`, () => pp.check({ version: 1 }, 'Tr0ub4dor&3x', ctx));
  }
  // Passwords of the wrong type or not well-formed.
  for (const bad of [new String(pw), [pw], { password: pw }, `${pw}\ud800`, `\udc00${pw}`, () => pw, Symbol(pw)]) {
    const e = scan('password', () => p.check(bad));
    assert.ok(e instanceof Error && e.code === 'invalid_field' && e.path === 'password', String(e?.message));
    scan('strength password', () => pp.strength(bad));
    scan('one-shot password', () => pp.check({ version: 1 }, bad));
  }
  // User inputs of the estimator.
  scan('userInputs', () => pp.strength(pw, [pw, 3]));
  scan('userInputs', () => pp.strength(pw, pw));
  scan('userInputs', () => pp.strength(pw, [`${pw}\ud800`]));
  scan('strength', () => pp.strength(pw, [`ctx-marker-user`, pw]));
  // Argument order mistakes: the password where the document or the options go.
  scan('check(password, doc)', () => pp.check(pw, { version: 1 }));
  scan('check(doc, context, password)', () => pp.check({ version: 1 }, context(0), pw));
  scan('normalize(password)', () => pp.normalize(pw));
  scan('detectVendor(password)', () => pp.detectVendor(pw));
  scan('from(password)', () => pp.PasswordPolicy.from(pw));
  scan('from(doc, password)', () => pp.PasswordPolicy.from({ version: 1 }, pw));
  scan('normalize(doc, password)', () => pp.normalize({ version: 1 }, pw));
  scan('generate(password)', () => p.generate?.(pw));
  scan('generate(context)', () => p.generate?.(context(1)));
  p.free();
  assertNothingWritten();
});

test('the reports of many checks in a row hold no password', () => {
  // The same instance, passwords and contexts changing: nothing of an earlier call shows later.
  const p = pp.PasswordPolicy.from(V.meraki);
  for (let i = 0; i < 2000; i++) {
    scan(`#${i}`, () => (i % 50 === 0 ? p.check(password(i), context(i)) : p.checkRules(password(i), context(i))));
  }
  p.free();
  assertNothingWritten();
});
