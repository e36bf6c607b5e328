// A strict TypeScript consumer of the installed package (ESM, `import`). Compiled with
// `tsc --noEmit` by scripts/test-js.sh under three configurations (nodenext with Node types,
// bundler resolution with the DOM, and a bare ES2022 lib without DOM or Node types).
import {
  init,
  initSync,
  detectVendor,
  normalize,
  check,
  strength,
  isPassPolicyError,
  loadLanguage,
  languageLoaded,
  PasswordPolicy,
  type LanguageCode,
  type Context,
  type Description,
  type NormalizeResult,
  type PassPolicyError,
  type PassPolicyErrorCode,
  type Policy,
  type Report,
  type RuleId,
  type RuleResult,
  type RulesReport,
  type Strength,
  type VendorId,
  type Warning,
} from 'passpolicy';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

const meraki = { enforceStrongPasswords: true, enforceDifferentPasswords: true, numDifferentPasswords: 3 };

function p0Describe(): Description {
  const q = PasswordPolicy.from({ version: 1 });
  const d = q.describe({ locale: 'de' });
  q.free();
  return d;
}

export async function main(): Promise<number> {
  initSync(new Uint8Array(0));
  initSync({ wasm: new Uint8Array(0), commonPasswords: new Uint8Array(0) });
  await init();
  const vendor: VendorId = detectVendor(meraki);
  const one = normalize(JSON.stringify(meraki), { vendor: 'meraki' });
  const list: NormalizeResult[] = normalize([{ minLength: 8 }]);
  // A JSON array as text is a list too: it can be mapped without narrowing.
  const fromText = normalize('[{"id":"a","minLength":8}]').map((n) => n.policy.length?.min);
  const text: string = JSON.stringify(meraki);
  const unknownShape: NormalizeResult | NormalizeResult[] = normalize(text);
  const described: Description = p0Describe();
  const first: NormalizeResult = Array.isArray(one) ? one[0]! : one;
  const policy: Policy = first.policy;
  const min: number | undefined = policy.length?.min;
  const warnings: Warning[] = first.warnings;

  const context: Context = { username: 'ann', attributes: { phone: '555' }, previousPasswords: ['old'] };
  const p = PasswordPolicy.from(meraki, { index: 0 });
  const report: Report = p.check('correct horse', context);
  const rulesOnly: RulesReport = p.checkRules('correct horse');
  const failed: RuleId[] = report.violations.map((v: RuleResult) => v.id);
  const s: Strength = report.strength;
  const score: 0 | 1 | 2 | 3 | 4 = s.score;
  const display: string = s.crackTimesDisplay.offlineFastHashing1e10PerSecond;
  const units: number = report.length.graphemes + report.length.codePoints + report.length.utf16;
  const again: Report = check(meraki, 'pw', null);
  const est: Strength = strength('pw', ['ann']);
  const pv: VendorId = p.vendor;
  const json: Policy = p.toJSON();
  p.free();
  {
    using q = PasswordPolicy.from(meraki);
    q.checkRules('x');
  }

  try {
    normalize('{');
  } catch (e: unknown) {
    if (isPassPolicyError(e)) {
      const code: PassPolicyErrorCode = e.code;
      const where: string | null = e.path;
      const err: Error = e;
      assertType<Equal<typeof e.name, 'PassPolicyError'>>();
      if (code === 'invalid_json') console.log(where, err.message);
    }
  }

  assertType<Equal<RulesReport['ok'], boolean>>();
  assertType<Equal<PassPolicyError['path'], string | null>>();
  assertType<Equal<ReturnType<typeof strength>, Strength>>();
  assertType<Equal<ReturnType<PasswordPolicy['check']>, Report>>();
  assertType<Equal<Report['rules'][number]['status'], 'pass' | 'fail' | 'unchecked'>>();
  assertType<Equal<'strength' extends keyof RulesReport ? true : false, false>>();
  assertType<Equal<RuleResult['code'], string>>();
  assertType<Equal<Extract<PassPolicyErrorCode, 'not_initialized'>, 'not_initialized'>>();
  assertType<Equal<ReturnType<typeof initSync>, void>>();
  const meter: Strength = strength('pw', { username: 'ann', attributes: { phone: '555' } });
  // Language packs: load, then choose.
  const loading: Promise<void> = loadLanguage('de');
  void loading;
  const loaded: boolean = languageLoaded('fr');
  void loaded;
  const langs: LanguageCode[] = ['en', 'de'];
  PasswordPolicy.from({ version: 1 }, { languages: langs }).free();
  const german: Strength = strength('Schokolade', [], { languages: ['en', 'de'] });
  void german;
  // @ts-expect-error only the shipped languages
  loadLanguage('it');
  // @ts-expect-error languages is an array of codes
  PasswordPolicy.from({ version: 1 }, { languages: 'de' });

  // @ts-expect-error the password must be a string
  p.check(42);
  // @ts-expect-error describe takes { locale }, no other option
  p.describe({ local: 'de' });
  // @ts-expect-error strength's context has the check() context's keys
  strength('pw', { userName: 'ann' });
  // @ts-expect-error a text that may be one policy is not typed as a list
  normalize(text).map((n) => n);
  // @ts-expect-error unknown context fields are rejected
  p.check('x', { userName: 'ann' });
  // @ts-expect-error vendor ids are a closed set
  normalize('{}', { vendor: 'okta-ish' });
  // @ts-expect-error the constructor is private: use PasswordPolicy.from
  new PasswordPolicy();
  // @ts-expect-error vendor is read-only
  p.vendor = 'meraki';
  // @ts-expect-error a Policy's minStrength is a zxcvbn score
  const bad: Policy = { version: 1, minStrength: 7 };

  return [vendor, list, fromText, unknownShape, described, meter, min, warnings, rulesOnly, failed, score, display, units, again, est, pv, json, bad].length;
}
