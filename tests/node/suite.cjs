'use strict';
// The behaviour suite of the built package, run once through `import 'passpolicy'`
// (api.test.mjs) and once through `require('passpolicy')` (cjs.test.cjs). `pp` is the module.
//
// The vendor expectations follow the vendors' documentation, as the README's vendor sections say.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const V = JSON.parse(fs.readFileSync(path.join(__dirname, 'vendors.json'), 'utf8'));

/** Failing rule ids of a report, sorted. */
const failing = (report) => report.violations.map((v) => v.id).sort();
const ids = (report) => report.rules.map((r) => r.id);
const rule = (report, id) => report.rules.find((r) => r.id === id);

/** Asserts that `fn` throws a PassPolicyError with this code and path; returns it. */
function throwsCode(pp, fn, code, pathValue) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected a ${code} error, nothing was thrown`);
  assert.ok(caught instanceof Error, `not an Error: ${caught}`);
  assert.equal(caught.name, 'PassPolicyError', caught.stack);
  assert.equal(caught.code, code, `${caught.code}: ${caught.message}`);
  if (typeof pathValue === 'function') assert.ok(pathValue(caught.path), `unexpected path ${caught.path}`);
  else assert.equal(caught.path, pathValue, `path of ${caught.message}`);
  assert.equal(typeof caught.message, 'string');
  assert.ok(caught.message.length > 0);
  assert.equal(typeof caught.stack, 'string');
  assert.equal(pp.isPassPolicyError(caught), true);
  return caught;
}

module.exports = function suite(pp, entry) {
  const t = (name, fn) => test(`[${entry}] ${name}`, fn);

  t('exports the fixed API', async () => {
    for (const name of ['init', 'initSync', 'detectVendor', 'normalize', 'check', 'strength', 'isPassPolicyError']) {
      assert.equal(typeof pp[name], 'function', name);
    }
    assert.equal(typeof pp.PasswordPolicy, 'function');
    assert.equal(typeof pp.PasswordPolicy.from, 'function');
    assert.throws(() => new pp.PasswordPolicy(), (e) => e instanceof TypeError && /PasswordPolicy\.from/.test(e.message));
    // init is a no-op in Node, before and after, with or without an argument.
    assert.equal(await pp.init(), undefined);
    assert.equal(await pp.init(new Uint8Array([0])), undefined);
    // initSync likewise: a no-op that accepts the browser's argument.
    assert.equal(pp.initSync(new Uint8Array([0])), undefined);
    assert.equal(pp.initSync({ wasm: new Uint8Array([0]) }), undefined);
    assert.equal(pp.isPassPolicyError(new Error('x')), false);
    assert.equal(pp.isPassPolicyError({ name: 'PassPolicyError', code: 'x' }), false);
  });

  // ----------------------------------------------------------------------------------------
  // Vendors

  t('meraki: example normalizes (3 of 4 classes, length 8, history 3) and checks', () => {
    assert.equal(pp.detectVendor(V.meraki), 'meraki');
    assert.equal(pp.detectVendor(JSON.stringify(V.meraki)), 'meraki');
    const n = pp.normalize(V.meraki);
    assert.ok(!Array.isArray(n));
    assert.equal(n.vendor, 'meraki');
    assert.equal(n.policy.version, 1);
    assert.equal(n.policy.source.vendor, 'meraki');
    assert.equal(n.policy.length.min, 8);
    assert.equal(n.policy.types.length, 1);
    assert.equal(n.policy.types[0].required, 3);
    assert.deepEqual(n.policy.types[0].of.map((r) => r.class), ['lower', 'upper', 'digit', 'symbol']);
    assert.equal(n.policy.history.count, 3);
    assert.equal(n.policy.settings.lockout.threshold, 3);
    assert.equal(n.policy.settings.expiry.maxAgeSeconds, 90 * 86400);
    assert.ok(n.warnings.length > 0);
    for (const w of n.warnings) {
      assert.deepEqual(Object.keys(w).sort(), ['code', 'message', 'path']);
      assert.equal(typeof w.path, 'string');
    }

    const p = pp.PasswordPolicy.from(V.meraki);
    assert.equal(p.vendor, 'meraki');
    assert.deepEqual(p.warnings, n.warnings);
    assert.deepEqual(p.toJSON(), n.policy);
    const good = p.check('Tr0ub4dor&3x');
    assert.equal(good.ok, true);
    assert.deepEqual(good.violations, []);
    assert.equal(rule(good, 'history.reuse').status, 'unchecked');
    assert.deepEqual(failing(p.check('password')), ['chars.types']);
    assert.deepEqual(failing(p.check('Ab1!')), ['length.min']);
    assert.deepEqual(failing(p.check('short')), ['chars.types', 'length.min']);
    const types = rule(p.check('password1'), 'chars.types');
    assert.deepEqual([types.status, types.required, types.actual], ['fail', 3, 2]);
    // History, with the context.
    const reused = p.check('Tr0ub4dor&3x', { previousPasswords: ['Tr0ub4dor&3x'] });
    assert.deepEqual(failing(reused), ['history.reuse']);
    assert.equal(p.check('Tr0ub4dor&3x', { previousPasswords: ['other'] }).ok, true);
    p.free();
  });

  t('meraki: numbers whose enforce* flag is off are inactive, strong passwords off = no rule', () => {
    const doc = { ...V.meraki, enforceStrongPasswords: false, enforceDifferentPasswords: false };
    const n = pp.normalize(doc);
    assert.equal(n.policy.length, undefined);
    assert.equal(n.policy.types, undefined);
    assert.equal(n.policy.history.enforced, false);
    assert.ok(n.warnings.some((w) => w.code === 'inactive' && w.path === 'numDifferentPasswords'));
    const r = pp.check(doc, 'a');
    assert.equal(r.ok, true);
    assert.ok(!ids(r).includes('history.reuse'));
  });

  t('sailpoint: the list example normalizes to an array and checks', () => {
    assert.equal(pp.detectVendor(V.sailpoint), 'sailpoint');
    const list = pp.normalize(V.sailpoint);
    assert.ok(Array.isArray(list));
    assert.equal(list.length, 1);
    const [n] = list;
    assert.equal(n.vendor, 'sailpoint');
    assert.equal(n.policy.length.min, 8);
    assert.equal(n.policy.length.max, undefined, 'maxLength 0 = no maximum');
    assert.equal(n.policy.maxRepeat, undefined, 'maxRepeatedChars -1 = unset');
    assert.equal(n.policy.types, undefined, 'minCharacterTypes -1 = each minimum on its own');
    assert.equal(n.policy.source.id, '2c91808780b8b8430180ff7a093f3bf2');
    assert.equal(n.policy.source.name, 'Password Policy 1 test');
    // The single object normalizes to a single result.
    assert.ok(!Array.isArray(pp.normalize(V.sailpoint[0])));

    const p = pp.PasswordPolicy.from(V.sailpoint); // a list of one needs no index
    assert.equal(p.vendor, 'sailpoint');
    const good = p.check('correct7horse');
    assert.equal(good.ok, true, JSON.stringify(good.violations));
    assert.equal(rule(good, 'context.attribute').status, 'unchecked');
    assert.deepEqual(failing(p.check('abcdefgh')), ['chars.digit']);
    assert.deepEqual(failing(p.check('12345678')), ['chars.letter']);
    assert.deepEqual(failing(p.check('abc1')), ['length.min']);
    assert.deepEqual(failing(p.check('correct7horse:')), ['chars.allowed'], '`:` is forbidden');
    // Identity attributes (help-page example): whole values and words, separators removed.
    const ctx = { attributes: { displayName: 'John Smith', phone: '555-555-1234' } };
    assert.deepEqual(failing(p.check('passwordJohn1', ctx)), ['context.attribute']);
    assert.deepEqual(failing(p.check('password5555551234', ctx)), ['context.attribute']);
    assert.equal(p.check('correct7horse', ctx).ok, true);
    p.free();
  });

  t('sailpoint: minCharacterTypes, maxRepeatedChars and list indexes', () => {
    const base = { ...V.sailpoint[0] };
    const nofm = pp.PasswordPolicy.from({ ...base, minAlpha: 0, minCharacterTypes: 3, minUpper: 1, minLower: 1, minNumeric: 1 });
    assert.equal(nofm.check('Password1').ok, true);
    assert.deepEqual(failing(nofm.check('password')), ['chars.types']);
    assert.deepEqual(failing(nofm.check('password1')), ['chars.types']);
    nofm.free();

    const repeat = pp.PasswordPolicy.from({ ...base, maxRepeatedChars: 2 });
    assert.equal(repeat.check('passw0rd').ok, true);
    assert.deepEqual(failing(repeat.check('passsw0rd')), ['repeat.max']);
    repeat.free();

    const two = [{ ...base, id: 'first', minLength: 12 }, base];
    assert.equal(pp.normalize(two).length, 2);
    throwsCode(pp, () => pp.PasswordPolicy.from(two), 'invalid_field', (p) => typeof p === 'string');
    throwsCode(pp, () => pp.check(two, 'x'), 'invalid_field', (p) => typeof p === 'string');
    const first = pp.PasswordPolicy.from(two, { index: 0 });
    assert.equal(first.toJSON().length.min, 12);
    assert.equal(pp.PasswordPolicy.from(two, { index: 1 }).toJSON().length.min, 8);
    throwsCode(pp, () => pp.PasswordPolicy.from(two, { index: 2 }), 'invalid_field', 'index');
    throwsCode(pp, () => pp.PasswordPolicy.from(two, { index: -1 }), 'invalid_field', 'index');
    throwsCode(pp, () => pp.PasswordPolicy.from(two, { index: 0.5 }), 'invalid_field', 'index');
    throwsCode(pp, () => pp.PasswordPolicy.from(two, { index: '1' }), 'invalid_field', 'index');
    first.free();
  });

  t('canonical maxSequence: sequence.max reports the limit and the longest run, never the characters', () => {
    const doc = { version: 1, maxRepeat: 2, maxSequence: 2 };
    const p = pp.PasswordPolicy.from(doc);
    assert.deepEqual(p.toJSON(), doc);
    assert.deepEqual(ids(p.checkRules('x')), ['repeat.max', 'sequence.max']);
    const cases = [
      ['pw-abcd-1', 'fail', 4],
      ['pw-DcBa-1', 'fail', 4],
      ['zz-321-zz', 'fail', 3],
      ['ab-ba-12-xy', 'pass', 2],
      ['89:;', 'pass', 2],
      ['', 'pass', 0],
      ['q', 'pass', 1],
    ];
    for (const [pw, status, actual] of cases) {
      const r = rule(p.checkRules(pw), 'sequence.max');
      assert.deepEqual([r.status, r.required, r.actual, r.code], [status, 2, actual, 'rule.sequence.max'], pw);
      assert.equal(r.message, 'No sequence like abc or 321 longer than 2 characters');
    }
    assert.deepEqual(failing(p.check('Pw-abcd-1')), ['sequence.max']);
    const report = JSON.stringify(p.check('Qx-bcde-7'));
    assert.ok(!report.includes('bcde') && !report.includes('Qx-'), report);
    // The message in four languages, the description alike; an override by its code.
    const messages = {
      en: 'No sequence like abc or 321 longer than 2 characters',
      de: 'Keine Folge wie abc oder 321 mit mehr als 2 Zeichen',
      fr: 'Aucune suite comme abc ou 321 de plus de 2 caractères',
      es: 'Ninguna secuencia como abc o 321 de más de 2 caracteres',
    };
    for (const [locale, text] of Object.entries(messages)) {
      const q = pp.PasswordPolicy.from(doc, { locale });
      assert.equal(rule(q.checkRules('abc'), 'sequence.max').message, text, locale);
      const sentence = q.describe().rules.find((x) => x.field === 'maxSequence');
      assert.deepEqual([sentence.code, sentence.text], ['rule.sequence.max', text], locale);
      q.free();
    }
    const o = pp.PasswordPolicy.from(doc, { messages: { 'rule.sequence.max': 'at most {max} in a row' } });
    assert.equal(rule(o.checkRules('abc'), 'sequence.max').message, 'at most 2 in a row');
    o.free();
    // Not expressible as passwordrules; generated passwords keep to it.
    assert.ok(p.toPasswordRules().unsupported.includes('maxSequence: no passwordrules equivalent'));
    const g = p.generate({ count: 200, length: 24 });
    for (const pw of g.passwords) assert.equal(rule(p.checkRules(pw), 'sequence.max').status, 'pass', pw);
    p.free();
    // A limit below 2 is an error naming the field.
    for (const bad of [0, 1, -1, 2.5, '3']) {
      throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1, maxSequence: bad }), 'invalid_field', 'maxSequence');
    }
  });

  t('canonical minUnique: chars.unique reports the minimum and the distinct count, never the characters', () => {
    const doc = { version: 1, minUnique: 5, maxRepeat: 2 };
    const p = pp.PasswordPolicy.from(doc);
    assert.deepEqual(p.toJSON(), doc);
    assert.deepEqual(ids(p.checkRules('x')), ['chars.unique', 'repeat.max']);
    const cases = [
      ['aabbaabb', 'fail', 2],
      ['abcab-cde', 'pass', 6],
      ['aAbBc', 'pass', 5],
      ['e\u0301e\u0301xyz', 'fail', 4],
      ['', 'fail', 0],
    ];
    for (const [pw, status, actual] of cases) {
      const r = rule(p.checkRules(pw), 'chars.unique');
      assert.deepEqual([r.status, r.required, r.actual, r.code], [status, 5, actual, 'rule.chars.unique'], pw);
      assert.equal(r.message, 'At least 5 different characters');
    }
    const report = JSON.stringify(p.check('qzqzqzqz'));
    assert.ok(!report.includes('qzqz'), report);
    const messages = {
      en: 'At least 5 different characters',
      de: 'Mindestens 5 verschiedene Zeichen',
      fr: 'Au moins 5 caractères différents',
      es: 'Al menos 5 caracteres distintos',
    };
    for (const [locale, text] of Object.entries(messages)) {
      const q = pp.PasswordPolicy.from(doc, { locale });
      assert.equal(rule(q.checkRules('abc'), 'chars.unique').message, text, locale);
      const sentence = q.describe().rules.find((x) => x.field === 'minUnique');
      assert.deepEqual([sentence.code, sentence.text], ['rule.chars.unique', text], locale);
      q.free();
    }
    assert.ok(p.toPasswordRules().unsupported.includes('minUnique: no passwordrules equivalent'));
    const g = p.generate({ count: 200, length: 5 });
    for (const pw of g.passwords) assert.equal(rule(p.checkRules(pw), 'chars.unique').status, 'pass', pw);
    p.free();
    for (const bad of [0, -1, 2.5, '3']) {
      throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1, minUnique: bad }), 'invalid_field', 'minUnique');
    }
    throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1, minUnique: 9, length: { max: 8 } }), 'unsatisfiable', 'minUnique');
    throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1, minUnique: 11, allowed: { chars: '0123456789' } }), 'unsatisfiable', 'minUnique');
  });

  t('sumologic: example normalizes (four classes, 8..128) and checks', () => {
    assert.equal(pp.detectVendor(V.sumologic), 'sumologic');
    const n = pp.normalize(V.sumologic);
    assert.equal(n.vendor, 'sumologic');
    assert.deepEqual([n.policy.length.min, n.policy.length.max], [8, 128]);
    assert.deepEqual(n.policy.classes.map((c) => [c.class, c.min]).sort(), [['digit', 1], ['lower', 1], ['symbol', 1], ['upper', 1]]);
    assert.ok(!n.warnings.some((w) => w.code === 'defaulted'), 'every field is given');
    const p = pp.PasswordPolicy.from(V.sumologic);
    assert.equal(p.check('Tr0ub4dor&3').ok, true);
    assert.deepEqual(failing(p.check('password')), ['chars.digit', 'chars.symbol', 'chars.upper']);
    assert.deepEqual(failing(p.check('Aa1!')), ['length.min']);
    assert.deepEqual(failing(p.check(`Aa1!${'x'.repeat(125)}`)), ['length.max']);
    assert.ok(!ids(p.check('password')).includes('dictionary.common'));
    p.free();
  });

  t('sumologic: missing fields take the documented defaults (warned); disallowWeakPasswords = common list', () => {
    const n = pp.normalize({ mustContainSpecialChars: false, disallowWeakPasswords: true });
    assert.equal(n.vendor, 'sumologic');
    assert.deepEqual([n.policy.length.min, n.policy.length.max], [8, 128]);
    const defaulted = n.warnings.filter((w) => w.code === 'defaulted').map((w) => w.path);
    assert.ok(defaulted.includes('minLength') && defaulted.includes('mustContainDigits'), defaulted.join());
    assert.equal(n.policy.dictionary.common, true);
    const r = pp.check({ disallowWeakPasswords: true }, 'Password1!');
    assert.ok(ids(r).includes('dictionary.common'));
    assert.ok(failing(pp.check({ disallowWeakPasswords: true, mustContainUppercase: false, mustContainSpecialChars: false }, 'password1')).includes('dictionary.common'));
  });

  t('scaleway: example normalizes to settings only; every password passes', () => {
    assert.equal(pp.detectVendor(V.scaleway), 'scaleway');
    const n = pp.normalize(V.scaleway);
    assert.equal(n.vendor, 'scaleway');
    const s = n.policy.settings;
    assert.equal(s.lockout.threshold, 5);
    assert.equal(s.session.maxDurationSeconds, 2592000);
    assert.equal(s.expiry.renewOnFirstLogin, true);
    assert.equal(s.expiry.gracePeriodSeconds, 259200);
    assert.equal(s.apiKeys?.maxExpirationSeconds, undefined, '0s = no maximum');
    for (const key of ['length', 'classes', 'sets', 'types', 'allowed', 'forbidden']) assert.equal(n.policy[key], undefined, key);
    const p = pp.PasswordPolicy.from(V.scaleway);
    // No composition rule exists, so no password fails: the strength estimate is what remains.
    for (const pw of ['a', 'password', 'Tr0ub4dor&3']) {
      const r = p.check(pw);
      assert.equal(r.ok, true);
      assert.deepEqual(r.rules, []);
    }
    assert.equal(p.check('password').strength.score, 0);
    p.free();
  });

  t('longjump: the XML example normalizes (6 characters, a letter and a digit, history 1) and checks', () => {
    assert.equal(pp.detectVendor(V.longjumpXml), 'longjump');
    const n = pp.normalize(V.longjumpXml);
    assert.equal(n.vendor, 'longjump');
    assert.equal(n.policy.length.min, 6);
    assert.equal(n.policy.history.count, 1);
    assert.equal(n.policy.settings.lockout.threshold, 10);
    const p = pp.PasswordPolicy.from(V.longjumpXml);
    assert.equal(p.check('abc123').ok, true);
    assert.deepEqual(failing(p.check('abcdef')), ['chars.digit']);
    assert.deepEqual(failing(p.check('123456')), ['chars.letter']);
    assert.deepEqual(failing(p.check('abc12')), ['length.min']);
    assert.deepEqual(failing(p.check('abc123', { previousPasswords: ['abc123'] })), ['history.reuse']);
    p.free();
  });

  t('longjump: JSON forms, numeric strings, characters_type 5', () => {
    const inner = { min_length: '8', characters_type: '5', last_matching_limit: 2 };
    for (const doc of [{ platform: { passwordPolicy: inner } }, { passwordPolicy: inner }]) {
      assert.equal(pp.detectVendor(doc), 'longjump');
      const p = pp.PasswordPolicy.from(doc);
      assert.equal(p.toJSON().length.min, 8);
      assert.equal(p.check('Abcd123#').ok, true);
      const r = p.check('abcd1234');
      assert.equal(r.ok, false);
      assert.ok(failing(r).includes('chars.upper'), failing(r).join());
      assert.equal(failing(p.check('Abcd1234')).length, 1, 'one of #$%@ is required');
      p.free();
    }
  });

  t('canonical: toJSON round-trips through normalize and PasswordPolicy.from', () => {
    for (const doc of [V.meraki, V.sumologic, V.scaleway, V.longjumpXml, V.sailpoint[0]]) {
      let p;
      try {
        p = pp.PasswordPolicy.from(doc);
      } catch {
        continue; // adapter failures are reported by the vendor tests
      }
      const policy = p.toJSON();
      assert.equal(pp.detectVendor(policy), 'canonical');
      const back = pp.normalize(policy);
      assert.equal(back.vendor, 'canonical');
      assert.deepEqual(back.policy, policy);
      assert.deepEqual(pp.normalize(JSON.stringify(policy)).policy, policy);
      const q = pp.PasswordPolicy.from(policy);
      for (const pw of ['a', 'password', 'Tr0ub4dor&3x', 'abc123']) assert.deepEqual(q.check(pw), p.check(pw));
      q.free();
      p.free();
    }
  });

  t('normalize options: an explicit vendor wins over detection', () => {
    assert.equal(pp.normalize({ minLength: 8 }, { vendor: 'sumologic' }).vendor, 'sumologic');
    assert.equal(pp.PasswordPolicy.from({ minLength: 8 }, { vendor: 'sumologic' }).vendor, 'sumologic');
    throwsCode(pp, () => pp.normalize({ minLength: 8 }, { vendor: 'nope' }), 'unknown_vendor', 'vendor');
    throwsCode(pp, () => pp.normalize({ minLength: 8 }, { vendor: 7 }), 'invalid_field', 'vendor');
    throwsCode(pp, () => pp.normalize({ minLength: 8 }, 'sumologic'), 'invalid_field', 'options');
    // Absent options: detection.
    assert.equal(pp.normalize(V.meraki, null).vendor, 'meraki');
    assert.equal(pp.normalize(V.meraki, {}).vendor, 'meraki');
    throwsCode(pp, () => pp.normalize({ minLength: 8 }, undefined), 'ambiguous_vendor', null);
  });

  // ----------------------------------------------------------------------------------------
  // Reports

  t('report shape: plain objects, camelCase, absent fields omitted', () => {
    const p = pp.PasswordPolicy.from({ version: 1, length: { min: 8 }, classes: [{ class: 'digit', min: 1 }], minStrength: 3 });
    const r = p.check('password');
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.deepEqual(Object.keys(r).sort(), ['analyzed', 'length', 'ok', 'rules', 'strength', 'violations']);
    assert.equal(r.ok, false);
    assert.deepEqual(failing(r), ['chars.digit', 'strength.min']);
    assert.deepEqual(r.violations, r.rules.filter((x) => x.status === 'fail'));
    const len = rule(r, 'length.min');
    assert.deepEqual(len, { id: 'length.min', status: 'pass', code: 'rule.length.min', message: len.message, required: 8, actual: 8 });
    assert.ok(!('index' in len));
    const s = r.strength;
    assert.equal(s.score, 0);
    assert.equal(s.warning.code, 'topTen');
    assert.equal(typeof s.guessesLog10, 'number');
    assert.deepEqual(Object.keys(s.crackTimesSeconds).sort(), [
      'offlineFastHashing1e10PerSecond', 'offlineSlowHashing1e4PerSecond', 'onlineNoThrottling10PerSecond', 'onlineThrottling100PerHour',
    ]);
    assert.equal(typeof s.crackTimesDisplay.onlineThrottling100PerHour, 'string');
    assert.ok(Array.isArray(s.suggestions));
    assert.equal(s.analyzedCodePoints, 8);
    assert.deepEqual(r.analyzed, { complete: true, codePoints: 8 });
    // checkRules: the same rules without strength.
    const rr = p.checkRules('password');
    assert.ok(!('strength' in rr));
    assert.deepEqual(failing(rr), ['chars.digit']);
    assert.deepEqual(rr.rules, r.rules.filter((x) => x.id !== 'strength.min'));
    p.free();
  });

  t('length counts: an emoji ZWJ sequence is 1 grapheme, 5 code points, 8 UTF-16 units', () => {
    const family = '👨‍👩‍👧';
    assert.equal(family.length, 8);
    const p = pp.PasswordPolicy.from({ version: 1, length: { min: 2 } });
    assert.deepEqual(p.check(family).length, { graphemes: 1, codePoints: 5, utf16: 8 });
    assert.deepEqual(failing(p.check(family)), ['length.min']);
    assert.deepEqual(p.check('e\u0301').length, { graphemes: 1, codePoints: 2, utf16: 2 });
    const utf16 = pp.PasswordPolicy.from({ version: 1, length: { min: 8, unit: 'utf16' } });
    assert.equal(utf16.check(family).ok, true);
    assert.equal(rule(utf16.check(family), 'length.min').actual, 8);
    p.free();
    utf16.free();
  });

  t('a 1 MB password returns a report, never an error', () => {
    const p = pp.PasswordPolicy.from(V.sumologic);
    const huge = 'aB3$'.repeat(1 << 18);
    assert.equal(huge.length, 1 << 20);
    const start = Date.now();
    const r = p.check(huge);
    assert.ok(Date.now() - start < 10000);
    assert.equal(r.analyzed.complete, false);
    assert.equal(r.length.codePoints, 1 << 20);
    assert.equal(r.length.utf16, 1 << 20);
    assert.deepEqual(failing(r), ['length.max']);
    const emoji = '😀'.repeat(1 << 19); // 1 MiB of UTF-16 units, 2 MiB of UTF-8
    const e = p.checkRules(emoji);
    assert.equal(e.length.utf16, 1 << 20);
    assert.equal(e.length.codePoints, 1 << 19);
    assert.equal(pp.strength(huge).analyzedCodePoints, 100);
    assert.equal(typeof pp.check(V.sumologic, huge).ok, 'boolean');
    p.free();
  });

  t('one policy object serves many checks', () => {
    const p = pp.PasswordPolicy.from(V.meraki);
    const expected = { good: p.check('Tr0ub4dor&3x'), bad: p.check('password') };
    for (let i = 0; i < 2000; i++) {
      const pw = i % 2 ? `Tr0ub4dor&${i}` : `pass${i}`;
      const r = p.checkRules(pw);
      assert.equal(r.ok, i % 2 === 1, pw);
    }
    assert.deepEqual(p.check('Tr0ub4dor&3x'), expected.good);
    assert.deepEqual(p.check('password'), expected.bad);
    // An error does not poison the object.
    throwsCode(pp, () => p.check('\ud800'), 'invalid_field', 'password');
    throwsCode(pp, () => p.check('x', { nope: 1 }), 'invalid_field', (p) => p === 'context' || p === 'context.nope');
    assert.deepEqual(p.check('password'), expected.bad);
    p.free();
  });

  t('free() releases the policy; later calls throw; Symbol.dispose frees too', () => {
    const p = pp.PasswordPolicy.from(V.meraki);
    p.free();
    assert.throws(() => p.check('x'), Error);
    assert.throws(() => p.toJSON(), Error);
    const q = pp.PasswordPolicy.from(V.meraki);
    assert.equal(typeof q[Symbol.dispose], 'function');
    q[Symbol.dispose]();
    assert.throws(() => q.checkRules('x'), Error);
    // Many short-lived policies, freed or left to the FinalizationRegistry.
    for (let i = 0; i < 500; i++) {
      const r = pp.PasswordPolicy.from(V.sumologic);
      if (i % 2) r.free();
    }
  });

  t('strength(password, userInputs)', () => {
    const s = pp.strength('zaphodbeeblebrox');
    const withInputs = pp.strength('zaphodbeeblebrox', ['zaphodbeeblebrox']);
    assert.ok(withInputs.guessesLog10 < s.guessesLog10);
    assert.equal(pp.strength('correct-Horse-battery-staple-92', null).score, 4);
    assert.equal(pp.strength('').score, 0);
    throwsCode(pp, () => pp.strength(42), 'invalid_field', 'password');
    throwsCode(pp, () => pp.strength('x', 'name'), 'invalid_field', 'userInputs');
    throwsCode(pp, () => pp.strength('x', ['ok', 3]), 'invalid_field', 'userInputs[1]');
  });

  t('strength(password, context): the same context object check() takes', () => {
    const context = { username: 'zaphodbeeblebrox', attributes: { planet: 'betelgeuse' } };
    const none = pp.strength('zaphodbeeblebrox');
    const viaContext = pp.strength('zaphodbeeblebrox', context);
    assert.deepEqual(viaContext, pp.strength('zaphodbeeblebrox', ['zaphodbeeblebrox', 'betelgeuse']));
    assert.ok(viaContext.guessesLog10 < none.guessesLog10);
    // check()'s report carries the same estimate: the meter needs no second call.
    const p = pp.PasswordPolicy.from({ version: 1 });
    assert.deepEqual(p.check('zaphodbeeblebrox', context).strength, viaContext);
    p.free();
    // The context's errors and limits, at `context`.
    throwsCode(pp, () => pp.strength('x', { userName: 'ann' }), 'invalid_field', 'context.userName');
    throwsCode(pp, () => pp.strength('x', { username: 'a'.repeat(4 << 20) }), 'too_large', 'context');
    throwsCode(pp, () => pp.strength('x', new Map()), 'invalid_field', 'userInputs');
  });

  t('no silent options: describe honours locale; unknown keys and message codes are errors', () => {
    const p = pp.PasswordPolicy.from({ minLength: 10 }, { vendor: 'sumologic' });
    const en = p.describe();
    const de = p.describe({ locale: 'de' });
    assert.equal(en.locale, 'en');
    assert.equal(de.locale, 'de');
    assert.deepEqual(de, pp.PasswordPolicy.from({ minLength: 10 }, { vendor: 'sumologic', locale: 'de' }).describe());
    assert.deepEqual(de.rules.map((s) => s.code), en.rules.map((s) => s.code));
    assert.notDeepEqual(de.rules.map((s) => s.text), en.rules.map((s) => s.text));
    assert.deepEqual(p.describe({}), en);
    assert.deepEqual(p.describe(null), en);
    throwsCode(pp, () => p.describe({ local: 'de' }), 'invalid_field', 'options.local');
    throwsCode(pp, () => p.describe({ locale: 7 }), 'invalid_field', 'locale');
    throwsCode(pp, () => p.describe('de'), 'invalid_field', 'options');
    p.free();
    throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1 }, { local: 'de' }), 'invalid_field', 'options.local');
    throwsCode(pp, () => pp.normalize({ version: 1 }, { index: 0 }), 'invalid_field', 'options.index');
    throwsCode(pp, () => pp.normalize({ version: 1 }, { locale: 'de' }), 'invalid_field', 'options.locale');
    // Known option keys whose value is undefined are fine; so are null and absent options.
    pp.PasswordPolicy.from({ version: 1 }, { vendor: undefined, index: undefined, locale: undefined, messages: undefined }).free();
    assert.equal(pp.normalize({ version: 1 }, null).vendor, 'canonical');
    // A message override must name a code of the catalogue (a plural code stands for both forms).
    const bad = throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1 }, { messages: { 'rule.length.minimum': 'x' } }), 'invalid_field', 'messages.rule.length.minimum');
    assert.doesNotMatch(bad.message, /\bx\b/);
    throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1 }, { messages: { 'rule.repeat': 'x' } }), 'invalid_field', 'messages.rule.repeat');
    for (const code of ['rule.repeat.max', 'rule.repeat.max.one', 'zxcvbn.warning.topTen', 'describe.expiry.maxAge']) {
      pp.PasswordPolicy.from({ version: 1 }, { messages: { [code]: 'x' } }).free();
    }
  });

  t('every rule result carries the code of its message; overriding that code changes the message', () => {
    const doc = {
      version: 1,
      length: { min: 8, max: 64 },
      classes: [{ class: 'upper', min: 1 }, { class: 'symbol', min: 1 }],
      sets: [{ chars: { chars: '#$' }, min: 2 }],
      types: [{ required: 2, of: [{ class: 'digit', min: 1 }, { class: 'lower', min: 1 }] }],
      forbidden: { chars: ':' },
      minUnique: 3,
      maxRepeat: 2,
      maxSequence: 3,
      dictionary: { common: true, custom: { words: ['acme'], match: 'substring' } },
      context: { username: { match: 'substring', minTokenLength: 3 }, attributes: { match: 'substring', minTokenLength: 3 } },
      history: { count: 3 },
      minStrength: 3,
    };
    const ctx = { username: 'ann', attributes: { city: 'paris' }, previousPasswords: ['old'] };
    const p = pp.PasswordPolicy.from(doc);
    const report = p.check('aaaparis', ctx);
    assert.equal(report.rules.length, 16);
    for (const r of [...report.rules, ...p.checkRules('aaaparis', ctx).rules]) {
      assert.equal(typeof r.code, 'string', r.id);
      assert.match(r.code, /^rule\./, r.id);
      // The code is one `messages` accepts, and an override of it is the rule's message.
      const o = pp.PasswordPolicy.from(doc, { messages: { [r.code]: `override of ${r.id}` } });
      const again = o.check('aaaparis', ctx).rules.find((x) => x.id === r.id && x.index === r.index);
      assert.ok(again.message.startsWith(`override of ${r.id}`), `${r.id} (${r.code}): ${again.message}`);
      o.free();
    }
    assert.equal(report.rules.find((r) => r.id === 'chars.symbol').code, 'rule.chars.symbol');
    assert.equal(report.rules.find((r) => r.id === 'repeat.max').code, 'rule.repeat.max');
    assert.equal(report.rules.find((r) => r.id === 'sequence.max').code, 'rule.sequence.max');
    assert.equal(report.rules.find((r) => r.id === 'chars.unique').code, 'rule.chars.unique');
    p.free();
  });

  t('check(doc, password, context) one-shot', () => {
    const r = pp.check(V.meraki, 'password', { username: 'ann' });
    assert.deepEqual(failing(r), ['chars.types']);
    assert.equal(pp.check(JSON.stringify(V.meraki), 'Tr0ub4dor&3x').ok, true);
    assert.equal(pp.check(V.meraki, 'Tr0ub4dor&3x', null).ok, true);
  });

  t('context: user data is matched and errors name the field', () => {
    const doc = { version: 1, context: { username: { match: 'substring', minTokenLength: 3 }, email: { match: 'substring', minTokenLength: 3 } } };
    const p = pp.PasswordPolicy.from(doc);
    assert.deepEqual(p.check('xxannaxx').rules.map((x) => x.status), ['unchecked', 'unchecked']);
    assert.deepEqual(failing(p.check('xxAnnaxx', { username: 'anna' })), ['context.username']);
    assert.deepEqual(failing(p.check('john.doe!1', { email: 'John.Doe@example.com' })), ['context.email']);
    assert.equal(p.check('unrelated1', { username: 'anna', email: 'a@b.c' }).ok, true);
    const typo = throwsCode(pp, () => p.check('x', { userName: 'anna' }), 'invalid_field', (p) => p === 'context' || p === 'context.userName');
    assert.match(typo.message, /userName/);
    assert.ok(!typo.message.includes('anna'));
    throwsCode(pp, () => p.check('x', { username: 5 }), 'invalid_field', 'context.username');
    throwsCode(pp, () => p.check('x', { attributes: { phone: 5551234 } }), 'invalid_field', 'context.attributes.phone');
    throwsCode(pp, () => p.check('x', { previousPasswords: 'hunter2' }), 'invalid_field', 'context.previousPasswords');
    throwsCode(pp, () => p.check('x', 'anna'), 'invalid_field', 'context');
    throwsCode(pp, () => p.check('x', new Map([['username', 'anna']])), 'invalid_field', 'context');
    throwsCode(pp, () => p.check('x', [1]), 'invalid_field', 'context');
    const cyclic = { username: 'a' };
    cyclic.self = cyclic;
    throwsCode(pp, () => p.check('x', cyclic), 'invalid_field', 'context');
    throwsCode(pp, () => p.check('x', { username: 1n }), 'invalid_field', 'context');
    p.free();
  });

  t('lists and XML: detected by their elements and root, never by default', () => {
    const connection = (name, strategy, options) => ({ id: `con_${name}`, name, strategy, options, is_domain_connection: false, realms: [name] });
    const connections = [
      connection('google-oauth2', 'google-oauth2', { scope: ['email'] }),
      connection('Username-Password-Authentication', 'auth0', { passwordPolicy: 'fair' }),
    ];
    for (const doc of [connections, { connections, start: 0, limit: 50, total: 2 }]) {
      assert.equal(pp.detectVendor(doc), 'auth0');
      const out = pp.normalize(doc);
      assert.ok(Array.isArray(out), 'a list form gives an array, even of one policy');
      assert.equal(out.length, 1, 'the social connection is skipped');
      assert.ok(out[0].warnings.some((w) => w.code === 'ignored' && /google-oauth2/.test(w.message)));
      const p = pp.PasswordPolicy.from(doc);
      assert.deepEqual(failing(p.check('abcdefgh')), ['chars.digit', 'chars.upper']);
      p.free();
    }
    const iam = '<GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountPasswordPolicyResult><PasswordPolicy><MinimumPasswordLength>14</MinimumPasswordLength><RequireSymbols>true</RequireSymbols></PasswordPolicy></GetAccountPasswordPolicyResult></GetAccountPasswordPolicyResponse>';
    assert.equal(pp.detectVendor(iam), 'aws-iam');
    assert.equal(pp.normalize(iam).policy.length.min, 14);
    for (const doc of ['<rss version="2.0"><channel/></rss>', [{ id: 1, login: 'octocat' }], [1, 2]]) {
      const e = throwsCode(pp, () => pp.detectVendor(doc), 'unknown_vendor', null);
      assert.match(e.message, /XML|JSON array/);
    }
  });

  // ----------------------------------------------------------------------------------------
  // Errors

  t('every error code is reachable, with code, path and instanceof Error', () => {
    throwsCode(pp, () => pp.detectVendor('{"a": }'), 'invalid_json', null);
    throwsCode(pp, () => pp.normalize('{"minLength": 8,}'), 'invalid_json', null);
    throwsCode(pp, () => pp.PasswordPolicy.from('[{"minLength": 8}'), 'invalid_json', null);
    throwsCode(pp, () => pp.detectVendor('<platform><passwordPolicy></platform>'), 'invalid_xml', null);
    throwsCode(pp, () => pp.normalize('<platform>&xxe;</platform>'), 'invalid_xml', null);
    throwsCode(pp, () => pp.detectVendor({}), 'unknown_vendor', null);
    throwsCode(pp, () => pp.detectVendor({ foo: 1 }), 'unknown_vendor', null);
    throwsCode(pp, () => pp.PasswordPolicy.from('[]'), 'unknown_vendor', null);
    const amb = throwsCode(pp, () => pp.detectVendor({ minLength: 8 }), 'ambiguous_vendor', null);
    assert.match(amb.message, /sailpoint/);
    assert.match(amb.message, /sumologic/);
    const mismatch = throwsCode(pp, () => pp.normalize(V.sailpoint, { vendor: 'auth0' }), 'vendor_mismatch', 'vendor');
    assert.match(mismatch.message, /sailpoint/);
    throwsCode(pp, () => pp.normalize({ foo: 1 }, { vendor: 'meraki' }), 'vendor_mismatch', 'vendor');
    throwsCode(pp, () => pp.normalize({ version: 1, length: { min: 'eight' } }), 'invalid_field', 'length.min');
    throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1, classes: [{ class: 'lower', min: 1 }, { class: 'vowel', min: 1 }] }), 'invalid_field', 'classes[1].class');
    throwsCode(pp, () => pp.PasswordPolicy.from({ version: 1, length: { min: 10, max: 5 } }), 'unsatisfiable', (p) => typeof p === 'string' && p.startsWith('length'));
    throwsCode(pp, () => pp.check({ version: 1, length: { max: 2 }, classes: [{ class: 'digit', min: 3 }] }, 'x'), 'unsatisfiable', (p) => typeof p === 'string');
    throwsCode(pp, () => pp.normalize('x'.repeat((1 << 20) + 1)), 'too_large', null);
    throwsCode(pp, () => pp.normalize({ version: 1, vendorExtras: { big: 'x'.repeat(1 << 20) } }), 'too_large', null);
    throwsCode(pp, () => pp.detectVendor('['.repeat(65) + ']'.repeat(65)), 'too_large', null);
  });

  t('doc must be a string or a plain object', () => {
    const cyclic = {};
    cyclic.a = cyclic;
    for (const bad of [undefined, null, 42, true, 1n, Symbol('s'), () => 1, new Map([['minLength', 8]]), new Set([1]), cyclic, { n: 1n }]) {
      for (const fn of [() => pp.detectVendor(bad), () => pp.normalize(bad), () => pp.PasswordPolicy.from(bad), () => pp.check(bad, 'x')]) {
        throwsCode(pp, fn, 'invalid_field', 'doc');
      }
    }
  });

  t('password must be a well-formed string', () => {
    const p = pp.PasswordPolicy.from(V.meraki);
    for (const bad of [undefined, null, 42, {}, ['a'], new String('abc')]) {
      throwsCode(pp, () => p.check(bad), 'invalid_field', 'password');
      throwsCode(pp, () => p.checkRules(bad), 'invalid_field', 'password');
      throwsCode(pp, () => pp.check(V.meraki, bad), 'invalid_field', 'password');
    }
    for (const lone of ['\ud800', 'abc\udfff', '\udc00\ud800', `${'x'.repeat(5000)}\ud83d`]) {
      const e = throwsCode(pp, () => p.check(lone), 'invalid_field', 'password');
      assert.match(e.message, /well-formed/);
      throwsCode(pp, () => pp.strength(lone), 'invalid_field', 'password');
    }
    assert.equal(p.check('\ud83d\ude00 pair is fine').length.codePoints, 14);
    p.free();
  });

  t('the password never appears in a report, a warning, an error or the console', () => {
    const secret = 'Zq9!Secret-Pw-4711';
    const logged = [];
    const saved = {};
    for (const m of ['log', 'info', 'warn', 'error', 'debug']) {
      saved[m] = console[m];
      console[m] = (...a) => logged.push(a.join(' '));
    }
    const savedWrite = process.stderr.write;
    process.stderr.write = (chunk, ...rest) => (logged.push(String(chunk)), savedWrite.call(process.stderr, chunk, ...rest));
    const texts = [];
    const grab = (fn) => {
      try {
        texts.push(JSON.stringify(fn()));
      } catch (e) {
        texts.push(`${e.message} ${e.path} ${e.stack}`);
      }
    };
    try {
      for (const doc of [V.meraki, V.sumologic, V.scaleway, V.sailpoint, V.longjumpXml]) {
        grab(() => pp.check(doc, secret, { username: 'ann', previousPasswords: [secret], dictionary: [secret] }));
        grab(() => pp.PasswordPolicy.from(doc, { index: 0 }).check(secret, { attributes: { x: secret } }));
        grab(() => pp.PasswordPolicy.from(doc, { index: 0 }).warnings);
      }
      const p = pp.PasswordPolicy.from({ version: 1, length: { max: 4 }, dictionary: { common: true, custom: { words: ['secret'], match: 'substring' } } });
      grab(() => p.check(secret));
      grab(() => p.check(secret.repeat(2000)));
      grab(() => p.check(`${secret}\ud800`));
      grab(() => p.check(secret, { previousPasswords: secret }));
      grab(() => p.check(secret, { attributes: { phone: secret.length } }));
      grab(() => p.check(secret, { email: [secret] }));
      grab(() => pp.strength(secret, [secret]));
      grab(() => pp.strength(`${secret}\udc00`));
      grab(() => pp.check({ version: 1 }, secret, { previousPasswords: [1] }));
    } finally {
      Object.assign(console, saved);
      process.stderr.write = savedWrite;
    }
    assert.ok(texts.length > 20);
    for (const text of [...texts, ...logged]) {
      assert.ok(!text.includes(secret), `the password leaked: ${text.slice(0, 300)}`);
      assert.ok(!text.includes('Secret-Pw'), `part of the password leaked: ${text.slice(0, 300)}`);
    }
    assert.deepEqual(logged, []);
  });
};
