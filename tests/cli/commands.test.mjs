// The other commands through the real bin: --help everywhere, normalize, detect, describe,
// generate, convert, and the npm bin shim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BIN_SHIM, CLI, POLICIES, api, policyArgs, run, records, sample, tmpFile } from './helpers.mjs';

const COMMANDS = ['check', 'normalize', 'detect', 'describe', 'generate', 'convert'];
const has = (method) => typeof api.PasswordPolicy.prototype[method] === 'function';
const NOT_AVAILABLE = /is not available in this build of passpolicy/;
const read = (file) => fs.readFileSync(file, 'utf8');
const fromOpts = (p) => (p.index === undefined ? {} : { index: p.index });

test('--help: the commands, and for each command its usage and an example', async () => {
  const main = await run(['--help']);
  assert.equal(main.code, 0);
  assert.equal(main.stderr, '');
  for (const c of COMMANDS) assert.match(main.stdout, new RegExp(`^  ${c} `, 'm'));
  assert.match(main.stdout, /Example:\n {2}passpolicy check/);
  assert.match(main.stdout, /Exit status: 0 success, 1 a password failed/);
  for (const c of COMMANDS) {
    for (const args of [[c, '--help'], [c, '-h'], ['help', c], [c, '--policy', 'x', '--help']]) {
      const r = await run(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, new RegExp(`^Usage: passpolicy ${c} `), args.join(' '));
      assert.match(r.stdout, new RegExp(`\\nExamples?:\\n {2}(?:.*\\n {2})*passpolicy ${c} `), args.join(' '));
    }
  }
  const check = (await run(['check', '--help'])).stdout;
  for (const opt of ['--policy', '--vendor', '--index', '--context', '--summary', '--no-strength', '--progress']) assert.ok(check.includes(opt), opt);
  assert.match(check, /never the password itself/);
  // No command: the help on stderr, exit 2. Unknown command: a suggestion.
  const none = await run([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: passpolicy <command>/);
  const typo = await run(['chek']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown command "chek" \(did you mean check\?\)/);
  const version = await run(['--version']);
  assert.equal(version.stdout.trim(), JSON.parse(read(CLI.replace(/cli\.mjs$/, 'package.json'))).version);
});

test('the npm bin shim runs the bin through its shebang', { skip: !fs.existsSync(BIN_SHIM) && 'no tests/node_modules/.bin/passpolicy' }, async () => {
  const st = fs.statSync(BIN_SHIM);
  assert.ok(st.mode & 0o111, 'executable');
  assert.match(read(BIN_SHIM), /^#!\/usr\/bin\/env node\n/);
  const r = await run(['check', '--policy', sample('sumologic.json')], { input: 'Zq8#mK2$vL9!pW4x\nshort\n', bin: BIN_SHIM, via: 'exec' });
  assert.deepEqual(records(r.stdout).map((x) => x.ok), [true, false]);
  assert.equal(r.code, 1);
});

test('normalize: the canonical JSON and warnings, as the API gives them', async () => {
  for (const p of POLICIES) {
    const r = await run(['normalize', p.file]);
    assert.equal(r.code, 0, p.name);
    assert.deepEqual(JSON.parse(r.stdout), api.normalize(read(p.file)), p.name);
  }
  const list = sample('sailpoint-list.json');
  const one = await run(['normalize', list, '--index', '1']);
  assert.deepEqual(JSON.parse(one.stdout), api.normalize(read(list))[1]);
  const policyOnly = await run(['normalize', list, '--index', '1', '--policy-only', '--compact']);
  assert.equal(policyOnly.stdout, `${JSON.stringify(api.normalize(read(list))[1].policy)}\n`);
  // The canonical policy normalizes to itself.
  const canon = tmpFile('canon.json', policyOnly.stdout);
  assert.deepEqual(JSON.parse((await run(['normalize', canon, '--policy-only'])).stdout), JSON.parse(policyOnly.stdout));
  // --vendor, stdin.
  const v = await run(['normalize', '-', '--vendor', 'sumologic'], { input: read(sample('sumologic.json')) });
  assert.equal(JSON.parse(v.stdout).vendor, 'sumologic');
  for (const [args, re] of [
    [['normalize', list, '--policy-only'], /holds 2 policies; --policy-only needs one/],
    [['normalize', list, '--index', '2'], /--index 2 is out of range: .* holds 2 policies/],
    [['normalize'], /missing policy document/],
    [['normalize', tmpFile('x.json', '{"minLength": 8,')], /code: invalid_json/],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, re);
  }
});

test('detect: the vendor id of every sample; exit 2 with what to do otherwise', async () => {
  for (const p of POLICIES) {
    const r = await run(['detect', p.file]);
    assert.deepEqual([r.code, r.stdout], [0, `${p.vendor}\n`], p.name);
  }
  const stdin = await run(['detect', '-'], { input: read(sample('longjump.xml')) });
  assert.equal(stdin.stdout, 'longjump\n');
  const unknown = await run(['detect', tmpFile('u.json', '{"foo": true}')]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /code: unknown_vendor/);
  assert.match(unknown.stderr, /pass --vendor V with one of: meraki, sailpoint/);
  const ambiguous = await run(['detect', tmpFile('a.json', '{"minLength": 8}')]);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /code: ambiguous_vendor/);
  assert.doesNotMatch(ambiguous.stderr, /\{ vendor \}/, 'the CLI says --vendor, not the JS option');
});

test('describe: the rules and settings in words, in each locale', async () => {
  const file = sample('canonical.json');
  if (!has('describe')) {
    const r = await run(['describe', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, NOT_AVAILABLE);
    return;
  }
  for (const locale of ['en', 'de', 'fr', 'es']) {
    const policy = api.PasswordPolicy.from(read(file), { locale });
    const d = policy.describe({ locale });
    policy.free();
    const j = await run(['describe', file, '--locale', locale, '--json']);
    assert.equal(j.code, 0, j.stderr);
    assert.deepEqual(JSON.parse(j.stdout), d);
    const t = await run(['describe', file, '--locale', locale]);
    assert.equal(t.code, 0);
    for (const s of [...d.rules, ...d.settings]) assert.ok(t.stdout.includes(`  - ${s.text}\n`), `${locale}: ${s.text}`);
  }
  const en = await run(['describe', sample('sailpoint-list.json'), '--index', '0']);
  assert.match(en.stdout, /^Password rules \(sailpoint\):\n {2}- /);
  const other = await run(['describe', file, '--locale', 'xx']);
  assert.equal(other.code, 0);
  assert.match(other.stderr, /note: no messages in "xx"; written in "en"/);
  assert.equal(other.stdout, (await run(['describe', file])).stdout);
  const regional = await run(['describe', file, '--locale', 'de-CH']);
  assert.equal(regional.stderr, '');
  assert.equal(regional.stdout, (await run(['describe', file, '--locale', 'de'])).stdout);
  const bad = await run(['describe', file, '--locale', '1']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--locale takes a language tag such as en, de, fr, es/);
});

test('generate: passwords that pass the policy', async () => {
  const file = sample('sumologic.json');
  if (!has('generate')) {
    const r = await run(['generate', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, NOT_AVAILABLE);
    return;
  }
  for (const p of POLICIES) {
    const r = await run(['generate', ...policyArgs(p).slice(1), '-n', '5']);
    assert.equal(r.code, 0, `${p.name}: ${r.stderr}`);
    const passwords = r.stdout.split('\n').slice(0, -1);
    assert.equal(passwords.length, 5, p.name);
    const policy = api.PasswordPolicy.from(read(p.file), fromOpts(p));
    for (const pw of passwords) assert.deepEqual(policy.check(pw).violations, [], `${p.name}: ${pw}`);
    policy.free();
  }
  // --length, --count=, more than one batch, --json.
  const long = await run(['generate', file, '--length', '40', '--count=3']);
  assert.deepEqual(long.stdout.split('\n').slice(0, -1).map((pw) => [...pw].length), [40, 40, 40]);
  const many = await run(['generate', file, '-n', '2500']);
  const all = many.stdout.split('\n').slice(0, -1);
  assert.equal(all.length, 2500);
  assert.equal(new Set(all).size, 2500);
  const j = JSON.parse((await run(['generate', file, '-n', '2', '--json'])).stdout);
  assert.equal(j.passwords.length, 2);
  assert.equal(typeof j.entropyBits, 'number');
  const amb = await run(['generate', file, '-n', '50', '--exclude-ambiguous']);
  assert.doesNotMatch(amb.stdout, /[Il1O0]/);
  for (const [args, re] of [
    [['generate', file, '-n', '0'], /--count must be a whole number from 1/],
    [['generate', file, '--length', 'x'], /--length must be a whole number/],
    [['generate', file, '--length', '2'], /code: (unsatisfiable|invalid_field)/],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
  }
});

test('convert --to passwordrules / html / canonical', async () => {
  const file = sample('sumologic.json');
  const canonical = await run(['convert', file, '--to', 'canonical']);
  assert.equal(canonical.code, 0);
  assert.deepEqual(JSON.parse(canonical.stdout), api.normalize(read(file)).policy);
  if (has('toPasswordRules')) {
    for (const p of POLICIES) {
      const policy = api.PasswordPolicy.from(read(p.file), fromOpts(p));
      const expected = policy.toPasswordRules();
      policy.free();
      const r = await run(['convert', ...policyArgs(p).slice(1), '--to', 'passwordrules']);
      assert.equal(r.code, 0, p.name);
      assert.equal(r.stdout, `${expected.rules}\n`, p.name);
      if (expected.unsupported.length) {
        assert.equal(r.stderr, `passpolicy convert: note: passwordrules cannot express:\n${expected.unsupported.map((u) => `  - ${u}\n`).join('')}`);
      }
      else assert.equal(r.stderr, '', p.name);
      const j = await run(['convert', ...policyArgs(p).slice(1), '--to', 'passwordrules', '--json']);
      assert.deepEqual(JSON.parse(j.stdout), expected);
    }
    // What convert writes reads back as a passwordrules document with the same length rules.
    const rules = tmpFile('rules.txt', (await run(['convert', file, '--to', 'passwordrules'])).stdout);
    assert.equal((await run(['detect', rules])).stdout, 'passwordrules\n');
  } else {
    const r = await run(['convert', file, '--to', 'passwordrules']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, NOT_AVAILABLE);
  }
  if (has('htmlAttributes')) {
    const policy = api.PasswordPolicy.from(read(file));
    const attrs = policy.htmlAttributes();
    policy.free();
    const j = await run(['convert', file, '--to', 'html', '--json']);
    assert.deepEqual(JSON.parse(j.stdout), attrs);
    const h = await run(['convert', file, '--to', 'html']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^(?:[a-z]+="[^"]*" ?)+\n$/);
    if (attrs.minlength != null) assert.ok(h.stdout.includes(`minlength="${attrs.minlength}"`));
    assert.ok(!h.stdout.includes('<') || h.stdout.includes('&lt;'));
  } else {
    const r = await run(['convert', file, '--to', 'html']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, NOT_AVAILABLE);
  }
  for (const [args, re] of [
    [['convert', file], /missing --to FORMAT/],
    [['convert', file, '--to', 'pdf'], /--to must be one of passwordrules, html, canonical/],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2);
    assert.match(r.stderr, re);
  }
});
