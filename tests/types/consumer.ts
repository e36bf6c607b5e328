// A strict TypeScript consumer of the installed package (ESM, `import`). Compiled with
// `tsc --noEmit` by scripts/test-js.sh under three configurations (nodenext with Node types,
// bundler resolution with the DOM, and a bare ES2022 lib without DOM or Node types).
import {
  init,
  detectVendor,
  normalize,
  check,
  strength,
  isPassPolicyError,
  PasswordPolicy,
  type Context,
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

export async function main(): Promise<number> {
  await init();
  const vendor: VendorId = detectVendor(meraki);
  const one = normalize(JSON.stringify(meraki), { vendor: 'meraki' });
  const list: NormalizeResult[] = normalize([{ minLength: 8 }]);
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

  // @ts-expect-error the password must be a string
  p.check(42);
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

  return [vendor, list, min, warnings, rulesOnly, failed, score, display, units, again, est, pv, json, bad].length;
}
