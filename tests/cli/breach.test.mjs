// `passpolicy check --breach-endpoint` through the real bin, against a local range API
// (tests/node/range-server.mjs; never the public service): the breached rule decided per
// password, in input order, one request per distinct prefix, a concurrency limit, failures as
// error records, and only 5 hex characters of each hash in the requests.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { run, records, tmpFile } from './helpers.mjs';
import { startRangeServer, assertOnlyPrefixes, sha1 } from '../node/range-server.mjs';

const KNOWN = { password1: 3, letmein: 40, 'correct horse': 1 };
let server;
before(async () => {
  server = await startRangeServer(KNOWN, { slowMs: 300 });
});
after(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const policy = tmpFile('breached.json', JSON.stringify({ version: 1, length: { min: 4 }, breached: { max: 2 } }));
const passwords = ['password1', 'Zq8#clean-one', 'letmein', 'correct horse', 'password1', 'Zq8#clean-two', 'password1'];
const input = `${passwords.join('\n')}\n`;

test('check --breach-endpoint: the breached rule per password, in order, one request per prefix', async () => {
  const r = await run(['check', '--policy', policy, '--no-strength', '--breach-endpoint', server.endpoint], { input });
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  const got = records(r.stdout);
  // max 2: password1 (3) and letmein (40) fail; correct horse (1) and the clean ones pass.
  assert.deepEqual(got.map((x) => [x.line, x.ok, x.failed]), [
    [1, false, ['dictionary.breached']],
    [2, true, []],
    [3, false, ['dictionary.breached']],
    [4, true, []],
    [5, false, ['dictionary.breached']],
    [6, true, []],
    [7, false, ['dictionary.breached']],
  ]);
  const prefixes = new Set(passwords.map((p) => sha1(p).slice(0, 5)));
  assert.equal(server.requests.length, prefixes.size, 'one request per distinct prefix');
  assert.deepEqual(new Set(server.requests.map((x) => x.url)), new Set([...prefixes].map((p) => `/range/${p}`)));
  assertOnlyPrefixes(assert, server.requests, passwords);
  for (const p of passwords) assert.ok(!r.stdout.includes(p) && !r.stdout.includes(sha1(p).slice(5)));
});

test('check without --breach-endpoint: the rule stays unchecked, nothing is sent', async () => {
  const r = await run(['check', '--policy', policy, '--no-strength', '--summary'], { input });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout).rules, {});
  assert.equal(server.requests.length, 0);
});

test('check --breach-endpoint --summary with strength, and a context file', async () => {
  const context = tmpFile('ctx.json', JSON.stringify({ username: 'ann', breachCount: 0 }));
  const r = await run(['check', '--policy', policy, '--context', context, '--summary', '--breach-endpoint', `${server.endpoint}/`], { input });
  const summary = JSON.parse(r.stdout);
  // The looked-up count replaces the context's.
  assert.deepEqual([summary.total, summary.passed, summary.failed, summary.rules['dictionary.breached']], [7, 3, 4, 4]);
});

test('a failed lookup is an error record, never a pass; a later line of another prefix goes on', async () => {
  server.mode = '404';
  const r = await run(['check', '--policy', policy, '--no-strength', '--breach-endpoint', server.endpoint], { input: 'password1\nletmein\n' });
  assert.equal(r.code, 1);
  const got = records(r.stdout);
  assert.deepEqual(got.map((x) => [x.line, x.ok, x.error?.code]), [[1, false, 'bad_response'], [2, false, 'bad_response']]);
  assert.match(got[0].error.message, /HTTP 404/);
  assert.ok(!r.stdout.includes(sha1('password1').slice(5)));
  server.mode = 'reset';
  const reset = records((await run(['check', '--policy', policy, '--no-strength', '--breach-endpoint', server.endpoint], { input: 'letmein\n' })).stdout);
  assert.equal(reset[0].error.code, 'network');
});

test('--breach-concurrency limits the requests in flight', async () => {
  // Many distinct prefixes against a slow server: never more than 2 open at once.
  server.mode = 'slow';
  const many = Array.from({ length: 12 }, (_, i) => `distinct-password-${i}`);
  const started = Date.now();
  const r = await run(['check', '--policy', policy, '--no-strength', '--breach-endpoint', server.endpoint, '--breach-concurrency', '2'], { input: `${many.join('\n')}\n` });
  const took = Date.now() - started;
  assert.equal(records(r.stdout).length, 12);
  assert.ok(records(r.stdout).every((x) => x.ok));
  const distinct = new Set(many.map((p) => sha1(p).slice(0, 5))).size;
  assert.equal(server.requests.length, distinct);
  // Each request takes 300 ms; 2 at a time need at least ceil(distinct / 2) rounds.
  assert.ok(took >= Math.ceil(distinct / 2) * 300 - 50, `${distinct} requests, 2 at a time, in ${took} ms`);
  assert.equal(server.maxInFlight, 2, 'two at a time, never more');
});

test('bad breach options are usage errors (exit 2)', async () => {
  for (const args of [
    ['--breach-endpoint', 'ftp://x/range'],
    ['--breach-endpoint', server.endpoint, '--breach-concurrency', '0'],
    ['--breach-endpoint', server.endpoint, '--breach-concurrency', '65'],
    ['--breach-concurrency', '3'],
  ]) {
    const r = await run(['check', '--policy', policy, ...args], { input: 'x\n' });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
  assert.equal(server.requests.length, 0);
});
