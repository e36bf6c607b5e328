'use strict';
// passpolicy for Node.js, CommonJS (`require('passpolicy')`). The wasm-bindgen nodejs glue
// (`passpolicy.cjs`) reads and instantiates passpolicy_bg.wasm synchronously when first required,
// so `init()` has nothing to do; it exists so that the same code runs in browsers. The ES module
// entry (`node.mjs`) re-exports this file: `import` and `require` share one instance.
const fs = require('node:fs');
const path = require('node:path');
const glue = require('./passpolicy.cjs');
const breach = require('./breach.cjs');

// The data files that browsers fetch separately are read from the package at once.
glue.loadCommonPasswords(fs.readFileSync(path.join(__dirname, 'common.bin')));
glue.loadStrengthData(fs.readFileSync(path.join(__dirname, 'strength.bin')));

exports.PasswordPolicy = glue.PasswordPolicy;
exports.check = glue.check;
exports.detectVendor = glue.detectVendor;
exports.normalize = glue.normalize;
exports.strength = glue.strength;
exports.languageLoaded = glue.languageLoaded;

/**
 * Loads a language pack (`de`, `fr`, `es`) from the package, or from `source` (its bytes); `en`
 * is always loaded in Node. Then choose it: `PasswordPolicy.from(doc, { languages: ['en', 'de'] })`.
 * @param {string} code
 * @param {Uint8Array} [source]
 * @returns {Promise<void>}
 */
exports.loadLanguage = async function loadLanguage(code, source) {
  if (code === 'en') return;
  if (code !== 'de' && code !== 'fr' && code !== 'es') {
    const e = new Error(`language: expected 'en', 'de', 'fr' or 'es', got ${typeof code === 'string' ? JSON.stringify(code.slice(0, 16)) : typeof code}`);
    e.name = 'PassPolicyError';
    throw Object.assign(e, { code: 'invalid_field', path: 'language' });
  }
  if (glue.languageLoaded(code)) return;
  const bytes = source ?? (await fs.promises.readFile(path.join(__dirname, `lang-${code}.bin`)));
  glue.loadLanguage(bytes);
};

// `policy.checkWithBreach(password, context, options)`: the breach count looked up, then check().
breach.addCheckWithBreach(glue.PasswordPolicy, 'check');
exports.checkBreached = breach.checkBreached;

/**
 * A no-op in Node (the module is ready once required). Accepts and ignores the browser's argument.
 * @param {unknown} [_wasm]
 * @returns {Promise<void>}
 */
exports.init = async function init(_wasm) {};

/**
 * A no-op in Node (the module is ready once required). Accepts and ignores the browser's argument.
 * @param {unknown} [_options]
 * @returns {void}
 */
exports.initSync = function initSync(_options) {};

/**
 * Resolved: in Node the strength dictionaries are loaded when the module is required.
 * @returns {Promise<void>}
 */
exports.strengthReady = async function strengthReady() {};

/**
 * Whether `e` is an error thrown by passpolicy (a real `Error` with `code` and `path`).
 * @param {unknown} e
 * @returns {boolean}
 */
exports.isPassPolicyError = function isPassPolicyError(e) {
  // A Proxy's traps can throw inside `instanceof` and the property reads: never let them out.
  try {
    return e instanceof Error && e.name === 'PassPolicyError' && typeof e.code === 'string';
  } catch {
    return false;
  }
};
