// The breached-password check of both tiers: a k-anonymity lookup in a Pwned Passwords range API
// (https://haveibeenpwned.com/API/v3#PwnedPasswords, or a self-hosted mirror of it).
//
// The password is hashed here (SHA-1, Web Crypto); only the first 5 hex characters of the hash
// are sent (`GET {endpoint}/{prefix}`, with `Add-Padding: true` so that the answer's size says
// nothing either). The answer's suffixes are compared here, every line with the same work. A
// failure is thrown (`network`, `bad_response`), never read as "not breached". No password, hash
// or suffix ever goes into an error, a log or a request.
//
// Written as an ES module without imports; the build also writes it as CommonJS (breach.cjs) for
// the Node entries, so that both tiers share this one file.

export const DEFAULT_BREACH_ENDPOINT = 'https://api.pwnedpasswords.com/range';
export const DEFAULT_BREACH_TIMEOUT_MS = 5000;
/** The largest answer read (a real page is about 30-40 KB, padded ones up to ~1,000 lines). */
export const MAX_RANGE_BYTES = 4 << 20;
/** A count is a decimal number of at most this many digits (the largest known is ~10 million). */
const MAX_COUNT_DIGITS = 15;

/**
 * A `PassPolicyError` (the shape the wasm's errors have).
 * @param {string} code
 * @param {string | null} path
 * @param {string} message
 */
function breachError(code, path, message) {
  const e = new Error(message);
  e.name = 'PassPolicyError';
  return Object.assign(e, { code, path });
}

/**
 * The endpoint option as a base URL without its trailing slashes (and without a query or a
 * fragment, which would carry nothing we want to send).
 * @param {unknown} endpoint
 * @returns {string}
 */
function endpointBase(endpoint) {
  if (endpoint === undefined || endpoint === null) return DEFAULT_BREACH_ENDPOINT;
  const text = endpoint instanceof URL ? endpoint.href : endpoint;
  if (typeof text !== 'string') throw breachError('invalid_field', 'options.endpoint', `the breach endpoint must be a URL string, got ${typeof text}`);
  let url;
  try {
    url = new URL(text, /** @type {{ location?: { href?: string } }} */ (globalThis).location?.href);
  } catch {
    throw breachError('invalid_field', 'options.endpoint', 'the breach endpoint is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw breachError('invalid_field', 'options.endpoint', `the breach endpoint must be an http(s) URL, not ${url.protocol}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw breachError('invalid_field', 'options.endpoint', 'the breach endpoint may not hold a query, a fragment or credentials');
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * The options of `checkBreached`, read once.
 * @param {unknown} options
 */
export function breachOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) throw breachError('invalid_field', 'options', 'expected a plain object of options');
  const o = /** @type {Record<string, unknown>} */ (options);
  for (const key of Object.keys(o)) {
    if (key !== 'endpoint' && key !== 'signal' && key !== 'timeoutMs') {
      throw breachError('invalid_field', `options.${key}`, 'unknown option; expected endpoint, signal or timeoutMs');
    }
  }
  const timeoutMs = o.timeoutMs ?? DEFAULT_BREACH_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw breachError('invalid_field', 'options.timeoutMs', 'expected a positive number of milliseconds');
  }
  const signal = o.signal ?? undefined;
  if (signal !== undefined && !(typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal)) {
    throw breachError('invalid_field', 'options.signal', 'expected an AbortSignal');
  }
  return { endpoint: endpointBase(o.endpoint), signal: /** @type {AbortSignal | undefined} */ (signal), timeoutMs };
}

/**
 * The uppercase hex SHA-1 of the password's UTF-8, cut into the 5-character prefix that is sent
 * and the 35-character suffix that is not.
 * @param {unknown} password
 * @returns {Promise<{ prefix: string, suffix: string }>}
 */
export async function hashPassword(password) {
  if (typeof password !== 'string') throw breachError('invalid_field', 'password', `expected a string, got ${password === null ? 'null' : typeof password}`);
  // A lone surrogate would be encoded as U+FFFD: another password's hash.
  const wellFormed = /** @type {{ isWellFormed?: () => boolean }} */ (/** @type {unknown} */ (password)).isWellFormed;
  if (typeof wellFormed === 'function' ? !wellFormed.call(password) : /\p{Cs}/u.test(password)) {
    throw breachError('invalid_field', 'password', 'not well-formed UTF-16 (it holds a lone surrogate)');
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw breachError('not_ready', null, 'the breach check needs Web Crypto (crypto.subtle): a secure context in browsers, Node 20 or later');
  const digest = new Uint8Array(await subtle.digest('SHA-1', new TextEncoder().encode(password)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  hex = hex.toUpperCase();
  return { prefix: hex.slice(0, 5), suffix: hex.slice(5) };
}

/**
 * Fetches the range of `prefix` and returns its lines as `{ suffixes, counts }` (uppercase
 * suffixes and their counts, padding lines included). Bounded: at most MAX_RANGE_BYTES read,
 * within `timeoutMs` from the request to the last byte.
 * @param {string} prefix five uppercase hex characters
 * @param {{ endpoint: string, signal?: AbortSignal, timeoutMs: number }} o from breachOptions()
 * @returns {Promise<{ suffixes: string[], counts: number[] }>}
 */
export async function fetchRange(prefix, o) {
  if (!/^[0-9A-F]{5}$/.test(prefix)) throw breachError('invalid_field', 'prefix', 'expected 5 uppercase hex characters');
  const where = o.endpoint;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeoutMs);
  const onAbort = () => controller.abort();
  if (o.signal?.aborted) {
    clearTimeout(timer);
    throw breachError('network', 'endpoint', `the breach check of ${where} was aborted`);
  }
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const failed = (/** @type {unknown} */ e) => {
    if (timedOut) return breachError('network', 'endpoint', `${where} did not answer within ${o.timeoutMs} ms`);
    if (o.signal?.aborted) return breachError('network', 'endpoint', `the breach check of ${where} was aborted`);
    if (e instanceof Error && e.name === 'PassPolicyError') return e;
    // The platform's message names the failure (ECONNRESET, a CORS refusal); never our data.
    const cause = e instanceof Error ? (/** @type {{ cause?: { code?: unknown } }} */ (e).cause?.code ?? e.message) : String(e);
    return breachError('network', 'endpoint', `the breach check could not reach ${where} (${String(cause)})`);
  };
  try {
    /** @type {Response} */
    let response;
    try {
      response = await fetch(`${where}/${prefix}`, {
        method: 'GET',
        headers: { 'Add-Padding': 'true' },
        signal: controller.signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        redirect: 'follow',
      });
    } catch (e) {
      throw failed(e);
    }
    if (response.status !== 200) {
      response.body?.cancel().catch(() => {});
      throw breachError('bad_response', 'endpoint', `${where} answered HTTP ${response.status} (expected 200 with the range's lines)`);
    }
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (length > MAX_RANGE_BYTES) {
      response.body?.cancel().catch(() => {});
      throw breachError('bad_response', 'endpoint', `${where} answered ${length} bytes; a range is at most ${MAX_RANGE_BYTES}`);
    }
    let text;
    try {
      text = await boundedText(response, where);
    } catch (e) {
      throw failed(e);
    }
    return parseRange(text, where);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The body as text, reading no more than MAX_RANGE_BYTES of it.
 * @param {Response} response
 * @param {string} where
 */
async function boundedText(response, where) {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RANGE_BYTES) {
      reader.cancel().catch(() => {});
      throw breachError('bad_response', 'endpoint', `${where} answered more than ${MAX_RANGE_BYTES} bytes; a range is at most that`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The lines `SUFFIX:COUNT` of a range answer (LF or CRLF, suffixes in either case, a final line
 * ending optional). An empty answer, or any other line, is `bad_response`: the real API never
 * answers an empty page, and a half-understood page must not read as "not breached".
 * @param {string} text
 * @param {string} where
 */
export function parseRange(text, where) {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw breachError('bad_response', 'endpoint', `${where} answered an empty range (a range API never does)`);
  const suffixes = [];
  const counts = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const colon = line.indexOf(':');
    const suffix = line.slice(0, colon);
    const count = line.slice(colon + 1);
    if (colon !== 35 || !/^[0-9A-Fa-f]{35}$/.test(suffix) || !/^[0-9]+$/.test(count) || count.length > MAX_COUNT_DIGITS) {
      // The line number only: a line may be anything.
      throw breachError('bad_response', 'endpoint', `${where} answered a malformed range (line ${i + 1} is not SUFFIX:COUNT)`);
    }
    suffixes.push(suffix.toUpperCase());
    counts.push(Number(count));
  }
  return { suffixes, counts };
}

/**
 * The count of `suffix` in a parsed range (0 when absent). Every line costs the same: each
 * suffix is compared in full (no early exit), and a match only selects its count.
 * @param {{ suffixes: string[], counts: number[] }} range
 * @param {string} suffix 35 uppercase hex characters
 */
export function countIn(range, suffix) {
  let found = 0;
  for (let i = 0; i < range.suffixes.length; i++) {
    const s = range.suffixes[i];
    let diff = 0;
    for (let j = 0; j < 35; j++) diff |= s.charCodeAt(j) ^ suffix.charCodeAt(j);
    // 1 when equal, 0 otherwise, without a branch on the comparison.
    const same = 1 - ((diff | -diff) >>> 31);
    found += same * range.counts[i];
  }
  return found;
}

/**
 * Whether the password is in the breach corpus of a Pwned Passwords range API, and how often.
 * Only the first 5 hex characters of its SHA-1 leave the machine.
 * @param {unknown} password
 * @param {unknown} [options] `{ endpoint?, signal?, timeoutMs? }`
 * @returns {Promise<{ breached: boolean, count: number }>}
 */
export async function checkBreached(password, options) {
  const o = breachOptions(options);
  const { prefix, suffix } = await hashPassword(password);
  const count = countIn(await fetchRange(prefix, o), suffix);
  return { breached: count > 0, count };
}

/**
 * Adds `checkWithBreach(password, context, options)` to a tier's `PasswordPolicy`: the count
 * looked up, then the tier's synchronous `method` (`check` or `checkRules`) with it as
 * `context.breachCount`.
 * @param {{ prototype: object }} PasswordPolicy
 * @param {'check' | 'checkRules'} method
 */
export function addCheckWithBreach(PasswordPolicy, method) {
  Object.defineProperty(PasswordPolicy.prototype, 'checkWithBreach', {
    configurable: true,
    writable: true,
    value: async function checkWithBreach(/** @type {unknown} */ password, /** @type {unknown} */ context, /** @type {unknown} */ options) {
      return checkWithBreachOf(this, method, password, context, options);
    },
  });
}

/**
 * `policy.checkWithBreach(password, context, options)` of a tier whose synchronous check is
 * `method`: the password and context checked first (a bad call fails before any request), the
 * count looked up, then `method` with it as `context.breachCount`.
 * @param {unknown} policy
 * @param {'check' | 'checkRules'} method
 * @param {unknown} password
 * @param {unknown} context
 * @param {unknown} options
 */
export async function checkWithBreachOf(policy, method, password, context, options) {
  const self = /** @type {Record<string, (p: unknown, c: unknown) => unknown>} */ (policy);
  const sync = self[method];
  self.checkRules.call(policy, password, context);
  const { count } = await checkBreached(password, options);
  const base = context === undefined || context === null ? {} : context;
  if (typeof base !== 'object' || Array.isArray(base)) return sync.call(policy, password, base);
  return sync.call(policy, password, { ...base, breachCount: count });
}
