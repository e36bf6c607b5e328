// A page of the root import, `passpolicy`, built by Vite and webpack in vite.test.mjs and
// webpack.test.mjs: init({ strength: 'background' }) (the package's default URLs, no bundler
// configuration), the rules at once, then the strength score once strengthReady() resolves.
import { init, PasswordPolicy, strengthReady } from 'passpolicy';

const SUMO_LOGIC = {
  minLength: 8, maxLength: 128,
  mustContainLowercase: true, mustContainUppercase: true, mustContainDigits: true, mustContainSpecialChars: true,
};

async function run() {
  await init({ strength: 'background' });
  const policy = PasswordPolicy.from(SUMO_LOGIC);
  try {
    const early = policy.checkRules('password');
    await strengthReady();
    const weak = policy.check('password');
    const strong = policy.check('Tr0ub4dor&3');
    return {
      vendor: policy.vendor,
      early: early.violations.map((v) => v.id).sort(),
      weak: { ok: weak.ok, violations: weak.violations.map((v) => v.id).sort(), score: weak.strength?.score },
      strong: { ok: strong.ok, violations: strong.violations.map((v) => v.id), scored: typeof strong.strength?.score === 'number' },
    };
  } finally {
    policy.free();
  }
}

run().then(
  (r) => { window.result = r; document.title = 'ok:'; },
  (e) => { window.result = String((e && e.stack) || e); document.title = 'error:'; },
);
