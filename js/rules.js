// passpolicy/rules for browsers and bundlers: the small download a signup page needs before its
// first check. A canonical policy (normalize vendor documents with `passpolicy`, in Node or on
// your server), every rule but `strength.min`, English messages with your overrides.
//
//   import { init, PasswordPolicy, ready } from 'passpolicy/rules';
//   await init();                                   // fetches passpolicy_rules_bg.wasm beside this file
//   const policy = PasswordPolicy.from(canonical);  // a policy with dictionary.common starts
//                                                   // fetching common.bin; the rule is
//                                                   // `unchecked` until ready() resolves
//   policy.checkRules(password, context);
//
// `init({ wasm, commonPasswords, common: true })`: where your bundler put the files; `common:
// true` loads the common-password list up front.
import initWasm, { PasswordPolicy, initSync as initWasmSync, loadCommonPasswords } from './passpolicy_rules.js';
import { addCheckWithBreach, besideWasm, dataBytes, initOptions, once, packageUrl } from './data.js';

export { PasswordPolicy };
export { checkBreached } from './data.js';

// `policy.checkWithBreach(password, context, options)`: the breach count looked up (the breach
// check is fetched on first use), then checkRules().
addCheckWithBreach(PasswordPolicy, 'checkRules');

let options = initOptions(undefined);
// packageUrl(): the files of the package when Vite 5-7's dev server pre-bundled this module.
const wasmReady = once(() => initWasm({ module_or_path: options.wasm ?? packageUrl(new URL('./passpolicy_rules_bg.wasm', import.meta.url)) }));
const commonReady = once(async () => {
  const src = options.commonPasswords ?? besideWasm(options.wasm, 'common.bin') ?? packageUrl(new URL('./common.bin', import.meta.url));
  const [bytes] = await Promise.all([dataBytes(src, 'common.bin'), wasmReady()]);
  loadCommonPasswords(bytes);
});
/** @type {Promise<void> | undefined} */
let commonPromise;

/**
 * Loads and instantiates the WebAssembly module (and, with `common: true`, the common-password
 * list). The argument is an options object or, as for `passpolicy`, the wasm alone. A no-op
 * after the first successful call; a failed call can be retried.
 * @param {unknown} [arg]
 * @returns {Promise<void>}
 */
export async function init(arg) {
  options = initOptions(arg);
  // With `common: true` the list downloads beside the wasm, not after it.
  await Promise.all([wasmReady(), options.common === true ? loadCommon() : undefined]);
}

/**
 * Instantiates the module synchronously from its bytes (or a compiled `WebAssembly.Module`), or
 * from `{ wasm, commonPasswords }` with the common-password list's bytes too.
 * @param {unknown} arg
 * @returns {void}
 */
export function initSync(arg) {
  const o = initOptions(arg);
  initWasmSync({ module: o.wasm });
  if (o.commonPasswords !== undefined) loadCommonPasswords(o.commonPasswords);
}

function loadCommon() {
  commonPromise = commonReady();
  return commonPromise;
}

// A policy that asks for the common-password list starts loading it.
const compile = PasswordPolicy.from;
PasswordPolicy.from = function from(doc, fromOptions) {
  const policy = compile.call(PasswordPolicy, doc, fromOptions);
  if (policy.needsCommonPasswords) loadCommon().catch(() => {});
  return policy;
};

/**
 * Resolves once every file that a compiled policy asked for (the common-password list) is
 * loaded; at once when none was. Rejects with a `load_failed` error when one could not be
 * fetched (the next `PasswordPolicy.from()` of such a policy retries).
 * @returns {Promise<void>}
 */
export function ready() {
  return commonPromise ?? Promise.resolve();
}

/**
 * Whether `e` is an error thrown by passpolicy (a real `Error` with `code` and `path`).
 * @param {unknown} e
 * @returns {boolean}
 */
export function isPassPolicyError(e) {
  try {
    return e instanceof Error && e.name === 'PassPolicyError' && typeof (/** @type {{ code?: unknown }} */ (e).code) === 'string';
  } catch {
    return false;
  }
}
