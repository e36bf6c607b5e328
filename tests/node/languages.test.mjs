// Language packs through the installed package: loadLanguage, languageLoaded, the `languages`
// option of PasswordPolicy.from and strength(), and what they change (and do not change).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PasswordPolicy, strength, loadLanguage, languageLoaded, isPassPolicyError } from 'passpolicy';

const require = createRequire(import.meta.url);
const POLICY = { version: 1, length: { min: 8 }, dictionary: { common: true }, minStrength: 2 };

function rule(report, id) {
  return report.rules.find((r) => r.id === id)?.status;
}

function throwsCode(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(isPassPolicyError(e), String(e));
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    return true;
  });
}

test('a pack must be loaded before it is chosen', () => {
  // The packs are read from the package on demand, not when it is required.
  for (const code of ['de', 'fr', 'es']) assert.equal(languageLoaded(code), false, code);
  assert.equal(languageLoaded('en'), true);
  throwsCode(() => PasswordPolicy.from(POLICY, { languages: ['en', 'de'] }), 'not_ready', 'languages');
  throwsCode(() => strength('Schokolade', [], { languages: ['de'] }), 'not_ready', 'languages');
});

test('bad language options are coded errors naming the field', async () => {
  throwsCode(() => PasswordPolicy.from(POLICY, { languages: 'de' }), 'invalid_field', 'languages');
  throwsCode(() => PasswordPolicy.from(POLICY, { languages: [] }), 'invalid_field', 'languages');
  throwsCode(() => PasswordPolicy.from(POLICY, { languages: ['en', 'it'] }), 'invalid_field', 'languages[1]');
  throwsCode(() => PasswordPolicy.from(POLICY, { languages: ['en', 7] }), 'invalid_field', 'languages[1]');
  throwsCode(() => strength('x', [], { language: ['de'] }), 'invalid_field', 'options.language');
  await assert.rejects(loadLanguage('it'), (e) => isPassPolicyError(e) && e.code === 'invalid_field' && e.path === 'language');
  await assert.rejects(loadLanguage('de', new Uint8Array([1, 2, 3])), (e) => isPassPolicyError(e) && e.code === 'invalid_field' && e.path === 'language');
  assert.equal(languageLoaded('de'), false, 'a bad file loads nothing');
  await loadLanguage('en');
});

test('German: Schokolade and pässwörd', async () => {
  const before = PasswordPolicy.from(POLICY);
  const english = { schoko: before.check('Schokolade').strength.score, pass: before.check('pässwörd') };
  assert.ok(english.schoko >= 2, `without the pack: ${english.schoko}`);
  assert.equal(rule(english.pass, 'dictionary.common'), 'pass');

  await loadLanguage('de');
  assert.equal(languageLoaded('de'), true);
  await loadLanguage('de'); // again: a no-op
  const de = PasswordPolicy.from(POLICY, { languages: ['en', 'de'] });
  assert.ok(de.check('Schokolade').strength.score <= 1);
  const r = de.check('pässwörd');
  assert.equal(rule(r, 'dictionary.common'), 'fail');
  assert.equal(rule(r, 'strength.min'), 'fail');
  assert.equal(r.ok, false);
  assert.ok(strength('Schokolade', [], { languages: ['en', 'de'] }).score <= 1);
  // The default stays zxcvbn's English model, pack loaded or not.
  assert.equal(PasswordPolicy.from(POLICY).check('Schokolade').strength.score, english.schoko);
  assert.equal(strength('Schokolade').score, english.schoko);
  // Feedback in the policy's language comes with it.
  const fr = PasswordPolicy.from(POLICY, { languages: ['en', 'de'], locale: 'de' });
  assert.ok(fr.check('Schokolade').strength.warning.message.length > 0);
  for (const p of [before, de, fr]) p.free();
});

test('French and Spanish, from bytes given by the caller', async () => {
  const dir = require.resolve('passpolicy/package.json').replace(/package\.json$/, '');
  await loadLanguage('fr', readFileSync(`${dir}lang-fr.bin`));
  await loadLanguage('es');
  const p = PasswordPolicy.from(POLICY, { languages: ['en', 'fr', 'es'] });
  assert.equal(rule(p.check('motdepasse'), 'dictionary.common'), 'fail');
  assert.equal(rule(p.check('contraseña'), 'dictionary.common'), 'fail');
  assert.equal(rule(p.check('Gletscher-Quarz-Ofen-91'), 'dictionary.common'), 'pass');
  assert.ok(p.check('jetaime').strength.score < PasswordPolicy.from(POLICY).check('jetaime').strength.score);
  p.free();
});
