// Hostile input across the wasm boundary, through the installed package by name.
//
// Every exported function and every method of `PasswordPolicy` gets values no caller should pass
// (undefined, NaN, BigInt, symbols, functions, 10,000-deep objects, arrays of a million elements,
// lone surrogates, 10 MB strings, Proxies whose traps throw, objects whose toJSON throws,
// `__proto__` / `constructor` / `prototype` keys in documents and contexts, and seeded random
// values). Each call must either return a valid result or throw a `PassPolicyError` whose `code`
// is one of the seven codes; after each call the module instance must still work (a normal check
// through an old and a new policy), and no prototype may have been polluted.
//
// Then the documented limits, at and just beyond each bound: 1 MiB documents, 64 levels of
// nesting, 4,096 code points analysed by the rules, 100 seen by the strength estimator.
//
// The last tests are the defects found here once (JS exceptions thrown through Rust frames, which
// break the instance after a few thousand): they run last, since nothing would work after them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as pp from 'passpolicy';

const CODES = new Set(['invalid_json', 'invalid_xml', 'unknown_vendor', 'ambiguous_vendor', 'vendor_mismatch', 'invalid_field', 'unsatisfiable', 'too_large']);
// The vendor ids, from the package's own `VendorId` union (the build writes it from the adapters'
// table), so that a new vendor is covered without editing this file.
const VENDORS = (() => {
  const dts = fs.readFileSync(new URL('index.d.ts', import.meta.resolve('passpolicy/package.json')), 'utf8');
  const union = dts.match(/export type VendorId =([^;]*);/);
  assert.ok(union, 'the package declares VendorId');
  return [...union[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
})();
const MAX_DOCUMENT_BYTES = 1 << 20;
const MAX_DEPTH = 64;
const ANALYSIS_LIMIT = 4096;
const STRENGTH_LIMIT = 100;
/** A hang guard, not a timing claim (those are in bench/): libFuzzer's threshold for a hang, far
 * above what any call takes (the measured time is printed). */
const HANG_MS = 10_000;
function noHang(label, f) {
  const t = performance.now();
  const result = f();
  const ms = performance.now() - t;
  console.log(`# ${label}: ${ms.toFixed(1)} ms`);
  assert.ok(ms < HANG_MS, `${label} took ${Math.round(ms)} ms (a hang: over ${HANG_MS} ms)`);
  return result;
}

const V = JSON.parse(fs.readFileSync(new URL('./vendors.json', import.meta.url), 'utf8'));
const fixturesDir = new URL('../fixtures/', import.meta.url);
/** Every fixture document (the seed documents' examples), as text. */
// real/ is the corpus of tests/node/real.test.mjs (documents beside their .expect.json files).
const FIXTURES = fs.readdirSync(fixturesDir).filter((v) => v !== 'real' && fs.statSync(new URL(v, fixturesDir)).isDirectory()).flatMap((vendor) =>
  fs.readdirSync(new URL(`${vendor}/`, fixturesDir)).map((f) => ({ name: `${vendor}/${f}`, text: fs.readFileSync(new URL(`${vendor}/${f}`, fixturesDir), 'utf8') })),
);

// ------------------------------------------------------------------------------------------------
// Result and error contracts

/** Every object of an output is a plain object or array (no prototype taken from a `__proto__`
 * key, no functions, symbols or bigints). */
function assertPlain(value, where, depth = 0) {
  assert.ok(depth < 200, `${where}: output nests deeper than 200`);
  const t = typeof value;
  assert.ok(!['function', 'symbol', 'bigint', 'undefined'].includes(t), `${where}: a ${t} in the output`);
  if (value === null || t !== 'object') return;
  const proto = Object.getPrototypeOf(value);
  assert.ok(proto === Object.prototype || proto === Array.prototype, `${where}: an output object with another prototype`);
  for (const key of Object.keys(value)) assertPlain(value[key], `${where}.${key}`, depth + 1);
}

const isCount = (n) => Number.isInteger(n) && n >= 0;

function assertReport(r, where, { strength }) {
  assertPlain(r, where);
  assert.equal(typeof r.ok, 'boolean', where);
  assert.ok(Array.isArray(r.rules) && Array.isArray(r.violations), where);
  for (const rule of r.rules) {
    assert.equal(typeof rule.id, 'string', where);
    assert.ok(['pass', 'fail', 'unchecked'].includes(rule.status), `${where}: status ${rule.status}`);
    assert.equal(typeof rule.message, 'string', where);
  }
  assert.deepEqual(r.violations, r.rules.filter((x) => x.status === 'fail'), `${where}: violations are the failed rules`);
  assert.equal(r.ok, r.violations.length === 0, where);
  assert.ok(isCount(r.length.graphemes) && isCount(r.length.codePoints) && isCount(r.length.utf16), where);
  assert.equal(typeof r.analyzed.complete, 'boolean', where);
  assert.ok(isCount(r.analyzed.codePoints) && r.analyzed.codePoints <= ANALYSIS_LIMIT, where);
  if (strength) assertStrength(r.strength, `${where}.strength`);
  else assert.equal(r.strength, undefined, `${where}: checkRules has no strength`);
}

function assertStrength(s, where) {
  assertPlain(s, where);
  assert.ok(Number.isInteger(s.score) && s.score >= 0 && s.score <= 4, `${where}: score ${s.score}`);
  assert.ok(Number.isFinite(s.guessesLog10) && s.guessesLog10 >= 0, `${where}: guessesLog10 ${s.guessesLog10}`);
  assert.ok(isCount(s.analyzedCodePoints) && s.analyzedCodePoints <= STRENGTH_LIMIT, where);
}

function assertNormalized(n, where) {
  assertPlain(n, where);
  for (const one of Array.isArray(n) ? n : [n]) {
    assert.ok(VENDORS.includes(one.vendor), `${where}: vendor ${one.vendor}`);
    assert.equal(one.policy.version, 1, where);
    assert.ok(Array.isArray(one.warnings), where);
    for (const w of one.warnings) assert.deepEqual(Object.keys(w).sort(), ['code', 'message', 'path'], where);
  }
}

/** The contract of one call: a valid result, or a PassPolicyError with a known code. */
function expectContract(label, fn, validate) {
  let result;
  try {
    result = fn();
  } catch (e) {
    assert.ok(e instanceof Error, `${label}: threw a non-Error: ${typeof e}`);
    assert.equal(e.name, 'PassPolicyError', `${label}: threw ${e.name}: ${e.message}`);
    assert.equal(typeof e.code, 'string', `${label}: an error without a code: ${e.stack}`);
    assert.ok(CODES.has(e.code), `${label}: unknown code ${e.code}`);
    assert.ok(e.path === null || typeof e.path === 'string', `${label}: path ${e.path}`);
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 0 && e.message.length < 10_000, `${label}: message of ${e.message.length} characters`);
    assert.ok(pp.isPassPolicyError(e), label);
    return { error: e };
  }
  validate(result, label);
  return { value: result };
}

// ------------------------------------------------------------------------------------------------
// Health of the instance, prototypes

const CTX = { username: 'ann.smith', email: 'ann.smith@example.com', previousPasswords: ['old-Passw0rd'] };
const survivor = pp.PasswordPolicy.from(V.meraki);
const BASE = {
  good: survivor.check('Tr0ub4dor&3x', CTX),
  bad: survivor.checkRules('password', CTX),
  normalized: pp.normalize(V.sumologic),
};

const PROTOS = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Error: Error.prototype };
const protoKeys = (o) => Reflect.ownKeys(o).map(String).sort();
const PROTO_KEYS = Object.fromEntries(Object.entries(PROTOS).map(([n, o]) => [n, protoKeys(o)]));

function assertUnpolluted(label) {
  for (const [name, proto] of Object.entries(PROTOS)) {
    assert.deepEqual(protoKeys(proto), PROTO_KEYS[name], `${label}: ${name}.prototype changed`);
  }
  assert.equal({}.polluted, undefined, `${label}: Object.prototype polluted`);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

let calls = 0;
/** The module still works: the old policy checks as before, a new one compiles and checks. */
function assertHealthy(label, { full = false } = {}) {
  calls++;
  assert.deepEqual(survivor.checkRules('password', CTX), BASE.bad, `${label}: the old policy checks differently afterwards`);
  if (full || calls % 50 === 0) {
    assert.deepEqual(survivor.check('Tr0ub4dor&3x', CTX), BASE.good, `${label}: the full check differs afterwards`);
    assert.deepEqual(pp.normalize(V.sumologic), BASE.normalized, `${label}: normalize differs afterwards`);
    const fresh = pp.PasswordPolicy.from({ version: 1, length: { min: 4 } });
    assert.equal(fresh.checkRules('abcd').ok, true, label);
    fresh.free();
  }
  assertUnpolluted(label);
}

// ------------------------------------------------------------------------------------------------
// Hostile values

const deepObject = (n) => {
  const root = {};
  let cur = root;
  for (let i = 0; i < n; i++) cur = cur.a = {};
  return root;
};
const deepArray = (n) => {
  const root = [];
  let cur = root;
  for (let i = 0; i < n; i++) {
    const next = [];
    cur.push(next);
    cur = next;
  }
  return root;
};
const cyclic = () => {
  const o = { version: 1 };
  o.self = o;
  return o;
};
const boom = () => {
  throw new Error('hostile trap');
};
const ownProto = (value) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`);

const TEN_MB = 10 * 1024 * 1024;
const big = {};
const lazy = (name, make) => () => (big[name] ??= make());

/** Named hostile values; `make` builds the value on each use (or returns a shared large one).
 * `unwinds`: a value whose traps throw inside a JS call the bindings make without catching
 * (Array.isArray on a revoked Proxy, the `length` of a Proxy array), now caught in bindings.rs:
 * see the test at the end. `guardThrows`: a value on which isPassPolicyError once threw. */
const HOSTILE = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['true', () => true],
  ['0', () => 0],
  ['-0', () => -0],
  ['-1', () => -1],
  ['1.5', () => 1.5],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['2^53+1', () => 2 ** 53 + 1],
  ['MAX_VALUE', () => Number.MAX_VALUE],
  ['BigInt', () => 10n],
  ['huge BigInt', () => 2n ** 4096n],
  ['symbol', () => Symbol('hostile')],
  ['function', () => () => 1],
  ['class', () => class Hostile {}],
  ['empty string', () => ''],
  ['blank string', () => ' \t\r\n'],
  ['NUL', () => '\u0000'],
  ['lone high surrogate', () => '\ud800'],
  ['lone low surrogate', () => 'ab\udc00cd'],
  ['reversed pair', () => '\udc00\ud800'],
  ['surrogates in JSON', () => '{"version": 1, "source": {"name": "\ud800"}}'],
  ['escaped surrogate in JSON', () => '{"version": 1, "source": {"name": "\\ud800"}}'],
  ['BOM + JSON', () => '\ufeff{"version": 1}'],
  ['open brace', () => '{'],
  ['open bracket', () => '['],
  ['lt', () => '<'],
  ['xml decl', () => '<?xml version="1.0"?>'],
  ['DOCTYPE entity', () => '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><platform><passwordPolicy><min_length>&b;</min_length></passwordPolicy></platform>'],
  ['JSON null', () => 'null'],
  ['JSON number', () => '1e400'],
  ['JSON string', () => '"minlength: 8"'],
  ['passwordrules junk', () => 'minlength: 99999999999999999999; maxlength: -1; required: [;'],
  ['keycloak junk', () => 'length(99999999999999999999) and regexPattern((a+)+$) and notUsername(undefined)'],
  ['10 MB string', lazy('tenMB', () => 'x'.repeat(TEN_MB))],
  ['10 MB of surrogates', lazy('tenMBsurrogates', () => '\ud800'.repeat(TEN_MB / 2))],
  ['10 MB JSON-ish', lazy('tenMBjson', () => `{"minLength": 8, "x": "${'y'.repeat(TEN_MB)}"}`)],
  ['10,000-deep JSON text', lazy('deepJsonText', () => '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000))],
  ['10,000-deep brackets', lazy('deepBrackets', () => '['.repeat(10_000))],
  ['10,000-deep XML', lazy('deepXml', () => '<a>'.repeat(10_000) + '</a>'.repeat(10_000))],
  ['{}', () => ({})],
  ['[]', () => []],
  ['[1, "a", null]', () => [1, 'a', null]],
  ['array of a million strings', lazy('millionStrings', () => new Array(1_000_000).fill('ab'))],
  ['array of a million numbers', lazy('millionNumbers', () => Array.from({ length: 1_000_000 }, (_, i) => i))],
  ['sparse array of a million', lazy('sparse', () => new Array(1_000_000))],
  ['10,000-deep object', lazy('deepObject', () => deepObject(10_000))],
  ['10,000-deep array', lazy('deepArray', () => deepArray(10_000))],
  ['cyclic object', cyclic],
  ['cyclic array', () => {
    const a = [];
    a.push(a);
    return a;
  }],
  ['Map', () => new Map([['minLength', 8]])],
  ['Set', () => new Set(['a'])],
  ['WeakMap', () => new WeakMap()],
  ['Date', () => new Date(0)],
  ['invalid Date', () => new Date(NaN)],
  ['RegExp', () => /a+/g],
  ['Uint8Array', () => new Uint8Array([123, 125])],
  ['ArrayBuffer', () => new ArrayBuffer(8)],
  ['Promise', () => Promise.resolve(1)],
  ['Error', () => new Error('x')],
  ['String object', () => new String('Tr0ub4dor&3x')],
  ['Number object', () => new Number(8)],
  ['null-prototype object', () => Object.assign(Object.create(null), { minLength: 8 })],
  ['frozen object', () => Object.freeze({ version: 1, length: Object.freeze({ min: 8 }) })],
  ['symbol keys', () => ({ [Symbol('k')]: 1, version: 1 })],
  ['toJSON throws', () => ({ toJSON: boom })],
  ['toJSON returns undefined', () => ({ toJSON: () => undefined })],
  ['toJSON returns 2 MB', () => ({ toJSON: () => 'z'.repeat(2 * 1024 * 1024) })],
  ['toJSON returns itself', () => {
    const o = { version: 1 };
    o.toJSON = () => o;
    return o;
  }],
  ['getter throws', () => ({ version: 1, get length() { return boom(); } })],
  ['toString throws', () => ({ toString: boom, valueOf: boom, [Symbol.toPrimitive]: boom })],
  ['Proxy: get throws', () => new Proxy({}, { get: boom })],
  ['Proxy: ownKeys throws', () => new Proxy({ version: 1 }, { ownKeys: boom })],
  ['Proxy: has/getOwnPropertyDescriptor throw', () => new Proxy({ version: 1 }, { has: boom, getOwnPropertyDescriptor: boom })],
  ['Proxy: getPrototypeOf throws', () => new Proxy({}, { getPrototypeOf: boom }), { guardThrows: true }],
  ['Proxy of a function', () => new Proxy(function f() {}, { apply: boom, get: boom })],
  ['revoked Proxy', () => {
    const r = Proxy.revocable({}, {});
    r.revoke();
    return r.proxy;
  }, { unwinds: true, guardThrows: true }],
  ['Proxy array: length throws', () => new Proxy(['a', 'b'], { get: (t, k) => (k === 'length' ? boom() : t[k]) }), { unwinds: true }],
  ['__proto__ key', () => ownProto({ polluted: 'yes', minLength: 8 })],
  ['constructor.prototype keys', () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}')],
  ['__proto__ JSON text', () => '{"__proto__": {"polluted": "yes"}, "minLength": 8}'],
  ['globalThis', () => globalThis],
].map(([name, make, flags = {}]) => ({ name, make, ...flags }));

const SAFE = HOSTILE.filter((h) => !h.unwinds);
/** Without the megabyte-sized and 10,000-deep values (for the loops that multiply calls). */
const LIGHT = SAFE.filter((h) => !/10 MB|million|10,000|globalThis/.test(h.name));

// ------------------------------------------------------------------------------------------------
// The callables: every export and every method, with valid arguments and a result check

const VALID_DOC = V.meraki;
const callables = () => {
  const victim = pp.PasswordPolicy.from(V.meraki);
  const list = [
    { name: 'check', fn: (a) => pp.check(...a), args: [VALID_DOC, 'Tr0ub4dor&3x', CTX], ok: (r, l) => assertReport(r, l, { strength: true }) },
    { name: 'normalize', fn: (a) => pp.normalize(...a), args: [VALID_DOC, {}], ok: assertNormalized },
    { name: 'detectVendor', fn: (a) => pp.detectVendor(...a), args: [VALID_DOC], ok: (r, l) => assert.ok(VENDORS.includes(r), `${l}: ${r}`) },
    { name: 'strength', fn: (a) => pp.strength(...a), args: ['Tr0ub4dor&3x', ['ann']], ok: assertStrength },
    {
      name: 'PasswordPolicy.from',
      fn: (a) => pp.PasswordPolicy.from(...a),
      args: [VALID_DOC, {}],
      ok: (p, l) => {
        assert.ok(p instanceof pp.PasswordPolicy, l);
        assertReport(p.checkRules('x'), l, { strength: false });
        p.free();
      },
    },
  ];
  // Methods of PasswordPolicy (those added later are called too, with no valid arguments known).
  const methodArgs = { check: ['Tr0ub4dor&3x', CTX], checkRules: ['Tr0ub4dor&3x', CTX], generate: [{ length: 16 }] };
  const methodOk = {
    check: (r, l) => assertReport(r, l, { strength: true }),
    checkRules: (r, l) => assertReport(r, l, { strength: false }),
    toJSON: (r, l) => {
      assertPlain(r, l);
      assert.equal(r.version, 1, l);
    },
  };
  const proto = pp.PasswordPolicy.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    // checkWithBreach is async and looks the password up: tests/node/breach.test.mjs covers it
    // (and its hostile arguments) against a local range API; a sweep here could reach the public one.
    if (['constructor', 'free', '__destroy_into_raw', 'checkWithBreach'].includes(name) || name.startsWith('__')) continue;
    if (desc.get) {
      list.push({ name: `policy.${name} (getter)`, fn: () => victim[name], args: [], ok: assertPlain });
    } else if (typeof desc.value === 'function') {
      list.push({ name: `policy.${name}`, fn: (a) => victim[name](...a), args: methodArgs[name] ?? [], ok: methodOk[name] ?? assertPlain });
    }
  }
  // Module exports not named above (added later): called with hostile values in each position.
  // (checkBreached: async, covered by tests/node/breach.test.mjs against a local range API.)
  // (loadLanguage: async, its own hostile test below.)
  const known = new Set(['PasswordPolicy', 'check', 'normalize', 'detectVendor', 'strength', 'init', 'initSync', 'strengthReady', 'isPassPolicyError', 'checkBreached', 'loadLanguage', 'default']);
  for (const [name, f] of Object.entries(pp)) {
    if (known.has(name) || typeof f !== 'function') continue;
    list.push({ name, fn: (a) => f(...a), args: [], ok: assertPlain });
  }
  return { list, victim };
};

/** Calls `c` with `value` in argument position `pos` (valid values elsewhere). */
function hostileCall(c, pos, value, label) {
  const args = [...c.args];
  while (args.length <= pos) args.push(undefined);
  args[pos] = value;
  return expectContract(label, () => c.fn(args), c.ok);
}

test('every export and method: a valid result or a coded error for each hostile value, in each position', () => {
  const { list, victim } = callables();
  let n = 0;
  for (const c of list) {
    const positions = Math.max(c.args.length, 1) + 1; // one beyond the declared arguments too
    for (let pos = 0; pos < positions; pos++) {
      for (const h of SAFE) {
        const label = `${c.name}(arg ${pos} = ${h.name})`;
        hostileCall(c, pos, h.make(), label);
        assertHealthy(label);
        n++;
      }
    }
  }
  victim.free();
  assertHealthy('after the sweep', { full: true });
  assert.ok(n > 1000, `${n} hostile calls`);
});

/** Fields of the object arguments (options, contexts) that get hostile values one at a time. */
const FIELDS = {
  normalize: { 1: ['vendor', 'index', 'locale', 'messages'] },
  'PasswordPolicy.from': { 1: ['vendor', 'index', 'locale', 'messages', 'languages'] },
  check: { 2: ['username', 'email', 'accountId', 'accountName', 'attributes', 'previousPasswords', 'dictionary'] },
  'policy.check': { 1: ['username', 'email', 'attributes', 'previousPasswords', 'dictionary'] },
  'policy.checkRules': { 1: ['username', 'email', 'accountId', 'accountName', 'attributes', 'previousPasswords', 'dictionary'] },
  'policy.generate': { 0: ['length', 'count', 'exclude', 'context'] },
};

test('hostile values inside options, contexts and generate options', () => {
  const { list, victim } = callables();
  let n = 0;
  for (const c of list) {
    for (const [pos, fields] of Object.entries(FIELDS[c.name] ?? {})) {
      for (const field of fields) {
        for (const h of field === fields[0] ? SAFE : LIGHT) {
          const label = `${c.name}(arg ${pos} = { ${field}: ${h.name} })`;
          hostileCall(c, Number(pos), { ...(c.args[pos] ?? {}), [field]: h.make() }, label);
          // …and one level further down (an attribute, a list item, a message override).
          hostileCall(c, Number(pos), { [field]: field === 'attributes' || field === 'messages' ? { x: h.make() } : [h.make()] }, `${label} nested`);
          assertHealthy(label);
          n++;
        }
      }
    }
  }
  victim.free();
  assertHealthy('after the fields', { full: true });
  assert.ok(n > 1000, `${n} hostile fields`);
});

test('loadLanguage: a hostile code or source resolves or rejects with a coded error, and breaks nothing', async () => {
  let n = 0;
  for (const h of SAFE) {
    for (const args of [[h.make()], ['de', h.make()], ['es', h.make()], [h.make(), h.make()]]) {
      const label = `loadLanguage(${args.length === 1 ? h.name : `${typeof args[0] === 'string' ? args[0] : h.name}, ${h.name}`})`;
      let p;
      try {
        p = pp.loadLanguage(...args);
      } catch (e) {
        assert.fail(`${label}: threw synchronously: ${e}`);
      }
      assert.ok(p instanceof Promise, `${label}: not a promise`);
      await p.then(
        (v) => assert.equal(v, undefined, label),
        (e) => {
          assert.ok(pp.isPassPolicyError(e), `${label}: rejected with ${e?.name}: ${e?.message}`);
          assert.ok(CODES.has(e.code), `${label}: unknown code ${e.code}`);
        },
      );
      assertHealthy(label);
      n++;
    }
  }
  assert.ok(n > 100, `${n} hostile loads`);
  assertHealthy('after the loads', { full: true });
});

test('init, initSync, strengthReady and isPassPolicyError accept anything', async () => {
  for (const h of SAFE) {
    assert.equal(await pp.init(h.make()), undefined, h.name);
    assert.equal(pp.initSync(h.make()), undefined, h.name);
    assert.equal(await pp.strengthReady(h.make()), undefined, h.name);
    if (!h.guardThrows) assert.equal(pp.isPassPolicyError(h.make()), false, h.name);
  }
  assertHealthy('init', { full: true });
});

test('new PasswordPolicy() is a TypeError, whatever the arguments', () => {
  for (const h of SAFE) {
    assert.throws(() => new pp.PasswordPolicy(h.make()), TypeError, h.name);
  }
  assertHealthy('constructor', { full: true });
});

test('methods on a freed policy or on a foreign `this` throw an Error and break nothing', () => {
  const p = pp.PasswordPolicy.from(V.meraki);
  p.free();
  const calls = [
    () => p.check('x'), () => p.checkRules('x'), () => p.toJSON(), () => p.describe(), () => p.generate(),
    () => p.toPasswordRules(), () => p.htmlAttributes(), () => p.vendor, () => p.warnings,
    () => pp.PasswordPolicy.prototype.check.call({}, 'x'), () => pp.PasswordPolicy.prototype.checkRules.call(null, 'x'),
  ];
  for (const call of calls) {
    assert.throws(call, (e) => e instanceof TypeError && /freed/.test(e.message), String(call));
    assertHealthy('freed');
  }
  // Freeing twice does nothing.
  assert.equal(p.free(), undefined);
  assertHealthy('freed', { full: true });
});

test('a copy of a policy (Object.assign onto its prototype, as clone helpers do) is refused, before and after free()', async () => {
  const p = pp.PasswordPolicy.from({ version: 1, length: { min: 8 } });
  const clone = Object.assign(Object.create(Object.getPrototypeOf(p)), p);
  assert.equal(clone.__wbg_ptr, p.__wbg_ptr, 'the copy holds the pointer');
  assert.throws(() => clone.checkRules('x'), (e) => e instanceof TypeError && /copy/.test(e.message));
  assert.equal(clone.free(), undefined, "a copy's free() does nothing");
  assert.equal(p.checkRules('short').ok, false, 'the original still works');
  p.free();
  // After the original is freed and its memory reused by another policy, the copy still cannot
  // reach it (before: it silently checked against the other policy).
  const other = pp.PasswordPolicy.from({ version: 1, length: { min: 2 } });
  assert.throws(() => clone.checkRules('x'), TypeError);
  assert.throws(() => clone.vendor, TypeError);
  other.free();
  // A policy made by PasswordPolicy.from of either entry stays usable: only copies are refused.
  const q = pp.PasswordPolicy.from({ version: 1 });
  assert.equal(q.checkRules('x').ok, true);
  q.free();
  assertHealthy('clone', { full: true });
});

// ------------------------------------------------------------------------------------------------
// Prototype-polluting keys in documents and contexts

/** `text` (a JSON object) with `key: value` added first, at the top and inside each nested object. */
function injectKey(text, key, value) {
  const extra = `${JSON.stringify(key)}: ${JSON.stringify(value)}, `;
  return text.replace(/\{(\s*")/g, (m, rest) => `{${extra}${rest.trimStart()}`);
}

test('__proto__, constructor and prototype keys in every vendor document and in contexts', () => {
  const docs = [...FIXTURES.map((f) => f.text), ...Object.values(V).filter((v) => typeof v !== 'string').map((v) => JSON.stringify(v))].filter((t) =>
    t.trimStart().startsWith('{') || t.trimStart().startsWith('['),
  );
  let n = 0;
  for (const text of docs) {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      for (const value of [{ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, 'polluted', [1]]) {
        const hostile = injectKey(text, key, value);
        let asObject;
        try {
          asObject = JSON.parse(hostile); // JSON.parse makes `__proto__` an own key
        } catch {
          continue; // a `{"` inside a string value: not a place for a key
        }
        for (const doc of [hostile, asObject]) {
          for (const vendor of [undefined, VENDORS[n % VENDORS.length]]) {
            const label = `${key} in ${text.slice(0, 40)} (${vendor ?? 'detected'})`;
            expectContract(label, () => pp.normalize(doc, { vendor }), assertNormalized);
            expectContract(label, () => {
              const p = pp.PasswordPolicy.from(doc, { vendor, index: Array.isArray(asObject) ? 0 : undefined });
              try {
                return p.checkRules('Tr0ub4dor&3x', CTX);
              } finally {
                p.free();
              }
            }, (r, l) => assertReport(r, l, { strength: false }));
            assertUnpolluted(label);
            n++;
          }
        }
      }
    }
  }
  assertHealthy('documents', { full: true });
  assert.ok(n > 1000, `${n} documents`);

  // Contexts: polluting keys at the top (an unknown field: invalid_field) and as attribute names
  // (any name is allowed there: the report names it and nothing else changes).
  const attrPolicy = pp.PasswordPolicy.from({ version: 1, context: { attributes: { match: 'substring', minTokenLength: 3 } } });
  for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
    for (const ctx of [ownProto({ username: 'x' }), JSON.parse(`{${JSON.stringify(key)}: {"polluted": "yes"}}`), { attributes: JSON.parse(`{${JSON.stringify(key)}: "Tr0ub4dor"}`) }]) {
      const r = expectContract(`context ${key}`, () => attrPolicy.check('Tr0ub4dor&3x', ctx), (v, l) => assertReport(v, l, { strength: true }));
      if (r.value && ctx.attributes) assert.equal(r.value.ok, false, `an attribute named ${key} is matched`);
      if (r.error) assert.equal(r.error.code, 'invalid_field');
      assertUnpolluted(`context ${key}`);
    }
  }
  attrPolicy.free();
  // Outputs keep a `__proto__` key of the document as data.
  const n1 = pp.normalize('{"minLength": 8, "__proto__": {"polluted": "yes"}}', { vendor: 'sumologic' });
  assert.equal(Object.getPrototypeOf(n1.policy.vendorExtras ?? {}), Object.prototype);
  assertUnpolluted('vendorExtras');
});

// ------------------------------------------------------------------------------------------------
// Seeded random values

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'version', 'length', 'min', 'max', 'unit', 'classes', 'class', 'sets', 'types', 'required', 'of', 'chars', 'ranges', 'symbols', 'allowed',
  'forbidden', 'minUnique', 'maxRepeat', 'maxSequence', 'dictionary', 'common', 'custom', 'words', 'match', 'context', 'history', 'count', 'enforced', 'minStrength',
  'settings', 'vendorExtras', 'source', 'minLength', 'maxLength', 'minCharacterTypes', 'mustContainDigits', 'enforceStrongPasswords',
  'PasswordPolicy', 'MinimumPasswordLength', 'passwordPolicy', 'password-rules', 'options', 'strategy', 'realm', 'platform',
  'username', 'email', 'accountId', 'accountName', 'attributes', 'previousPasswords', 'vendor', 'index', 'locale', 'messages', 'length',
  'exclude', '__proto__', 'constructor', 'prototype', 'toJSON', '', '\ud800', '0',
];
const STRINGS = ['', 'a', 'Tr0ub4dor&3x', 'meraki', 'canonical', 'de', 'lower', 'digit', 'substring', 'whole', '8', '-1', '1e309', '\ud800',
  '\u0000', '👨‍👩‍👧', 'minlength: 8; required: digit;', 'length(8) and digits(2)', '<platform/>', '{"version":1}', 'x'.repeat(5000)];

function randomValue(rng, depth) {
  const pick = (xs) => xs[Math.floor(rng() * xs.length)];
  const r = rng();
  if (depth <= 0 || r < 0.35) {
    return pick([() => pick(STRINGS), () => Math.floor(rng() * 200) - 50, () => pick([NaN, Infinity, -0, 2 ** 32, 1e308, 0.5]), () => pick([true, false, null, undefined]),
      () => pick(LIGHT).make()])();
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rng() * 5) }, () => randomValue(rng, depth - 1));
  const o = {};
  for (let i = Math.floor(rng() * 6); i > 0; i--) {
    Object.defineProperty(o, pick(KEYS), { value: randomValue(rng, depth - 1), enumerable: true, configurable: true, writable: true });
  }
  return o;
}

/** A vendor example with some fields replaced or added at random. */
function randomDocument(rng) {
  const bases = Object.values(V).filter((v) => typeof v === 'object');
  const doc = structuredClone(bases[Math.floor(rng() * bases.length)]);
  const target = Array.isArray(doc) ? doc[0] : doc;
  for (let i = 1 + Math.floor(rng() * 3); i > 0; i--) {
    const keys = Object.keys(target);
    const key = rng() < 0.6 && keys.length ? keys[Math.floor(rng() * keys.length)] : KEYS[Math.floor(rng() * KEYS.length)];
    Object.defineProperty(target, key, { value: randomValue(rng, 2), enumerable: true, configurable: true, writable: true });
  }
  if (rng() < 0.3) {
    try {
      return JSON.stringify(doc); // as text, when it can be written
    } catch {
      return doc;
    }
  }
  return doc;
}

test('3,000 seeded random calls', () => {
  const rng = mulberry32(0x7e57_0007);
  const { list, victim } = callables();
  for (let i = 0; i < 3000; i++) {
    const c = list[Math.floor(rng() * list.length)];
    const args = [...c.args];
    for (let pos = 0; pos < Math.max(args.length, 1); pos++) {
      if (rng() < 0.5) args[pos] = pos === 0 && /check|normalize|detect|from/.test(c.name) && !c.name.startsWith('policy.') ? randomDocument(rng) : randomValue(rng, 3);
    }
    const label = `random #${i}: ${c.name}`;
    expectContract(label, () => c.fn(args), c.ok);
    assertHealthy(label);
  }
  victim.free();
  assertHealthy('after the random calls', { full: true });
});

// ------------------------------------------------------------------------------------------------
// Values whose traps throw

test('isPassPolicyError never throws (a Proxy whose getPrototypeOf throws, a revoked Proxy)', () => {
  for (const h of HOSTILE.filter((x) => x.guardThrows)) {
    assert.equal(pp.isPassPolicyError(h.make()), false, h.name);
  }
});

// ------------------------------------------------------------------------------------------------
// Limits

/** A canonical policy document of exactly `bytes` UTF-8 bytes, padded with `pad` characters. */
function canonicalOfBytes(bytes, pad = 'x') {
  const head = '{"version":1,"length":{"min":8},"vendorExtras":{"pad":"';
  const tail = '"}}';
  const room = bytes - Buffer.byteLength(head + tail);
  const padBytes = Buffer.byteLength(pad);
  const text = head + pad.repeat(Math.floor(room / padBytes)) + 'x'.repeat(room % padBytes) + tail;
  assert.equal(Buffer.byteLength(text), bytes);
  return text;
}

function throwsCode(fn, code, messageIncludes) {
  const { error } = expectContract('limit', fn, () => assert.fail(`expected ${code}, got a result`));
  assert.ok(error, `expected ${code}`);
  assert.equal(error.code, code, error.message);
  if (messageIncludes) assert.ok(error.message.includes(messageIncludes), `"${error.message}" does not say ${messageIncludes}`);
  return error;
}

test('limit: documents of 1 MiB are accepted, one byte more is too_large with the limit in the message', () => {
  for (const pad of ['x', 'é', '漢', '😀']) {
    const at = canonicalOfBytes(MAX_DOCUMENT_BYTES, pad);
    assert.equal(pp.normalize(at).policy.length.min, 8, `1 MiB of ${pad}`);
    const p = pp.PasswordPolicy.from(at);
    assert.equal(p.checkRules('12345678').ok, true);
    p.free();
    assert.equal(pp.check(at, 'short').ok, false);
    const beyond = canonicalOfBytes(MAX_DOCUMENT_BYTES + 1, pad);
    for (const f of [() => pp.normalize(beyond), () => pp.PasswordPolicy.from(beyond), () => pp.check(beyond, 'x'), () => pp.detectVendor(beyond)]) {
      throwsCode(f, 'too_large', String(MAX_DOCUMENT_BYTES));
    }
  }
  // An object document is measured as its JSON text.
  const obj = JSON.parse(canonicalOfBytes(MAX_DOCUMENT_BYTES));
  assert.equal(pp.normalize(obj).policy.length.min, 8);
  obj.vendorExtras.pad += 'x';
  throwsCode(() => pp.normalize(obj), 'too_large', String(MAX_DOCUMENT_BYTES));
  // XML (LongJump) likewise.
  const xmlHead = '<platform><passwordPolicy><min_length>6</min_length></passwordPolicy><pad>';
  const xmlTail = '</pad></platform>';
  const xml = (bytes) => xmlHead + 'x'.repeat(bytes - xmlHead.length - xmlTail.length) + xmlTail;
  assert.equal(pp.normalize(xml(MAX_DOCUMENT_BYTES)).policy.length.min, 6);
  throwsCode(() => pp.normalize(xml(MAX_DOCUMENT_BYTES + 1)), 'too_large', String(MAX_DOCUMENT_BYTES));
  // 10 MB is refused before it is copied into wasm.
  noHang('a 10 MB document', () => throwsCode(() => pp.normalize(big.tenMB ?? 'x'.repeat(TEN_MB)), 'too_large'));
  assertHealthy('document size', { full: true });
});

test('limit: 64 levels of nesting are accepted, 65 are too_large with the limit in the message', () => {
  // Top object (1) + vendorExtras (2) + k arrays.
  const nested = (levels) => `{"version":1,"length":{"min":8},"vendorExtras":{"x":${'['.repeat(levels - 2)}${']'.repeat(levels - 2)}}}`;
  assert.equal(pp.normalize(nested(MAX_DEPTH)).policy.length.min, 8);
  assert.equal(pp.normalize(JSON.parse(nested(MAX_DEPTH))).policy.length.min, 8);
  throwsCode(() => pp.normalize(nested(MAX_DEPTH + 1)), 'too_large', String(MAX_DEPTH));
  throwsCode(() => pp.normalize(JSON.parse(nested(MAX_DEPTH + 1))), 'too_large', String(MAX_DEPTH));
  throwsCode(() => pp.PasswordPolicy.from(nested(MAX_DEPTH + 1)), 'too_large', String(MAX_DEPTH));
  // Brackets inside strings do not count.
  assert.equal(pp.normalize(`{"version":1,"vendorExtras":{"x":"${'['.repeat(1000)}"}}`).vendor, 'canonical');
  // XML: elements.
  const xml = (levels) => `<platform><passwordPolicy><min_length>6</min_length></passwordPolicy>${'<x>'.repeat(levels - 1)}${'</x>'.repeat(levels - 1)}</platform>`;
  assert.equal(pp.normalize(xml(MAX_DEPTH)).policy.length.min, 6);
  throwsCode(() => pp.normalize(xml(MAX_DEPTH + 1)), 'too_large', String(MAX_DEPTH));
  // Far beyond: too_large for text; an object that JSON.stringify itself cannot write (V8 throws
  // a RangeError) is an invalid_field at `doc`.
  throwsCode(() => pp.normalize(big.deepJsonText ?? '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)), 'too_large', String(MAX_DEPTH));
  throwsCode(() => pp.normalize('<a>'.repeat(10_000)), 'too_large', String(MAX_DEPTH));
  const e = expectContract('deep object', () => pp.normalize(deepObject(10_000)), () => assert.fail('a result')).error;
  assert.ok(['too_large', 'invalid_field'].includes(e.code), e.code);
  assertHealthy('depth', { full: true });
});

test('limit: error and warning paths and messages are bounded, however long the keys', () => {
  const key = 'k'.repeat(500_000) + '😀';
  const utf8 = (x) => Buffer.byteLength(x);
  // An unknown key of the canonical form is an error naming it.
  const e = throwsCode(() => pp.normalize({ version: 1, [key]: 1 }), 'invalid_field');
  assert.ok(e.path.startsWith('kkkk') && e.path.endsWith('…'), e.path.slice(-10));
  assert.ok(utf8(e.path) <= 1024 + 3, `a path of ${utf8(e.path)} bytes`);
  // The thrown Error's message is `path: message`, each part bounded.
  assert.ok(e.message.startsWith(`${e.path}: `), 'the message starts with the path');
  const own = e.message.slice(e.path.length + 2);
  assert.ok(utf8(own) <= 2048 + 3, `a message of ${utf8(own)} bytes after the path`);
  assert.ok(utf8(e.message) <= 1024 + 3 + 2 + 2048 + 3, `an Error message of ${utf8(e.message)} bytes`);
  // An unknown key of a vendor document is a warning, and its value is kept whole.
  const r = pp.normalize({ enforceStrongPasswords: true, [key]: 'v' }, { vendor: 'meraki' });
  const w = r.warnings.find((x) => x.code === 'unknown_field');
  assert.ok(w && utf8(w.path) <= 1024 + 3 && utf8(w.message) <= 2048 + 3, 'a bounded warning');
  assert.equal(r.policy.vendorExtras[key], 'v');
  assertHealthy('long keys');
});

test('limit: the rules analyse 4,096 code points; beyond, the report says so and the counts stay exact', () => {
  const byUnit = Object.fromEntries(['graphemes', 'codePoints', 'utf16'].map((unit) => [unit, pp.PasswordPolicy.from({ version: 1, length: { min: 8, max: 1_000_000, unit } })]));
  // Beyond 8,194 UTF-16 units only the head of a password is copied into wasm (the counts of the
  // whole come from its UTF-8 bytes): 9,000 and 300,000 code points take that path.
  for (const ch of ['a', 'é', '😀', 'e\u0301', '😀a']) {
    const cps = [...ch].length;
    for (const n of [ANALYSIS_LIMIT - 1, ANALYSIS_LIMIT, ANALYSIS_LIMIT + 1, 5000, 9000, 300_000]) {
      // n code points of `ch` repeated (a cluster may be cut in the middle).
      const pw = [...ch.repeat(Math.ceil(n / cps))].slice(0, n).join('');
      assert.equal([...pw].length, n);
      for (const [unit, p] of Object.entries(byUnit)) {
        const r = p.checkRules(pw);
        assertReport(r, `${unit} ${n}×${ch}`, { strength: false });
        assert.equal(r.length.codePoints, n, 'exact code points');
        assert.equal(r.length.utf16, pw.length, 'exact UTF-16 units');
        assert.equal(r.analyzed.complete, n <= ANALYSIS_LIMIT, `complete at ${n}`);
        assert.equal(r.analyzed.codePoints, Math.min(n, ANALYSIS_LIMIT));
        assert.ok(r.length.graphemes <= Math.min(n, ANALYSIS_LIMIT));
        const max = r.rules.find((x) => x.id === 'length.max');
        // Graphemes are counted in the analysed part only: beyond it, length.max cannot pass.
        if (unit === 'graphemes' && n > ANALYSIS_LIMIT) assert.equal(max.status, 'fail');
        if (unit !== 'graphemes') assert.equal(max.status, 'pass', `${unit} counts are exact`);
      }
    }
  }
  // A 10 MB password: a full report, never an error.
  const huge = big.tenMB ?? 'x'.repeat(TEN_MB);
  const r = noHang('a 10 MB password', () => byUnit.codePoints.check(huge, CTX));
  assertReport(r, '10 MB password', { strength: true });
  assert.equal(r.length.codePoints, TEN_MB);
  assert.deepEqual(r.analyzed, { complete: false, codePoints: ANALYSIS_LIMIT });
  assert.equal(r.strength.analyzedCodePoints, STRENGTH_LIMIT);
  assert.equal(r.rules.find((x) => x.id === 'length.max').status, 'fail');
  for (const p of Object.values(byUnit)) p.free();
  assertHealthy('password length', { full: true });
});

test('limit: a long password is compared whole with the previous passwords', () => {
  const p = pp.PasswordPolicy.from({ version: 1, history: { count: 3 } });
  const reuse = (pw, previousPasswords) => p.checkRules(pw, { previousPasswords }).rules.find((x) => x.id === 'history.reuse').status;
  for (const unit of ['a', '😀', 'x😀']) {
    const long = unit.repeat(100_000);
    assert.equal(reuse(long, ['short', long]), 'fail', `${unit}: the same long password`);
    // Same length, same head, another last character: not the same password.
    const cps = [...long];
    const last = cps.pop();
    const other = cps.join('') + ({ a: 'b', '😀': '😁' })[last];
    assert.equal(other.length, long.length);
    assert.equal(reuse(long, [[...long].slice(0, 9000).join(''), other]), 'pass', `${unit}: another password`);
    assert.equal(p.check(long, { previousPasswords: [long] }).ok, false);
  }
  p.free();
});

test('limit: the strength estimator sees 100 code points', () => {
  for (const ch of ['a', '😀']) {
    for (const n of [0, 1, STRENGTH_LIMIT - 1, STRENGTH_LIMIT, STRENGTH_LIMIT + 1, 1000]) {
      const pw = ch.repeat(n);
      const s = pp.strength(pw);
      assertStrength(s, `${n}×${ch}`);
      assert.equal(s.analyzedCodePoints, Math.min(n, STRENGTH_LIMIT), `${n}×${ch}`);
      assert.equal(pp.check({ version: 1 }, pw).strength.analyzedCodePoints, Math.min(n, STRENGTH_LIMIT));
    }
  }
  // What lies beyond the prefix does not change the estimate.
  const prefix = 'correct-Horse-battery-staple-92'.repeat(4).slice(0, STRENGTH_LIMIT);
  assert.deepEqual(pp.strength(prefix + 'a'), pp.strength(prefix + 'zzzzzzzzzzzzzzzzzzzz'));
  // Long user inputs are accepted (each bounded the same way).
  assertStrength(pp.strength('Tr0ub4dor&3x', ['u'.repeat(1_000_000), ...new Array(1000).fill('ann')]), 'long user inputs');
  assertHealthy('strength', { full: true });
});

test('no hang: a 100-character password of l33t characters', () => {
  const l33t = 'a4@8([{<369!|1705$+%2';
  let x = 7;
  const pw = Array.from({ length: STRENGTH_LIMIT }, (_, i) => (i < l33t.length ? l33t[i] : l33t[(x = (x * 1103515245 + 12345) % 2 ** 31) % l33t.length])).join('');
  assertStrength(noHang('100 l33t characters', () => pp.strength(pw)), 'l33t');
});

test('no hang: a 1 MiB policy of character sets checks a 4,096-code-point password', () => {
  const sets = Array.from({ length: 1000 }, (_, i) => ({ chars: { chars: 'abcdefghijklmnopqrstuvwxyz'.repeat(39).slice(0, 999) + String.fromCharCode(0x100 + i) }, min: 0 }));
  const doc = JSON.stringify({ version: 1, sets });
  assert.ok(Buffer.byteLength(doc) <= MAX_DOCUMENT_BYTES);
  const p = pp.PasswordPolicy.from(doc);
  assertReport(noHang('1,000 sets × 4,096 code points', () => p.checkRules('\u4e00\u4e01'.repeat(ANALYSIS_LIMIT / 2))), 'sets', { strength: false });
  p.free();
});

// ------------------------------------------------------------------------------------------------
// Once defects that broke the module instance: last, since nothing would work after them.

test('a JS exception inside the bindings\' own calls (revoked Proxy, a Proxy array whose length throws) is a coded error, and 5,000 of them break nothing', () => {
  const { list, victim } = callables();
  for (const h of HOSTILE.filter((x) => x.unwinds)) {
    for (const c of list) {
      for (let pos = 0; pos < Math.max(c.args.length, 1); pos++) {
        hostileCall(c, pos, h.make(), `${c.name}(arg ${pos} = ${h.name})`);
      }
    }
  }
  const revoked = HOSTILE.find((h) => h.name === 'revoked Proxy').make();
  for (let i = 0; i < 5000; i++) {
    try {
      victim.check('x', revoked);
    } catch {
      // the code is checked above
    }
  }
  victim.free();
  assertHealthy('after 5,000 revoked Proxies', { full: true });
});

test('10,000 calls on a freed policy each throw an Error and break nothing', () => {
  const p = pp.PasswordPolicy.from(V.meraki);
  p.free();
  for (let i = 0; i < 10_000; i++) {
    assert.throws(() => p.checkRules('x'), Error);
  }
  assertHealthy('freed, 10,000 times', { full: true });
});
