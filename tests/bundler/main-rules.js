// A tiny signup-form consumer of `passpolicy/rules` (the small tier), bundled by esbuild in
// bundle.test.mjs. The wasm and common.bin sit beside the bundle.
import { init, PasswordPolicy, ready } from 'passpolicy/rules';

/** A canonical policy as a server would ship it (normalized from Sumo Logic's document). */
export const CANONICAL = {
  version: 1,
  length: { min: 8, max: 128 },
  classes: [
    { class: 'lower', min: 1 },
    { class: 'upper', min: 1 },
    { class: 'digit', min: 1 },
    { class: 'symbol', min: 1 },
  ],
};

/** Checks with the rules tier; `common` adds the common-password rule (a second download). */
export async function run(wasm, common = false) {
  await init(wasm);
  const policy = PasswordPolicy.from(common ? { ...CANONICAL, dictionary: { common: true } } : CANONICAL);
  try {
    await ready();
    const weak = policy.checkRules('password');
    const strong = policy.checkRules('Tr0ub4dor&3');
    return {
      weak: { ok: weak.ok, violations: weak.violations.map((v) => v.id).sort() },
      strong: { ok: strong.ok, violations: strong.violations.map((v) => v.id) },
      family: policy.checkRules('👨‍👩‍👧').length,
      minlength: policy.htmlAttributes().minlength,
    };
  } finally {
    policy.free();
  }
}
