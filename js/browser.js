// passpolicy for browsers and bundlers (ES module, no top-level await).
//
//   import { init, PasswordPolicy } from 'passpolicy';
//   await init();                        // fetches passpolicy_bg.wasm next to this file
//   await init(urlOrBytesOrModule);      // or from where your bundler put it
//
// Call (and await) `init()` once before anything else; later calls return at once.
import initWasm from './passpolicy.js';

export { PasswordPolicy, check, detectVendor, normalize, strength } from './passpolicy.js';

/**
 * Loads and instantiates the WebAssembly module. `wasm` may be a URL (string or `URL`), a
 * `Response` or a promise of one, bytes, or a compiled `WebAssembly.Module`; the default is the
 * `passpolicy_bg.wasm` beside this file (the literal `new URL(…, import.meta.url)` lets Vite and
 * webpack emit the asset). A no-op after the first successful call; a failed call can be retried.
 * @param {string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module} [wasm]
 * @returns {Promise<void>}
 */
export async function init(wasm) {
  await initWasm({ module_or_path: wasm ?? new URL('./passpolicy_bg.wasm', import.meta.url) });
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
