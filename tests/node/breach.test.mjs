// The breached-password check of the installed package, against a local range API
// (tests/node/range-server.mjs): checkBreached and checkWithBreach of both tiers, every way the
// answer can go wrong, and what leaves the machine (only 5 hex characters of the hash).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PasswordPolicy, checkBreached, isPassPolicyError } from 'passpolicy';
import * as rules from 'passpolicy/rules';
import { startRangeServer, assertOnlyPrefixes, sha1 } from './range-server.mjs';

const require = createRequire(import.meta.url);
const KNOWN = { password1: 3, 'correct horse': 1, hunter2: 17_000_000 };
const CLEAN = 'Zq8#not-in-any-breach-2b7f';
let server;

before(async () => {
  server = await startRangeServer(KNOWN, { slowMs: 3000 });
});
after(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const secrets = (password) => [password, sha1(password), sha1(password).slice(5), sha1(password).slice(5).toLowerCase()];
/** The error of `promise`, asserted a PassPolicyError of `code` that says nothing of the password. */
async function failure(promise, code, password) {
  const e = await promise.then(() => assert.fail('expected an error'), (err) => err);
  assert.ok(isPassPolicyError(e), String(e));
  assert.equal(e.code, code, e.message);
  assert.equal(e.path, 'endpoint');
  const text = `${e.message} ${e.stack} ${JSON.stringify(e)}`;
  for (const s of secrets(password)) assert.ok(!text.includes(s), `the error holds a secret: ${e.message}`);
  return e;
}

test('a breached password: its count, and only the prefix left', async () => {
  for (const [password, count] of Object.entries(KNOWN)) {
    assert.deepEqual(await checkBreached(password, { endpoint: server.endpoint }), { breached: true, count });
  }
  assert.deepEqual(await checkBreached(CLEAN, { endpoint: server.endpoint }), { breached: false, count: 0 });
  assert.equal(server.requests.length, 4);
  assertOnlyPrefixes(assert, server.requests, [...Object.keys(KNOWN), CLEAN]);
  assert.deepEqual(server.requests.map((r) => r.url), [...Object.keys(KNOWN), CLEAN].map((p) => `/range/${sha1(p).slice(0, 5)}`));
});

test('a trailing slash, a URL object; lower case and CRLF answers', async () => {
  assert.equal((await checkBreached('password1', { endpoint: `${server.endpoint}/` })).count, 3);
  assert.equal((await checkBreached('password1', { endpoint: new URL(server.endpoint) })).count, 3);
  server.mode = 'lower';
  assert.equal((await checkBreached('password1', { endpoint: server.endpoint })).count, 3);
  server.mode = 'crlf';
  assert.equal((await checkBreached('password1', { endpoint: server.endpoint })).count, 3);
  assert.deepEqual(await checkBreached(CLEAN, { endpoint: server.endpoint }), { breached: false, count: 0 });
  assertOnlyPrefixes(assert, server.requests, ['password1', CLEAN]);
});

test('a padding line (count 0) with the password\'s own suffix is not a breach', async () => {
  server.mode = 'padding-only';
  assert.deepEqual(await checkBreached('password1', { endpoint: server.endpoint }), { breached: false, count: 0 });
});

test('failures throw network or bad_response, never "not breached"', async () => {
  const at = { endpoint: server.endpoint, timeoutMs: 1000 };
  for (const [mode, code, words] of [
    ['empty', 'bad_response', /empty/],
    ['404', 'bad_response', /HTTP 404/],
    ['500', 'bad_response', /HTTP 500/],
    ['malformed', 'bad_response', /malformed.*line 11/],
    ['huge', 'bad_response', /more than 4194304 bytes/],
    ['huge-length', 'bad_response', /5242880 bytes/],
    ['reset', 'network', /could not reach/],
    ['slow', 'network', /within 1000 ms/],
  ]) {
    server.mode = mode;
    const e = await failure(checkBreached('password1', at), code, 'password1');
    assert.match(e.message, words, mode);
    assert.ok(e.message.includes(server.endpoint), `${mode}: the message names the endpoint`);
  }
  // No server at all.
  await failure(checkBreached('password1', { endpoint: 'http://127.0.0.1:9/range', timeoutMs: 2000 }), 'network', 'password1');
  assertOnlyPrefixes(assert, server.requests, ['password1']);
});

test('abort: before the call and during it', async () => {
  await failure(checkBreached('password1', { endpoint: server.endpoint, signal: AbortSignal.abort() }), 'network', 'password1');
  assert.equal(server.requests.length, 0, 'an aborted call sends nothing');
  server.mode = 'slow';
  const controller = new AbortController();
  const pending = checkBreached('password1', { endpoint: server.endpoint, signal: controller.signal, timeoutMs: 10_000 });
  setTimeout(() => controller.abort(), 100);
  const e = await failure(pending, 'network', 'password1');
  assert.match(e.message, /aborted/);
});

test('bad arguments are invalid_field before any request', async () => {
  for (const [password, options, path] of [
    [42, {}, 'password'],
    ['ab\uD800', {}, 'password'],
    ['x', { endpoint: 'ftp://example.com/range' }, 'options.endpoint'],
    ['x', { endpoint: 'not a url' }, 'options.endpoint'],
    ['x', { endpoint: `${server.endpoint}?k=1` }, 'options.endpoint'],
    ['x', { timeoutMs: -1 }, 'options.timeoutMs'],
    ['x', { signal: 'no' }, 'options.signal'],
    ['x', { endpont: server.endpoint }, 'options.endpont'],
  ]) {
    const e = await checkBreached(password, options).then(() => assert.fail('expected an error'), (err) => err);
    assert.equal(e.code, 'invalid_field', String(e.message));
    assert.equal(e.path, path);
  }
  assert.equal(server.requests.length, 0);
});

test('checkWithBreach decides dictionary.breached (root tier: check, with strength)', async () => {
  const policy = PasswordPolicy.from({ version: 1, length: { min: 8 }, breached: { max: 0 } });
  const sync = policy.check('password1');
  assert.equal(sync.rules.find((r) => r.id === 'dictionary.breached').status, 'unchecked');
  assert.equal(sync.ok, true, 'unchecked does not fail the report, as history without previous passwords');
  const r = await policy.checkWithBreach('password1', { username: 'ann' }, { endpoint: server.endpoint });
  const rule = r.rules.find((x) => x.id === 'dictionary.breached');
  assert.deepEqual([rule.status, rule.required, rule.actual, rule.message], ['fail', 0, 3, 'Not found in known data breaches']);
  assert.equal(r.ok, false);
  assert.ok(r.strength, 'the full report');
  const clean = await policy.checkWithBreach(CLEAN, null, { endpoint: server.endpoint });
  assert.equal(clean.rules.find((x) => x.id === 'dictionary.breached').status, 'pass');
  assert.equal(clean.ok, true);
  // max: the highest count still accepted.
  const lenient = PasswordPolicy.from({ version: 1, breached: { max: 3 } }, { locale: 'fr' });
  const l = await lenient.checkWithBreach('password1', undefined, { endpoint: server.endpoint });
  assert.deepEqual([l.rules[0].status, l.rules[0].message], ['pass', 'Trouvé au plus 3 fois dans des fuites de données connues']);
  // A failed lookup throws; a bad context throws before any request.
  server.mode = '404';
  await failure(policy.checkWithBreach('password1', {}, { endpoint: server.endpoint }), 'bad_response', 'password1');
  server.reset();
  const e = await policy.checkWithBreach('password1', { userName: 'x' }, { endpoint: server.endpoint }).catch((err) => err);
  assert.equal(e.code, 'invalid_field');
  assert.equal(server.requests.length, 0);
  assertOnlyPrefixes(assert, server.requests, ['password1', CLEAN]);
  policy.free();
  lenient.free();
});

test('context.breachCount: validated, and used by the synchronous check', () => {
  const policy = PasswordPolicy.from({ version: 1, breached: {} });
  assert.equal(policy.check('x', { breachCount: 0 }).rules[0].status, 'pass');
  assert.equal(policy.checkRules('x', { breachCount: 1 }).violations[0].id, 'dictionary.breached');
  for (const bad of [-1, 1.5, '3', true]) {
    assert.throws(() => policy.check('x', { breachCount: bad }), (e) => e.code === 'invalid_field' && e.path === 'context.breachCount', String(bad));
  }
  assert.throws(() => PasswordPolicy.from({ version: 1, breached: { max: -1 } }), (e) => e.code === 'invalid_field' && e.path === 'breached.max');
  assert.throws(() => PasswordPolicy.from({ version: 1, breached: { limit: 1 } }), (e) => e.code === 'invalid_field' && e.path === 'breached.limit');
  // Described, listed as unsupported by passwordrules, no effect on the HTML attributes.
  assert.deepEqual(policy.describe({ locale: 'de' }).rules.map((s) => [s.field, s.text]), [['breached', 'Nicht in bekannten Datenlecks gefunden']]);
  assert.deepEqual(policy.toPasswordRules().unsupported, ['breached: no passwordrules equivalent']);
  const plain = PasswordPolicy.from({ version: 1, length: { min: 8 }, allowed: { ranges: [[32, 126]] } });
  const withRule = PasswordPolicy.from({ version: 1, length: { min: 8 }, allowed: { ranges: [[32, 126]] }, breached: { max: 0 } });
  assert.deepEqual(withRule.htmlAttributes(), plain.htmlAttributes());
  // The generator needs nothing: its passwords pass, the rule unchecked.
  const g = withRule.generate({ count: 3 });
  for (const pw of g.passwords) assert.equal(withRule.check(pw).rules.find((r) => r.id === 'dictionary.breached').status, 'unchecked');
  policy.free();
  plain.free();
  withRule.free();
});

test('passpolicy/rules: checkBreached and checkWithBreach (checkRules)', async () => {
  assert.equal(typeof rules.checkBreached, 'function');
  assert.equal(rules.checkBreached, require('passpolicy/rules').checkBreached);
  assert.deepEqual(await rules.checkBreached('hunter2', { endpoint: server.endpoint }), { breached: true, count: 17_000_000 });
  const policy = rules.PasswordPolicy.from({ version: 1, breached: { max: 0 } });
  const r = await policy.checkWithBreach('hunter2', {}, { endpoint: server.endpoint });
  assert.equal(r.strength, undefined, 'checkRules: no strength');
  assert.deepEqual(r.violations.map((v) => [v.id, v.actual]), [['dictionary.breached', 17_000_000]]);
  assertOnlyPrefixes(assert, server.requests, ['hunter2']);
  policy.free();
});

test('the CommonJS entry has the same function', () => {
  assert.equal(require('passpolicy').checkBreached, checkBreached);
});
