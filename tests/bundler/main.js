// A tiny browser consumer of passpolicy, bundled by esbuild in bundle.test.mjs. esbuild does not
// emit the wasm for `new URL(…, import.meta.url)`, so the test copies
// `passpolicy/passpolicy_bg.wasm` next to the bundle and the page passes its URL to init().
import { init, PasswordPolicy } from 'passpolicy';

const SUMO_LOGIC = {
  minLength: 8, maxLength: 128,
  mustContainLowercase: true, mustContainUppercase: true, mustContainDigits: true, mustContainSpecialChars: true,
};

/** Loads the wasm from `wasm` (URL or bytes), checks two passwords, returns a summary. */
export async function run(wasm) {
  await init(wasm);
  await init(wasm); // a no-op the second time
  const policy = PasswordPolicy.from(SUMO_LOGIC);
  try {
    const weak = policy.check('password');
    const strong = policy.check('Tr0ub4dor&3');
    return {
      vendor: policy.vendor,
      weak: { ok: weak.ok, violations: weak.violations.map((v) => v.id).sort(), score: weak.strength.score },
      strong: { ok: strong.ok, violations: strong.violations.map((v) => v.id) },
      family: policy.checkRules('👨‍👩‍👧').length,
    };
  } finally {
    policy.free();
  }
}
