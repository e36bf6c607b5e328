// Loading of the data files (`strength.bin`, `common.bin`) and of the init() options, and the
// breach check fetched on first use, shared by the browser entries of `passpolicy` and
// `passpolicy/rules`.

/**
 * The init() argument: an options object `{ wasm?, strength?, strengthData?, commonPasswords?,
 * common? }`, or (as before the tiers) the wasm itself: a URL, a Response, bytes or a Module.
 * @param {unknown} arg
 * @returns {{ wasm?: unknown, strength?: unknown, strengthData?: unknown, commonPasswords?: unknown, common?: unknown }}
 */
export function initOptions(arg) {
  if (arg !== null && typeof arg === 'object' && Object.getPrototypeOf(arg) === Object.prototype && !('module_or_path' in arg)) {
    return /** @type {Record<string, unknown>} */ (arg);
  }
  return arg === undefined ? {} : { wasm: arg };
}

/**
 * A default file URL of the browser entries, `new URL('./file', import.meta.url)` (kept literal
 * there so that Vite and webpack builds emit the file as an asset), made to point into the
 * package again when the dev server of Vite 5 to 7 serves this code pre-bundled from
 * `node_modules/.vite/deps/`: the files are not copied there, the server answers index.html for
 * them, and users had to set `optimizeDeps.exclude` (https://github.com/vitejs/vite/issues/8427).
 * The package sits beside that cache dir, in `node_modules/passpolicy/`, where Vite 8 (whose
 * pre-bundler rewrites such URLs itself) points them too. Any other URL (a build, webpack,
 * esbuild, no bundler, Vite 8) is returned as is. (A custom `cacheDir`, or the package hoisted to
 * another node_modules than the cache's, still needs `optimizeDeps.exclude: ['passpolicy']`.)
 * @param {URL} url
 * @returns {URL}
 */
export function packageUrl(url) {
  const deps = '/node_modules/.vite/deps/';
  const at = url.pathname.lastIndexOf(deps);
  if (at < 0) return url;
  return new URL(`${url.pathname.slice(0, at)}/node_modules/passpolicy/${url.pathname.slice(at + deps.length)}`, url);
}

/**
 * The URL of data file `name` in the folder of the wasm, when the wasm was given as a URL
 * (string or `URL`): whoever moved the wasm moved the files beside it. Else undefined.
 * @param {unknown} wasm
 * @param {string} name
 * @returns {URL | undefined}
 */
export function besideWasm(wasm, name) {
  if (typeof wasm !== 'string' && !(wasm instanceof URL)) return undefined;
  try {
    const base = /** @type {{ document?: { baseURI?: string } }} */ (globalThis).document?.baseURI ?? import.meta.url;
    return new URL(name, new URL(wasm, base));
  } catch {
    return undefined;
  }
}

/**
 * Bytes of a data file: given as bytes, or fetched from a URL (string or `URL`), a `Request`, a
 * `Response` or a promise of one. A failed fetch or a non-2xx status rejects with a
 * `PassPolicyError` of code `load_failed` naming the file.
 * @param {unknown} src
 * @param {string} name
 * @returns {Promise<Uint8Array>}
 */
export async function dataBytes(src, name) {
  if (src instanceof Uint8Array) return src;
  if (src instanceof ArrayBuffer) return new Uint8Array(src);
  let response;
  try {
    response = await src;
    if (typeof Response === 'undefined' || !(response instanceof Response)) response = await fetch(/** @type {RequestInfo} */ (response));
  } catch (e) {
    throw loadFailed(name, `could not be fetched (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!response.ok) throw loadFailed(name, `could not be fetched (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * @param {string} name
 * @param {string} message
 */
function loadFailed(name, message) {
  const e = new Error(`${name}: ${message}`);
  e.name = 'PassPolicyError';
  return Object.assign(e, { code: 'load_failed', path: name });
}

// The breach check is fetched on first use: a page that never calls it does not download it.
const breach = () => import('./breach.js');

/**
 * How often `password` appears in a Pwned Passwords range API (only 5 hex characters of its
 * SHA-1 leave the page): `{ breached, count }`. See `breach.js`.
 * @param {unknown} password
 * @param {unknown} [options]
 */
export async function checkBreached(password, options) {
  return (await breach()).checkBreached(password, options);
}

/**
 * Adds `checkWithBreach(password, context, options)` to a tier's `PasswordPolicy`: the count
 * looked up (importing `breach.js` on first use), then the tier's synchronous `method`.
 * @param {{ prototype: object }} PasswordPolicy
 * @param {'check' | 'checkRules'} method
 */
export function addCheckWithBreach(PasswordPolicy, method) {
  Object.defineProperty(PasswordPolicy.prototype, 'checkWithBreach', {
    configurable: true,
    writable: true,
    value: async function checkWithBreach(/** @type {unknown} */ password, /** @type {unknown} */ context, /** @type {unknown} */ options) {
      return (await breach()).checkWithBreachOf(this, method, password, context, options);
    },
  });
}

/**
 * Runs `start` once; a rejected run is forgotten so that a later call can retry.
 * @template T
 * @param {() => Promise<T>} start
 * @returns {() => Promise<T>}
 */
export function once(start) {
  /** @type {Promise<T> | undefined} */
  let p;
  return () => {
    p ??= start().catch((e) => {
      p = undefined;
      throw e;
    });
    return p;
  };
}
