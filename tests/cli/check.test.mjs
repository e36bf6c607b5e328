// `passpolicy check` through the real bin (a child process): verdicts, failed rule ids, scores
// and exit codes against every vendor sample, files and stdin, summary, context, malformed
// policies, line endings, BOM and bad UTF-8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { POLICIES, policyArgs, run, records, expectedRecords, fixtures, sample, tmpFile } from './helpers.mjs';

const MIXED = path.join(fixtures, 'mixed.txt');
const GOOD = path.join(fixtures, 'good.txt');
const mixedPasswords = fs.readFileSync(MIXED, 'utf8').split('\n').slice(0, -1);
const goodPasswords = fs.readFileSync(GOOD, 'utf8').split('\n').slice(0, -1);

test('check: the mixed file against every vendor sample matches the API, from a file and from stdin', async (t) => {
  for (const p of POLICIES) {
    await t.test(p.name, async () => {
      const expected = expectedRecords(p, mixedPasswords);
      const fromFile = await run(['check', ...policyArgs(p), MIXED]);
      assert.equal(fromFile.stderr, '');
      assert.deepEqual(records(fromFile.stdout), expected);
      assert.equal(fromFile.code, expected.every((r) => r.ok) ? 0 : 1);
      const fromStdin = await run(['check', ...policyArgs(p)], { input: fs.readFileSync(MIXED) });
      assert.equal(fromStdin.stdout, fromFile.stdout);
      assert.equal(fromStdin.code, fromFile.code);
      const dash = await run(['check', ...policyArgs(p), '-'], { input: fs.readFileSync(MIXED) });
      assert.equal(dash.stdout, fromFile.stdout);
    });
  }
});

// The failed rules (strength.min aside: that is zxcvbn's call) of each line of mixed.txt.
const EXPECTED_FAILED = {
  'samples/canonical': [
    ['length.min', 'dictionary.common'], ['length.min'], [], ['length.min', 'dictionary.common'],
    ['length.min', 'dictionary.common'], ['length.min'], [], [], ['length.min'], ['repeat.max'],
    ['length.min', 'dictionary.common'], ['length.min', 'dictionary.common'], ['dictionary.custom'], [],
  ],
  'samples/meraki': [
    ['chars.types'], [], ['chars.types'], ['length.min', 'chars.types'], [], ['length.min', 'chars.types'],
    [], [], [], [], ['chars.types'], [], [], [],
  ],
  'samples/sumologic': [
    ['chars.upper', 'chars.digit', 'chars.symbol'], [], ['chars.upper', 'chars.digit'], ['length.min', 'chars.upper', 'chars.symbol'],
    ['chars.symbol'], ['length.min', 'chars.lower', 'chars.upper', 'chars.digit', 'chars.symbol'], [], [], [], [],
    ['chars.lower', 'chars.upper', 'chars.symbol'], [], [], [],
  ],
  'samples/scaleway': Array.from({ length: 14 }, () => []),
  'samples/longjump': [
    ['chars.digit'], [], ['chars.digit'], [], [], ['length.min', 'chars.letter', 'chars.digit'], [], [], [], [],
    ['chars.letter'], [], [], [],
  ],
  'samples/sailpoint-list[0]': [
    ['chars.digit'], [], ['chars.digit'], ['length.min'], [], ['length.min', 'chars.letter', 'chars.digit'], [], [],
    ['chars.allowed'], ['repeat.max'], ['chars.letter'], [], ['chars.allowed'], [],
  ],
};

test('check: verdicts and failed ids of the mixed file, by vendor', async (t) => {
  for (const [name, failed] of Object.entries(EXPECTED_FAILED)) {
    await t.test(name, async () => {
      const p = POLICIES.find((x) => x.name === name);
      const r = await run(['check', ...policyArgs(p), MIXED]);
      const got = records(r.stdout);
      assert.equal(got.length, mixedPasswords.length);
      assert.deepEqual(got.map((x) => x.line), mixedPasswords.map((_, i) => i + 1));
      assert.deepEqual(got.map((x) => x.failed.filter((id) => id !== 'strength.min')), failed);
      for (const x of got) {
        assert.equal(x.ok, x.failed.length === 0);
        assert.ok(Number.isInteger(x.score) && x.score >= 0 && x.score <= 4);
        assert.deepEqual(Object.keys(x), ['line', 'ok', 'failed', 'score']);
      }
      assert.equal(r.code, name === 'samples/scaleway' ? 0 : 1);
    });
  }
});

test('check: the output never holds a password', async () => {
  const r = await run(['check', '--policy', sample('sumologic.json'), MIXED]);
  for (const pw of mixedPasswords.filter((x) => x.length >= 4)) assert.ok(!r.stdout.includes(pw), `the output holds ${pw}`);
  const s = await run(['check', '--policy', sample('sumologic.json'), '--summary', MIXED]);
  for (const pw of mixedPasswords.filter((x) => x.length >= 4)) assert.ok(!s.stdout.includes(pw));
});

test('check: exit 0 when every password passes', async () => {
  for (const name of ['sumologic.json', 'meraki.json', 'canonical.json', 'longjump.xml']) {
    const r = await run(['check', '--policy', sample(name), GOOD]);
    assert.equal(r.code, 0, `${name}: ${r.stdout}${r.stderr}`);
    assert.deepEqual(records(r.stdout).map((x) => x.ok), goodPasswords.map(() => true));
  }
});

test('check: empty input writes nothing and exits 0', async () => {
  const r = await run(['check', '--policy', sample('sumologic.json')], { input: '' });
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
  const s = await run(['check', '--policy', sample('sumologic.json'), '--summary'], { input: '' });
  assert.equal(s.code, 0);
  assert.deepEqual(JSON.parse(s.stdout), { total: 0, passed: 0, failed: 0, errors: 0, rules: {}, scores: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 } });
});

test('check --summary: counts per failed rule and per score equal the per-line records', async () => {
  for (const p of POLICIES.slice(0, 6)) {
    const lines = records((await run(['check', ...policyArgs(p), MIXED])).stdout);
    const r = await run(['check', ...policyArgs(p), '--summary', MIXED]);
    const s = JSON.parse(r.stdout);
    const rules = {};
    for (const x of lines) for (const id of x.failed) rules[id] = (rules[id] ?? 0) + 1;
    const scores = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const x of lines) scores[x.score]++;
    assert.equal(s.total, mixedPasswords.length, p.name);
    assert.equal(s.passed, lines.filter((x) => x.ok).length);
    assert.equal(s.failed, lines.filter((x) => !x.ok).length);
    assert.equal(s.errors, 0);
    assert.deepEqual(s.rules, rules);
    assert.deepEqual(s.scores, scores);
    // Sorted by count, most frequent first.
    const counts = Object.values(s.rules);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    assert.equal(r.code, s.failed ? 1 : 0);
  }
});

test('check --no-strength: checkRules, score null, no strength.min, a note when the policy has one', async () => {
  for (const p of POLICIES) {
    const r = await run(['check', ...policyArgs(p), '--no-strength', MIXED]);
    assert.deepEqual(records(r.stdout), expectedRecords(p, mixedPasswords, { strength: false }), p.name);
  }
  const c = await run(['check', '--policy', sample('canonical.json'), '--no-strength', MIXED]);
  assert.match(c.stderr, /--no-strength skips the policy's strength\.min rule/);
  assert.ok(records(c.stdout).every((x) => x.score === null && !x.failed.includes('strength.min')));
  const s = JSON.parse((await run(['check', '--policy', sample('canonical.json'), '--no-strength', '--summary', MIXED])).stdout);
  assert.equal(s.scores, null);
  const quiet = await run(['check', '--policy', sample('sumologic.json'), '--no-strength', MIXED]);
  assert.equal(quiet.stderr, '');
});

test('check --context: context rules use the file, and a bad context is exit 2', async () => {
  const ctx = tmpFile('ctx.json', JSON.stringify({ username: 'marguerite', email: 'marguerite@example.com', previousPasswords: ['Zq8#mK2$vL9!pW4x'] }));
  const input = 'Marguerite-Blue-Ocean-77\ncorrect horse battery staple\nZq8#mK2$vL9!pW4x\n';
  const p = { file: sample('canonical.json') };
  const r = await run(['check', '--policy', p.file, '--context', ctx], { input });
  const got = records(r.stdout);
  assert.deepEqual(got, expectedRecords(p, input.split('\n').slice(0, -1), { context: JSON.parse(fs.readFileSync(ctx, 'utf8')) }));
  assert.ok(got[0].failed.includes('context.username'));
  assert.ok(got[2].failed.includes('history.reuse'));
  assert.equal(r.code, 1);

  const unknownField = tmpFile('ctx-bad.json', '{"user": "x"}');
  const b = await run(['check', '--policy', p.file, '--context', unknownField], { input });
  assert.equal(b.code, 2);
  assert.equal(b.stdout, '');
  assert.match(b.stderr, /code: invalid_field/);
  assert.match(b.stderr, /path: context\.user/);
  for (const [name, text, re] of [
    ['ctx-json.json', '{username:', /not valid JSON/],
    ['ctx-array.json', '["x"]', /must hold a JSON object/],
  ]) {
    const e = await run(['check', '--policy', p.file, '--context', tmpFile(name, text)], { input });
    assert.equal(e.code, 2);
    assert.match(e.stderr, re);
  }
});

test('check: a malformed or unusable policy is exit 2 with the code, the path and what to do', async () => {
  const sumo = JSON.parse(fs.readFileSync(sample('sumologic.json'), 'utf8'));
  const cases = [
    { name: 'invalid JSON', args: ['--policy', tmpFile('bad.json', '{"minLength": 8,')], code: 'invalid_json', path: '(none)', hint: /not valid JSON/ },
    { name: 'negative length', args: ['--policy', tmpFile('neg.json', JSON.stringify({ ...sumo, minLength: -5 }))], code: 'invalid_field', path: 'minLength', hint: /Fix the field minLength/ },
    { name: 'no vendor', args: ['--policy', tmpFile('none.json', '{"foo": 1}')], code: 'unknown_vendor', path: '(none)', hint: /--vendor V with one of: meraki/ },
    { name: 'several vendors', args: ['--policy', tmpFile('amb.json', '{"minLength": -5}')], code: 'ambiguous_vendor', path: '(none)', hint: /--vendor V/ },
    { name: 'unknown --vendor', args: ['--policy', sample('sumologic.json'), '--vendor', 'nope'], code: 'unknown_vendor', path: 'vendor', hint: /--vendor takes one of/ },
    { name: 'list without --index', args: ['--policy', sample('sailpoint-list.json')], code: 'invalid_field', path: '$', hint: /--index N/ },
    { name: '--index out of range', args: ['--policy', sample('sailpoint-list.json'), '--index', '5'], code: 'invalid_field', path: 'index', hint: /--index N/ },
    { name: 'unsatisfiable', args: ['--policy', tmpFile('unsat.json', '{"version":1,"length":{"min":10,"max":5}}')], code: null, path: null, hint: null },
  ];
  for (const c of cases) {
    const r = await run(['check', ...c.args, MIXED]);
    assert.equal(r.code, 2, c.name);
    assert.equal(r.stdout, '', c.name);
    assert.match(r.stderr, /^passpolicy check: error: the policy .* cannot be used: /, c.name);
    if (c.code) assert.match(r.stderr, new RegExp(`\\n  code: ${c.code}\\n  path: ${c.path.replace(/[$()]/g, '\\$&')}\\n`), `${c.name}: ${r.stderr}`);
    else assert.match(r.stderr, /\n {2}code: \w+\n {2}path: /, c.name);
    if (c.hint) assert.match(r.stderr, c.hint, c.name);
  }
});

test('check: bad usage and unreadable files are exit 2 with what to do', async () => {
  const cases = [
    [['check', MIXED], /missing --policy FILE/],
    [['check', '--policy'], /--policy needs a value/],
    [['check', '--policy', sample('sumologic.json'), '--polcy', 'x'], /unknown option --polcy \(did you mean --policy\?\)/],
    [['check', '--policy', sample('sumologic.json'), '--index', '-1'], /unknown option -1|--index must be a whole number/],
    [['check', '--policy', sample('sumologic.json'), '--index', 'x'], /--index must be a whole number/],
    [['check', '--policy', sample('sumologic.json'), 'a.txt', 'b.txt'], /at most one file of passwords/],
    [['check', '--policy', '-', '-'], /cannot both come from standard input/],
    [['check', '--policy', '/nonexistent/policy.json', MIXED], /cannot read the policy \/nonexistent\/policy\.json: no such file/],
    [['check', '--policy', sample('sumologic.json'), '/nonexistent/pw.txt'], /cannot read the passwords \/nonexistent\/pw\.txt: no such file/],
    [['check', '--policy', sample('sumologic.json'), fixtures], /it is a directory/],
    [['check', '--policy', sample('sumologic.json'), '--summary=yes', MIXED], /--summary takes no value/],
  ];
  for (const [args, re] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
  }
  const usage = await run(['check', MIXED]);
  assert.match(usage.stderr, /Run 'passpolicy check --help' for usage/);
});

/** A policy that passes exactly the passwords of `n` code points (to see what a line holds). */
const exactLength = (n) => tmpFile(`len${n}.json`, JSON.stringify({ version: 1, length: { min: n, max: n, unit: 'codePoints' } }));

test('check: CRLF line endings and a BOM give the same results as LF', async () => {
  const lf = fs.readFileSync(MIXED);
  const crlf = Buffer.from(`\ufeff${mixedPasswords.join('\r\n')}\r\n`, 'utf8');
  for (const p of POLICIES.filter((x) => ['samples/canonical', 'samples/sumologic', 'samples/sailpoint-list[0]'].includes(x.name))) {
    const a = await run(['check', ...policyArgs(p), MIXED]);
    const b = await run(['check', ...policyArgs(p)], { input: crlf });
    assert.equal(b.stdout, a.stdout, p.name);
    const file = tmpFile('crlf.txt', crlf);
    const c = await run(['check', ...policyArgs(p), file]);
    assert.equal(c.stdout, a.stdout, p.name);
    assert.deepEqual(records(a.stdout), expectedRecords(p, lf.toString('utf8').split('\n').slice(0, -1)));
  }
});

test('check: only the line ending is removed; a BOM only at the start; no trimming', async () => {
  // Each line has 4 code points once its line ending (and a leading BOM) is removed.
  const four = exactLength(4);
  const cases = [
    ['\ufeffabcd\nefgh\n', [true, true]],
    ['\ufeffabcd\r\nefgh\r\n', [true, true]],
    ['abcd\r\n\ufeffabc\r\n', [true, true]], // a BOM later is a character
    [' ab \n\tab\t\r\n', [true, true]], // spaces and tabs are kept
    ['abcd\nabcd', [true, true]], // the last line needs no line ending
    ['abcd\nabc\r', [true, true]], // a "\r" without "\n" is not a line ending: it stays
    ['ab\rc\n', [true]], // nor is a "\r" inside a line
    ['abcd\r\r\n', [false]], // only one "\r" belongs to the line ending
    ['\n\nabcd\n', [false, false, true]], // empty lines are empty passwords
    ['abcd\n\n', [true, false]],
    ['\ufeff', [false]], // a BOM alone: one empty password
  ];
  for (const [input, ok] of cases) {
    const r = await run(['check', '--policy', four, '--no-strength'], { input: Buffer.from(input, 'utf8') });
    assert.deepEqual(records(r.stdout).map((x) => x.ok), ok, JSON.stringify(input));
    assert.equal(r.code, ok.every(Boolean) ? 0 : 1);
  }
});

test('check: invalid UTF-8 and encoded lone surrogates give an error record, not a crash', async () => {
  const input = Buffer.concat([
    Buffer.from('Zq8#mK2$vL9!pW4x\n'),
    Buffer.from([0x61, 0xff, 0x62, 0x0a]), // a byte that is never UTF-8
    Buffer.from([0x78, 0xed, 0xa0, 0x80, 0x79, 0x0a]), // U+D800 encoded (WTF-8), a lone surrogate
    Buffer.from([0xc3, 0x0a]), // a truncated sequence
    Buffer.from('kX7$mQ2!zR9@wL4#\n'),
    Buffer.from([0xc3, 0xa4, 0x0a]), // ä: valid
  ]);
  const r = await run(['check', '--policy', sample('sumologic.json')], { input });
  const got = records(r.stdout);
  assert.deepEqual(got.map((x) => x.line), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(got.map((x) => x.error?.code ?? null), [null, 'invalid_utf8', 'invalid_utf8', 'invalid_utf8', null, null]);
  for (const x of got.filter((y) => y.error)) {
    assert.deepEqual(x, { line: x.line, ok: false, failed: [], score: null, error: { code: 'invalid_utf8', message: x.error.message } });
    assert.match(x.error.message, /not valid UTF-8/);
  }
  assert.equal(got[0].ok, true);
  assert.equal(got[4].ok, true);
  assert.equal(r.code, 1);
  const s = JSON.parse((await run(['check', '--policy', sample('sumologic.json'), '--summary'], { input })).stdout);
  assert.equal(s.total, 6);
  assert.equal(s.errors, 3);
  assert.deepEqual(s.errorCodes, { invalid_utf8: 3 });
  assert.equal(s.passed + s.failed + s.errors, 6);
});

test('check: a line longer than 1 MiB is an error record; the next lines are checked', async () => {
  const long = 'a'.repeat((1 << 20) + 10);
  const input = `abcd\n${long}\nabcd\n${long}`;
  const r = await run(['check', '--policy', exactLength(4), '--no-strength'], { input });
  const got = records(r.stdout);
  assert.deepEqual(got.map((x) => [x.line, x.ok, x.error?.code ?? null]), [[1, true, null], [2, false, 'line_too_long'], [3, true, null], [4, false, 'line_too_long']]);
  assert.equal(r.code, 1);
  // Just under the limit is checked.
  const ok = await run(['check', '--policy', sample('sumologic.json'), '--no-strength'], { input: `${'a'.repeat(1 << 20)}\n` });
  assert.deepEqual(records(ok.stdout).map((x) => x.error ?? null), [null]);
  // The limit is on the password, whatever the line ending: exactly 1 MiB with "\r\n" is checked,
  // in one chunk or split across many (a pipe delivers 64 KiB at a time), and 1 MiB + 1 is not.
  const exact = 'a'.repeat(1 << 20);
  const crlf = await run(['check', '--policy', sample('sumologic.json'), '--no-strength'], { input: `abcd\r\n${exact}\r\n${exact}a\r\n${exact}\n` });
  assert.deepEqual(records(crlf.stdout).map((x) => [x.line, x.error?.code ?? null]), [[1, null], [2, null], [3, 'line_too_long'], [4, null]]);
});

test('check --languages: a language pack for the common-password rule and the score; bad codes are usage errors', async () => {
  const policy = tmpFile('common.json', JSON.stringify({ version: 1, length: { min: 4 }, dictionary: { common: true } }));
  const input = 'pässwörd\nSchokolade\nGletscher-Quarz-Ofen-91\n';
  const english = records((await run(['check', '--policy', policy, '-'], { input })).stdout);
  const german = records((await run(['check', '--policy', policy, '--languages', 'en,de', '-'], { input })).stdout);
  assert.deepEqual(english.map((r) => r.failed), [[], [], []]);
  assert.deepEqual(german.map((r) => r.failed), [['dictionary.common'], ['dictionary.common'], []]);
  assert.ok(german[1].score <= 1 && english[1].score >= 2, `Schokolade: ${english[1].score} → ${german[1].score}`);
  assert.equal(german[2].score, english[2].score);
  const bad = await run(['check', '--policy', policy, '--languages', 'en,it', '-'], { input });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--languages takes en, de, fr or es/);
});
