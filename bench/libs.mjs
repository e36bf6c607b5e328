// What bench/run.mjs measures: the libraries, each with the files a browser downloads (`browser`)
// and one or more operations (`ops`). An operation's `load()` imports and initialises the library
// and returns the function that is timed (one call per password); `score(result)` extracts a
// zxcvbn score (for parity) where there is one. Imported by run.mjs and by every child process
// (bench/child.mjs), so nothing here loads a library at import time.
//
// To measure another build of ours, add an entry to OURS below (it is included when its entry
// file exists in the package directory).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commonPasswords } from './corpus.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The package directory of ours (run.mjs snapshots pkg/ and points children at the copy). */
export const PKG_DIR = process.env.PASSPOLICY_PKG ? path.resolve(process.env.PASSPOLICY_PKG) : path.join(ROOT, 'pkg');
const require = createRequire(path.join(ROOT, 'package.json'));
const version = (name) => JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
const nm = (p) => path.join(ROOT, 'node_modules', p);

/** The canonical policy of ours: length 8-64, a lower-case letter and a digit, no run of more than
 * 3, not one of the 10,000 most common passwords. The peers with rules get the same ones. */
export const POLICY = {
  version: 1,
  length: { min: 8, max: 64 },
  classes: [{ class: 'lower', min: 1 }, { class: 'digit', min: 1 }],
  maxRepeat: 3,
  dictionary: { common: true },
};

/** Our builds: `entry` (Node) and `browser` are file names in PKG_DIR. `full`: the build's check()
 * includes strength; `strength`: it exports strength(); `rulesOnly`: it has checkRules() and no
 * check(); `loadStrength`: add an operation check()
 * after `await loadStrength()`; `prepare(module)` (optional) runs once after the import. */
const OURS = [
  { id: 'passpolicy', label: 'passpolicy', entry: 'node.mjs', browser: 'browser.js', full: true, strength: true },
  {
    // The rules tier (`passpolicy/rules`; Node entry rules-node.mjs): checkRules() only, no strength.
    id: 'passpolicy-rules', label: 'passpolicy/rules', entry: 'rules-node.mjs', browser: browserEntryOf('./rules', 'rules.js'), full: false, strength: false,
    rulesOnly: true,
  },
];

/** The browser file of an export of pkg/package.json (e.g. "./rules"), or `fallback`. */
function browserEntryOf(subpath, fallback) {
  try {
    const exp = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')).exports?.[subpath];
    const file = typeof exp === 'string' ? exp : exp?.browser ?? exp?.default;
    if (typeof file === 'string') return file.replace(/^\.\//, '');
  } catch {}
  return fallback;
}

function oursLibrary(v) {
  const load = async () => {
    const m = await import(pathToFileURL(path.join(PKG_DIR, v.entry)).href);
    await v.prepare?.(m);
    return m;
  };
  const withPolicy = (method, before) => async () => {
    const m = await load();
    await before?.(m);
    const policy = m.PasswordPolicy.from(POLICY);
    return (pw) => policy[method](pw);
  };
  const ops = [];
  if (v.full) ops.push({ id: `${v.id}:check`, label: `${v.label} check()`, role: 'full', load: withPolicy('check'), score: (r) => r.strength.score });
  if (!v.full && !v.rulesOnly) ops.push({ id: `${v.id}:check`, label: `${v.label} check() (no strength)`, role: 'rules', load: withPolicy('check') });
  ops.push({ id: `${v.id}:checkRules`, label: `${v.label} checkRules()`, role: 'rules', load: withPolicy('checkRules') });
  if (v.loadStrength) {
    ops.push({
      id: `${v.id}:check+strength`, label: `${v.label} check() after loadStrength()`, role: 'full',
      load: withPolicy('check', (m) => m.loadStrength()), score: (r) => r.strength.score,
    });
  }
  if (v.strength) {
    ops.push({
      id: `${v.id}:strength`, label: `${v.label} strength()`, role: 'strength',
      load: async () => { const m = await load(); return (pw) => m.strength(pw); }, score: (r) => r.score,
    });
  }
  return { id: v.id, label: v.label, version: JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')).version, ours: true, browser: { closure: v.browser }, ops };
}

export const PEERS = [
  {
    id: 'zxcvbn', label: 'zxcvbn', version: version('zxcvbn'),
    browser: { files: [nm('zxcvbn/dist/zxcvbn.js')] },
    ops: [{
      id: 'zxcvbn', label: 'zxcvbn 4.4.2 zxcvbn()', role: 'strength',
      load: async () => { const zxcvbn = (await import('zxcvbn')).default; return (pw) => zxcvbn(pw); }, score: (r) => r.score,
    }],
  },
  {
    id: 'zxcvbn-ts', label: '@zxcvbn-ts/core', version: version('@zxcvbn-ts/core'),
    browser: {
      bundle: `import { ZxcvbnFactory } from '@zxcvbn-ts/core';
        import * as common from '@zxcvbn-ts/language-common';
        import * as en from '@zxcvbn-ts/language-en';
        export const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });`,
    },
    ops: [{
      id: 'zxcvbn-ts', label: `@zxcvbn-ts/core ${version('@zxcvbn-ts/core')} check()`, role: 'strength',
      // 7-15 ms a call on this corpus: timed on every 20th password (1,000 of 20,000) so that the
      // whole run stays within minutes; `node bench/run.mjs --full-corpus` times all of them.
      stride: 20,
      load: async () => {
        // 4.x: a factory object (3.x's zxcvbnOptions.setOptions() + zxcvbn() are gone).
        const { ZxcvbnFactory } = await import('@zxcvbn-ts/core');
        const common = await import('@zxcvbn-ts/language-common');
        const en = await import('@zxcvbn-ts/language-en');
        const z = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });
        return (pw) => z.check(pw);
      },
      score: (r) => r.score,
    }],
  },
  {
    id: 'password-validator', label: 'password-validator', version: version('password-validator'), note: 'bundle includes the 10,000-password list',
    browser: {
      bundle: `import PasswordValidator from 'password-validator';
        import common from './common-10k.json';
        export const schema = new PasswordValidator().is().min(8).has().lowercase().has().digits().is().not().oneOf(common);`,
      files: { 'common-10k.json': () => JSON.stringify(commonPasswords(10_000)) },
    },
    ops: [{
      id: 'password-validator', label: `password-validator ${version('password-validator')} validate()`, role: 'rules',
      load: async () => {
        const PasswordValidator = (await import('password-validator')).default;
        const schema = new PasswordValidator().is().min(8).has().lowercase().has().digits().is().not().oneOf(commonPasswords(10_000));
        // { list: true }: every rule is evaluated and the failed ones returned, as our report does
        // (plain validate(pw) stops at the first failure and returns a boolean).
        return (pw) => schema.validate(pw, { list: true });
      },
    }],
  },
  {
    id: 'owasp', label: 'owasp-password-strength-test', version: version('owasp-password-strength-test'),
    browser: { bundle: `export { default } from 'owasp-password-strength-test';` },
    ops: [{
      id: 'owasp', label: `owasp-password-strength-test ${version('owasp-password-strength-test')} test()`, role: 'rules',
      load: async () => { const owasp = (await import('owasp-password-strength-test')).default; return (pw) => owasp.test(pw); },
    }],
  },
];

/** Ours (the builds present in PKG_DIR) first, then the peers. */
export function libraries() {
  return [...OURS.filter((v) => fs.existsSync(path.join(PKG_DIR, v.entry))).map(oursLibrary), ...PEERS];
}
export const allOps = () => libraries().flatMap((lib) => lib.ops.map((op) => ({ ...op, lib })));
export const findOp = (id) => allOps().find((op) => op.id === id) ?? (() => { throw new Error(`unknown operation ${id}`); })();
