// A signup page of the small tier, `passpolicy/rules`, built by Vite and webpack in
// vite.test.mjs and webpack.test.mjs: init() with no argument (the package's defaults, no
// bundler configuration); `?common` in the page URL compiles a policy with dictionary.common.
import { init, PasswordPolicy, ready } from 'passpolicy/rules';

const CANONICAL = {
  version: 1,
  length: { min: 8, max: 128 },
  classes: [
    { class: 'lower', min: 1 },
    { class: 'upper', min: 1 },
    { class: 'digit', min: 1 },
    { class: 'symbol', min: 1 },
  ],
};

async function run() {
  const common = new URLSearchParams(location.search).has('common');
  await init();
  const policy = PasswordPolicy.from(common ? { ...CANONICAL, dictionary: { common: true } } : CANONICAL);
  try {
    await ready();
    const weak = policy.checkRules('password');
    const strong = policy.checkRules('Tr0ub4dor&3');
    return {
      weak: { ok: weak.ok, violations: weak.violations.map((v) => v.id).sort() },
      strong: { ok: strong.ok, violations: strong.violations.map((v) => v.id) },
      minlength: policy.htmlAttributes().minlength,
    };
  } finally {
    policy.free();
  }
}

run().then(
  (r) => { window.result = r; document.title = 'ok:'; },
  (e) => { window.result = String((e && e.stack) || e); document.title = 'error:'; },
);
