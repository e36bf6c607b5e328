// passpolicy for browsers and bundlers (ES module, no top-level await).
//
//   import { init, PasswordPolicy, strengthReady } from 'passpolicy';
//   await init();                              // the wasm, the common-password list and the
//                                              // strength dictionaries, beside this file
//   await init({ strength: 'background' });    // resolves once the rules can run; check() has
//                                              // `strength` once strengthReady() has resolved
//   await init({ wasm, strengthData, commonPasswords });  // from where your bundler put them
//
// Call (and await) `init()` once before anything else (or `initSync(bytes)`); later calls
// return at once. Before it, every export throws a `not_initialized` PassPolicyError.
import initWasm, { initSync as initWasmSync, loadCommonPasswords, loadLanguage as loadLanguageBytes, loadStrengthData } from './passpolicy.js';
import { addCheckWithBreach, besideWasm, dataBytes, initOptions, once, packageUrl } from './data.js';
import { PasswordPolicy } from './passpolicy.js';

export { PasswordPolicy, check, detectVendor, languageLoaded, normalize, strength } from './passpolicy.js';
export { checkBreached } from './data.js';

// `policy.checkWithBreach(password, context, options)`: the breach count looked up (the breach
// check is fetched on first use), then check().
addCheckWithBreach(PasswordPolicy, 'check');

let options = initOptions(undefined);
const wasmReady = once(() => initWasm({ module_or_path: options.wasm ?? packageUrl(new URL('./passpolicy_bg.wasm', import.meta.url)) }));
// A data file not given: beside the wasm when that was given as a URL, else beside this module.
// packageUrl(): the files of the package when Vite 5-7's dev server pre-bundled this module.
const commonReady = once(async () => {
  const src = options.commonPasswords ?? besideWasm(options.wasm, 'common.bin') ?? packageUrl(new URL('./common.bin', import.meta.url));
  const [bytes] = await Promise.all([dataBytes(src, 'common.bin'), wasmReady()]);
  loadCommonPasswords(bytes);
});
const strengthLoad = once(async () => {
  const src = options.strengthData ?? besideWasm(options.wasm, 'strength.bin') ?? packageUrl(new URL('./strength.bin', import.meta.url));
  // In the background the big file waits for the rules' files, so that it does not share the
  // link with them (measured on a slow link: fetched together, the first rules result waited
  // for the strength file too).
  if (options.strength === 'background') await Promise.all([wasmReady(), commonReady()]);
  const [bytes] = await Promise.all([dataBytes(src, 'strength.bin'), wasmReady()]);
  loadStrengthData(bytes);
});
/** @type {Promise<void> | undefined} */
let strengthPromise;

/**
 * Loads and instantiates the WebAssembly module and its data files. The argument is an options
 * object, or (as before) the wasm alone: a URL (string or `URL`), a `Response` or a promise of
 * one, bytes, or a compiled `WebAssembly.Module`; the defaults are the files beside this one
 * (literal `new URL(…, import.meta.url)`s, which Vite and webpack emit as assets).
 * `strength: 'background'` resolves once the rules can run and goes on loading the strength
 * dictionaries (see `strengthReady()`). A no-op after the first successful call; a failed call
 * can be retried.
 * @param {unknown} [arg]
 * @returns {Promise<void>}
 */
export async function init(arg) {
  const o = initOptions(arg);
  if (o.strength !== undefined && o.strength !== 'await' && o.strength !== 'background') {
    throw new TypeError(`init: strength must be 'await' or 'background', not ${String(o.strength)}`);
  }
  options = o;
  strengthPromise = strengthLoad();
  // Background loading reports its failure through strengthReady(), not as an unhandled rejection.
  strengthPromise.catch(() => {});
  for (const w of waiters) strengthPromise.then(w.resolve, w.reject);
  waiters = [];
  await Promise.all([wasmReady(), commonReady()]);
  if (o.strength !== 'background') await strengthPromise;
}

/**
 * Instantiates the module synchronously from bytes you already have: `initSync(wasmBytes)` (or
 * a compiled `WebAssembly.Module`), or `initSync({ wasm, commonPasswords, strengthData })` with
 * the data files' bytes (`Uint8Array`s) too; a data file left out stays unloaded (its rules are
 * `unchecked`, `strength()` throws `not_ready`) until `init()` fetches it.
 * @param {unknown} arg
 * @returns {void}
 */
export function initSync(arg) {
  const o = initOptions(arg);
  initWasmSync({ module: o.wasm });
  if (o.commonPasswords !== undefined) loadCommonPasswords(o.commonPasswords);
  if (o.strengthData !== undefined) loadStrengthData(o.strengthData);
}

/**
 * Resolves once the strength dictionaries are loaded (at once after `await init()` without
 * `strength: 'background'`); rejects with a `load_failed` error when they could not be fetched
 * (a later `init()` retries). Before `init()` it waits for it.
 * @returns {Promise<void>}
 */
export function strengthReady() {
  return strengthPromise ?? new Promise((resolve, reject) => waiters.push({ resolve, reject }));
}
/** @type {{ resolve: () => void, reject: (e: unknown) => void }[]} */
let waiters = [];

/**
 * The pack file of a language code (`lang-de.bin`), undefined for `en` (its words are
 * strength.bin); any other value is an `invalid_field` PassPolicyError at `language`.
 * @param {unknown} code
 * @returns {string | undefined}
 */
function languageFile(code) {
  if (code === 'en') return undefined;
  if (code === 'de' || code === 'fr' || code === 'es') return `lang-${code}.bin`;
  const e = new Error(`language: expected 'en', 'de', 'fr' or 'es', got ${typeof code === 'string' ? JSON.stringify(code.slice(0, 16)) : typeof code}`);
  e.name = 'PassPolicyError';
  throw Object.assign(e, { code: 'invalid_field', path: 'language' });
}

// The packs, as literal URLs so that Vite and webpack emit them as assets.
/** @type {Record<string, () => URL>} */
const LANGUAGE_URLS = {
  de: () => new URL('./lang-de.bin', import.meta.url),
  fr: () => new URL('./lang-fr.bin', import.meta.url),
  es: () => new URL('./lang-es.bin', import.meta.url),
};
/** @type {Map<string, () => Promise<void>>} */
const languageLoads = new Map();

/**
 * Loads a language pack (`de`, `fr`, `es`: word lists, common passwords and keyboard layouts for
 * the strength estimate and the common-password rule), fetched once from beside the wasm or from
 * `source` (a URL, a `Response` or bytes); `en` waits for the strength dictionaries. Then choose
 * it: `PasswordPolicy.from(doc, { languages: ['en', 'de'] })`. A failed load rejects with a
 * `load_failed` error and can be retried; an unknown code is an `invalid_field` error.
 * @param {string} code
 * @param {unknown} [source]
 * @returns {Promise<void>}
 */
export async function loadLanguage(code, source) {
  const file = languageFile(code);
  if (file === undefined) return strengthReady();
  let load = languageLoads.get(file);
  if (load === undefined) {
    load = once(async () => {
      const src = source ?? besideWasm(options.wasm, file) ?? packageUrl((LANGUAGE_URLS[code] ?? LANGUAGE_URLS.de)());
      const [bytes] = await Promise.all([dataBytes(src, file), wasmReady()]);
      loadLanguageBytes(bytes);
    });
    languageLoads.set(file, load);
  }
  return load();
}

/**
 * Whether `e` is an error thrown by passpolicy (a real `Error` with `code` and `path`).
 * @param {unknown} e
 * @returns {boolean}
 */
export function isPassPolicyError(e) {
  // A Proxy's traps can throw inside `instanceof` and the property reads: never let them out.
  try {
    return e instanceof Error && e.name === 'PassPolicyError' && typeof (/** @type {{ code?: unknown }} */ (e).code) === 'string';
  } catch {
    return false;
  }
}
