// Type declarations of passpolicy, written by hand (the build checks that they declare every
// export of the wasm module). The same file ships as index.d.ts (import) and index.d.cts (require).

// ---------------------------------------------------------------------------------------------
// Inputs

/** Vendor ids, as `detectVendor` returns them and `{ vendor }` accepts them (the build writes this list from the ids of `ADAPTERS` in src/vendors/mod.rs). */
export type VendorId = 'meraki' | 'sailpoint' | 'sumologic' | 'scaleway' | 'longjump' | 'aws-iam' | 'aws-cognito' | 'okta' | 'auth0' | 'keycloak' | 'passwordrules' | 'firebase' | 'supabase' | 'pingone' | 'active-directory' | 'entra' | 'kratos' | 'fusionauth' | 'zitadel' | 'canonical';

/**
 * A vendor document: its JSON text, XML text (LongJump, the AWS IAM Query API), or the parsed JSON
 * as a plain object (or array, for a list endpoint: SailPoint, Okta, Auth0, Keycloak). Objects go through `JSON.stringify`; a `Map`, `Set`,
 * function, BigInt or cycle is rejected with an `invalid_field` error at path `doc`.
 */
export type PolicyDocument = string | object;

/** Options objects are closed: a key not declared here is an `invalid_field` error at `options.<key>`. */
export interface NormalizeOptions {
  /** Skip detection and read the document as this vendor's. */
  vendor?: VendorId;
}

export interface FromOptions extends NormalizeOptions {
  /** Which policy of a list document (a SailPoint, Okta, Auth0 or Keycloak list) to compile; required when it holds several. */
  index?: number;
  /** Language of every message: `en`, `de`, `fr`, `es` (a tag such as `de-CH` falls back to `de`; anything else to English). */
  locale?: string;
  /**
   * Overrides of message templates by their stable code (`rule.length.min`, `zxcvbn.warning.topTen`, …:
   * a report's `RuleResult.code`); a key that is no code is an `invalid_field` error at `messages.<key>`.
   */
  messages?: Readonly<Record<string, string>>;
  /**
   * The word lists of the common-password rule and the strength estimate (default `['en']`:
   * zxcvbn 4.4.2's English model). A language beyond English adds its pack (load it first with
   * `loadLanguage`, else a `not_ready` error at `languages`) and folds diacritics in the
   * dictionary matching (`pässwörd` is read as `password`).
   */
  languages?: readonly LanguageCode[];
}

/** A language of the word lists: `en` (zxcvbn's English lists), `de`, `fr`, `es` (language packs). */
export type LanguageCode = 'en' | 'de' | 'fr' | 'es';

/** Options of `strength`. */
export interface StrengthOptions {
  /** As `FromOptions.languages`. */
  languages?: readonly LanguageCode[];
}

/** Options of `describe`. */
export interface DescribeOptions {
  /** The language of the sentences (`en`, `de`, `fr`, `es`; as `FromOptions.locale`); default: the policy's. */
  locale?: string;
}

/** One sentence of a description. */
export interface Sentence {
  /** Stable message code, the same in every language. */
  code: string;
  /** Canonical path of the field described (`length.min`, `settings.expiry.maxAgeSeconds`). */
  field: string;
  text: string;
}

/** The policy as sentences a person reads. */
export interface Description {
  locale: 'en' | 'de' | 'fr' | 'es';
  rules: Sentence[];
  settings: Sentence[];
}

/** Options of `generate`. */
export interface GenerateOptions {
  /** In the policy's length unit; default: the larger of the policy's minimum and 20, capped by its maximum. */
  length?: number;
  /** How many passwords (default 1). */
  count?: number;
  /** `ambiguous` leaves out `I`, `l`, `1`, `O`, `0`. */
  exclude?: 'ambiguous';
  /** The user's data, for the context, dictionary and history rules. */
  context?: Context;
}

/** Generated passwords. */
export interface Generated {
  passwords: string[];
  length: number;
  /** The characters free positions were drawn from. */
  alphabet: string;
  alphabetSize: number;
  /** A lower bound on the entropy of each password, in bits. */
  entropyBits: number;
}

/** An Apple `passwordrules` value. */
export interface PasswordRulesOut {
  rules: string;
  /** Rules of the policy the language cannot express exactly: `path: what was done`. */
  unsupported: string[];
}

/** Attributes for `<input type="password">`. */
export interface HtmlAttributes {
  minlength?: number;
  maxlength?: number;
  passwordrules: string;
  autocomplete: 'new-password';
  /** Only when exact. */
  pattern?: string;
}

/**
 * What the caller knows about the user. Values are matched case-insensitively, whole and word by
 * word; they never appear in a report or an error. Unknown keys are an `invalid_field` error.
 */
export interface Context {
  username?: string | null;
  email?: string | null;
  accountId?: string | null;
  accountName?: string | null;
  /** Other attributes of the user or account, by name (`displayName`, `phone`, …). */
  attributes?: Readonly<Record<string, string>>;
  /** Previous passwords, most recent first (for the history rule). */
  previousPasswords?: readonly string[];
  /** Words for the custom dictionary rule (e.g. the organisation's uploaded dictionary). */
  dictionary?: readonly string[];
  /**
   * How many times the password was found in known data breaches (a non-negative integer), for
   * the `dictionary.breached` rule, which is `unchecked` without it. `checkWithBreach` sets it
   * from a range lookup; a server that already knows the count can pass it.
   */
  breachCount?: number | null;
}

/** The instance type of a global constructor when the consumer's environment has one, else `never`. */
type GlobalInstance<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;

/**
 * Where `init` gets the WebAssembly module: a URL (string or `URL`), a `Request`, a `Response`
 * (or a promise of one), the bytes, or a compiled `WebAssembly.Module`.
 */
export type InitInput =
  | string
  | GlobalInstance<'URL'>
  | GlobalInstance<'Request'>
  | GlobalInstance<'Response'>
  | PromiseLike<GlobalInstance<'Response'>>
  | ArrayBuffer
  | ArrayBufferView
  | WasmModule;

/** Where a data file comes from: a URL, a `Request`, a `Response` (or a promise of one), or its bytes. */
export type DataInput =
  | string
  | GlobalInstance<'URL'>
  | GlobalInstance<'Request'>
  | GlobalInstance<'Response'>
  | PromiseLike<GlobalInstance<'Response'>>
  | ArrayBuffer
  | Uint8Array;

/**
 * What `initSync` takes: the wasm's bytes or compiled module, alone or with the data files'
 * bytes (`strengthData`: `passpolicy` only). In Node it is ignored (the module is ready once imported).
 */
export interface InitSyncOptions {
  wasm: ArrayBuffer | ArrayBufferView | WasmModule;
  commonPasswords?: Uint8Array;
  strengthData?: Uint8Array;
}

/** Options of `init()`: where the files are (default: beside the module) and when to load strength. */
export interface InitOptions {
  /** The wasm module (default: `passpolicy_bg.wasm`, or `passpolicy_rules_bg.wasm` for `passpolicy/rules`). */
  wasm?: InitInput;
  /** The common-password list (default: `common.bin`). */
  commonPasswords?: DataInput;
  /** The strength dictionaries (default: `strength.bin`; `passpolicy` only). */
  strengthData?: DataInput;
  /**
   * `'await'` (default): `init()` resolves once the strength dictionaries are loaded too.
   * `'background'`: `init()` resolves once the rules can run; until `strengthReady()` resolves,
   * `check()` has no `strength` and reports `strength.min` as `unchecked`. (`passpolicy` only.)
   */
  strength?: 'await' | 'background';
  /** `passpolicy/rules`: load the common-password list in `init()` rather than when a policy asks for it. */
  common?: boolean;
}

// ---------------------------------------------------------------------------------------------
// The canonical policy (what `normalize(...).policy` and `PasswordPolicy#toJSON()` return)

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type CharClass = 'lower' | 'upper' | 'digit' | 'symbol' | 'letter' | 'otherLetter';

/** A set of characters: the union of whole classes, literal characters and code point ranges. */
export interface CharSet {
  classes?: CharClass[];
  /** Literal characters. */
  chars?: string;
  /** Inclusive code point ranges, e.g. `[[128, 1114111]]` for everything outside ASCII. */
  ranges?: [number, number][];
}

/** How length is counted: grapheme clusters (default), code points, or UTF-16 units (JS `.length`). */
export type LengthUnit = 'graphemes' | 'codePoints' | 'utf16';

export interface Length {
  min?: number;
  max?: number;
  /** Absent: `graphemes`. */
  unit?: LengthUnit;
}

export interface ClassMin {
  class: CharClass;
  min: number;
}

export interface SetMin {
  name?: string;
  chars: CharSet;
  min: number;
}

/** One requirement of an N-of-M rule: `min` characters of a class, or of a custom set. */
export interface Requirement {
  class?: CharClass;
  chars?: CharSet;
  name?: string;
  min: number;
}

/** At least `required` of the requirements in `of` must hold. */
export interface TypesRule {
  required: number;
  of: Requirement[];
}

/** `whole`: the password equals the entry; `substring`: it contains it. */
export type MatchMode = 'whole' | 'substring';

export interface CustomDictionary {
  words?: string[];
  match: MatchMode;
  minWordLength?: number;
  /**
   * Characters read as others, after lower-casing, in the password and the words alike (one
   * character each): `{ "0": "o", "1": "l", "$": "s", "@": "a" }` is Entra's normalization.
   */
  substitutions?: Record<string, string>;
  /**
   * Fuzzy matching (`match: 'substring'` only): `1` also finds a word one edit away (one
   * character changed, added or removed: `abcdef` finds `abcdeg`, `abcdefg`, `abcde`), as Entra
   * does. `0` (the default) or `1`.
   */
  editDistance?: number;
  /**
   * Entra's score (`match: 'substring'` only): the words found, left to right without overlap
   * (exact matches first), count one point each and every other character one point; a password
   * holding words still passes with at least this many points (Entra: 5). The rule reports
   * `required` = `minScore`, `actual` = the points. Absent: any word found fails.
   */
  minScore?: number;
}

export interface Dictionary {
  /** Reject passwords in the built-in common-password list. */
  common?: boolean;
  custom?: CustomDictionary;
}

export interface ContextCheck {
  match: MatchMode;
  minTokenLength: number;
  /**
   * Where the value is cut into tokens: absent, at every character that is not a letter or digit
   * (the words joined are a token too); present, the whole value and the parts between these
   * characters only (`""`: the whole value only).
   */
  delimiters?: string;
}

export interface AttributeCheck {
  /** The attribute names to check; absent means every attribute the caller passes. */
  names?: string[];
  match: MatchMode;
  minTokenLength: number;
  /** As `ContextCheck.delimiters`. */
  delimiters?: string;
  /** As `CustomDictionary.substitutions`, in the password and the values alike. */
  substitutions?: Record<string, string>;
}

export interface ContextRules {
  username?: ContextCheck;
  email?: ContextCheck;
  accountId?: ContextCheck;
  accountName?: ContextCheck;
  attributes?: AttributeCheck;
}

export interface History {
  count: number;
  /** Present (false) when the document carries the number but does not enforce it. */
  enforced?: boolean;
}

export interface Source {
  vendor?: string;
  id?: string;
  name?: string;
  description?: string;
}

export interface Expiry {
  enforced?: boolean;
  maxAgeSeconds?: number;
  minAgeSeconds?: number;
  reminderSeconds?: number;
  renewOnFirstLogin?: boolean;
  gracePeriodSeconds?: number;
  excludedUsers?: string[];
}

export interface Lockout {
  enforced?: boolean;
  threshold?: number;
  durationSeconds?: number;
  untilUnlocked?: boolean;
  resetWindowSeconds?: number;
}

export interface Session {
  enforced?: boolean;
  idleTimeoutSeconds?: number;
  maxDurationSeconds?: number;
}

export interface Mfa {
  required?: boolean;
  remember?: boolean;
  requiredForPasswordChange?: boolean;
  requiredOffNetwork?: boolean;
  requiredUntrustedGeographies?: boolean;
}

export interface IpRestriction {
  enabled: boolean;
  ranges?: string[];
}

export interface Network {
  enforced?: boolean;
  loginIpRanges?: string[];
  apiKeyIpRanges?: IpRestriction;
}

export interface ApiKeys {
  maxExpirationSeconds?: number;
}

/** What the vendor does when it finds a password in known data breaches (the check itself is the policy's `breached` rule). */
export interface Breached {
  /** The password expires this long after it is found in a breach (`0`: at once). */
  expireAfterSeconds?: number;
  /** The user's sessions end when the password is found in a breach. */
  logout?: boolean;
}

/** The breached-password rule. */
export interface BreachedRule {
  /** The highest breach count still accepted (default 0: any password found in a breach fails). */
  max?: number;
}

/** Settings a password alone cannot be checked against (durations in seconds). */
export interface Settings {
  expiry?: Expiry;
  lockout?: Lockout;
  session?: Session;
  mfa?: Mfa;
  network?: Network;
  apiKeys?: ApiKeys;
  breached?: Breached;
}

/** The canonical policy (version 1). Absent fields are rules the policy does not have. */
export interface Policy {
  version: number;
  source?: Source;
  length?: Length;
  classes?: ClassMin[];
  sets?: SetMin[];
  types?: TypesRule[];
  /** What counts as a `symbol`; absent: anything but letters, digits and control characters. */
  symbols?: CharSet;
  allowed?: CharSet;
  forbidden?: CharSet;
  /**
   * The fewest distinct characters (at least 1): grapheme clusters compared exactly as given, so
   * `a` and `A` are two and a decomposed `é` is one; `5` rejects `aaaabbbb`.
   */
  minUnique?: number;
  /** The longest allowed run of one repeated character. */
  maxRepeat?: number;
  /**
   * The longest allowed sequence (at least 2): letters or digits `0`–`9` ascending or descending
   * by one code point (`abc`, `CBA`, `321`; letters case-insensitively), so `2` rejects `abc`.
   */
  maxSequence?: number;
  dictionary?: Dictionary;
  /** The password may not be found in known data breaches more than `max` times (rule `dictionary.breached`). */
  breached?: BreachedRule;
  context?: ContextRules;
  history?: History;
  /** Minimum zxcvbn score. */
  minStrength?: 0 | 1 | 2 | 3 | 4;
  settings?: Settings;
  /** Vendor fields with no canonical home, keyed by their path in the vendor document. */
  vendorExtras?: Record<string, JsonValue>;
}

export type WarningCode = 'unknown_field' | 'out_of_range' | 'not_checkable' | 'defaulted' | 'approximation' | 'inactive' | 'ignored' | 'duplicate_key' | 'deprecated';

/** A remark of the adapter about the vendor document. */
export interface Warning {
  code: WarningCode;
  /** Path of the field in the vendor document (`[0].minLength`, `platform.passwordPolicy.try_limit`). */
  path: string;
  message: string;
}

export interface NormalizeResult {
  vendor: VendorId;
  policy: Policy;
  warnings: Warning[];
}

// ---------------------------------------------------------------------------------------------
// Reports

export type RuleId =
  | 'length.min'
  | 'length.max'
  | 'chars.lower'
  | 'chars.upper'
  | 'chars.digit'
  | 'chars.symbol'
  | 'chars.letter'
  | 'chars.otherLetter'
  | 'chars.set'
  | 'chars.types'
  | 'chars.allowed'
  | 'chars.unique'
  | 'repeat.max'
  | 'sequence.max'
  | 'dictionary.common'
  | 'dictionary.breached'
  | 'dictionary.custom'
  | 'context.username'
  | 'context.email'
  | 'context.accountId'
  | 'context.accountName'
  | 'context.attribute'
  | 'history.reuse'
  | 'strength.min';

/** `unchecked`: the context lacks what the rule needs (e.g. history without previous passwords, `dictionary.breached` without `breachCount`). */
export type RuleStatus = 'pass' | 'fail' | 'unchecked';

export interface RuleResult {
  id: RuleId;
  status: RuleStatus;
  message: string;
  /**
   * The code of `message` in the catalogue (`rule.length.min`, `rule.repeat.max`): the key to
   * override it with in `FromOptions.messages`. A plural code stands for both of its forms.
   */
  code: string;
  /** The number the rule asks for (minimum, maximum, N of an N-of-M rule, score). */
  required?: number;
  /** The number the password has. */
  actual?: number;
  /** Position among the rules with the same id (`chars.set`, `chars.types` may repeat). */
  index?: number;
}

export interface LengthCounts {
  graphemes: number;
  codePoints: number;
  /** UTF-16 code units (JavaScript's `.length`). */
  utf16: number;
}

export interface Analyzed {
  /** False when the password is longer than the analysis limit (4096 code points). */
  complete: boolean;
  codePoints: number;
}

export type StrengthWarningCode =
  | 'straightRow'
  | 'keyPattern'
  | 'simpleRepeat'
  | 'extendedRepeat'
  | 'topTen'
  | 'topHundred'
  | 'common'
  | 'similarToCommon'
  | 'sequences'
  | 'recentYears'
  | 'wordByItself'
  | 'dates'
  | 'namesByThemselves'
  | 'commonNames';

export type SuggestionCode =
  | 'useWords'
  | 'noNeed'
  | 'anotherWord'
  | 'capitalization'
  | 'allUppercase'
  | 'reverseWords'
  | 'l33t'
  | 'longerKeyboardPattern'
  | 'repeated'
  | 'sequences'
  | 'recentYears'
  | 'associatedYears'
  | 'dates';

export interface Feedback<C extends string> {
  code: C;
  message: string;
}

export interface CrackTimes<T> {
  onlineThrottling100PerHour: T;
  onlineNoThrottling10PerSecond: T;
  offlineSlowHashing1e4PerSecond: T;
  offlineFastHashing1e10PerSecond: T;
}

/** A zxcvbn estimate. */
export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  guessesLog10: number;
  crackTimesSeconds: CrackTimes<number>;
  crackTimesDisplay: CrackTimes<string>;
  warning?: Feedback<StrengthWarningCode>;
  suggestions: Feedback<SuggestionCode>[];
  /** The estimator looks at no more than this many leading code points (100). */
  analyzedCodePoints: number;
}

/** The report of `checkRules`: every rule, without the strength estimate. */
export interface RulesReport {
  /** True when no rule failed. */
  ok: boolean;
  rules: RuleResult[];
  /** The failed rules, in the same order. */
  violations: RuleResult[];
  length: LengthCounts;
  analyzed: Analyzed;
}

/** The report of `check`: every rule and the strength estimate. */
export interface Report extends RulesReport {
  /**
   * The strength estimate. Always there after `await init()`; absent only while the dictionaries
   * are still loading after `init({ strength: 'background' })` (see `strengthReady()`).
   */
  strength: Strength;
}

// ---------------------------------------------------------------------------------------------
// Errors

export type PassPolicyErrorCode =
  | 'invalid_json'
  | 'invalid_xml'
  | 'unknown_vendor'
  | 'ambiguous_vendor'
  /** The `vendor` option does not fit the document (`path: 'vendor'`): the message says what it looks like. */
  | 'vendor_mismatch'
  | 'invalid_field'
  | 'unsatisfiable'
  /**
   * An input over a limit (see the README's Limits), or the WebAssembly memory exhausted: then the
   * module instance has been replaced by a fresh one, and policies compiled before throw a
   * `TypeError` (compile them again).
   */
  | 'too_large'
  /** `strength()` before the strength dictionaries have loaded (`init({ strength: 'background' })`). */
  | 'not_ready'
  /** `init()`: a data file or the wasm could not be fetched. */
  | 'load_failed'
  /** In a browser, a call before `await init()` (or `initSync()`) has loaded the module. */
  | 'not_initialized'
  /** A bug of ours (a trap in the WebAssembly module); the instance was replaced as for `too_large`. */
  | 'internal'
  /** `checkBreached`: the range API could not be reached, did not answer within `timeoutMs`, or the call was aborted (`path: 'endpoint'`). */
  | 'network'
  /** `checkBreached`: the range API answered something else than a range (not 200, empty, malformed, too large; `path: 'endpoint'`). */
  | 'bad_response';

/** What every function here throws: a real `Error` with a stable `code` and the input `path`. */
export interface PassPolicyError extends Error {
  name: 'PassPolicyError';
  code: PassPolicyErrorCode;
  /** Where in the input (`minLength`, `[0].maxRepeatedChars`, `password`, `context.email`), or null. */
  path: string | null;
}

/** Options of `checkBreached` and `checkWithBreach`. */
export interface BreachOptions {
  /** A Pwned Passwords range API: `GET {endpoint}/{prefix}` (default `https://api.pwnedpasswords.com/range`; a trailing slash is fine). */
  endpoint?: string | GlobalInstance<'URL'>;
  /** Aborts the lookup (a `network` error). */
  signal?: GlobalInstance<'AbortSignal'>;
  /** The longest the lookup may take, from the request to the answer's last byte (default 5000). */
  timeoutMs?: number;
}

/** What a range lookup found: the number of times the password appears in known breaches. */
export interface BreachResult {
  breached: boolean;
  count: number;
}

// ---------------------------------------------------------------------------------------------
// API

/**
 * Loads the WebAssembly module and its data files. Await it once before any other call in a
 * browser; a no-op in Node and after the first successful call. The argument is the options or,
 * as before, the wasm alone.
 */
export function init(options?: InitOptions | InitInput): Promise<void>;

/**
 * Instantiates the module synchronously from bytes you already have (a browser; in Node a
 * no-op). With only the wasm, the data files stay unloaded until `init()` fetches them.
 */
export function initSync(options: InitSyncOptions | ArrayBuffer | ArrayBufferView | WasmModule): void;

/**
 * Resolves once the strength dictionaries are loaded: at once after `await init()`, later after
 * `init({ strength: 'background' })`. Rejects with a `load_failed` error when they could not be fetched.
 */
export function strengthReady(): Promise<void>;

/** Whether `e` is an error thrown by passpolicy. */
export function isPassPolicyError(e: unknown): e is PassPolicyError;

/**
 * Looks the password up in a Pwned Passwords range API: only the first 5 hex characters of its
 * SHA-1 are sent, the answer is compared locally. A failure throws (`network`, `bad_response`),
 * never reads as "not breached".
 */
export function checkBreached(password: string, options?: BreachOptions | null): Promise<BreachResult>;

/** The vendor of a document, detected from its keys (`unknown_vendor`/`ambiguous_vendor` otherwise). */
export function detectVendor(doc: PolicyDocument): VendorId;

/**
 * Normalizes a vendor document; a list document (a SailPoint, Okta, Auth0 or Keycloak list, an Auth0 connections page, an Apple quirks file)
 * gives an array. A JSON array, as an array or as text starting with `[`, or an Auth0 connections page always gives an array;
 * other text or an object gives one result or (a list) an array: narrow with `Array.isArray`.
 */
export function normalize(doc: readonly unknown[] | `[${string}`, options?: NormalizeOptions): NormalizeResult[];
export function normalize(doc: PolicyDocument, options?: NormalizeOptions): NormalizeResult | NormalizeResult[];

/** One-shot: normalize, compile and check (a list document is an error; use `PasswordPolicy.from` with `index`). */
export function check(doc: PolicyDocument, password: string, context?: Context | null): Report;

/**
 * The zxcvbn strength of a password (`check()` already includes it as `report.strength`). Known
 * words: an array of strings, or the same `context` object `check()` takes.
 */
export function strength(password: string, userInputs?: readonly string[] | Context | null, options?: StrengthOptions): Strength;

/**
 * Loads a language pack (`de`, `fr`, `es`: word frequencies, common passwords, names and, for `de`
 * and `fr`, the qwertz and azerty keyboards; each its own file, about a third of `strength.bin` gzipped), from
 * beside the wasm or from `source`; `en` resolves once the strength dictionaries are there. Then
 * choose it with `FromOptions.languages`. Rejects with `load_failed` (retry by calling again) or
 * `invalid_field` (an unknown code).
 */
export function loadLanguage(code: LanguageCode, source?: DataInput): Promise<void>;

/** Whether a language's words are loaded (`en`: the strength dictionaries). */
export function languageLoaded(code: LanguageCode): boolean;

/**
 * A policy compiled once and checked many times (e.g. on every keystroke). It lives in wasm
 * memory: call `free()` (or declare it with `using`) when done; one that is simply dropped is
 * freed by a `FinalizationRegistry` after garbage collection. Any call after `free()` throws.
 */
export class PasswordPolicy {
  private constructor();
  /** Normalizes and compiles a document. */
  static from(doc: PolicyDocument, options?: FromOptions): PasswordPolicy;
  /** The vendor the policy was normalized from. */
  readonly vendor: VendorId;
  /** The adapter's warnings (a fresh array on each read). */
  readonly warnings: Warning[];
  /** The canonical policy. */
  toJSON(): Policy;
  /** Every rule and the strength estimate (`report.strength`: the meter, no second call needed). */
  check(password: string, context?: Context | null): Report;
  /** Every rule but the strength estimate (and `strength.min`): cheaper per keystroke. */
  checkRules(password: string, context?: Context | null): RulesReport;
  /** `checkBreached`, then `check` with the count as `context.breachCount` (`dictionary.breached` decided). */
  checkWithBreach(password: string, context?: Context | null, options?: BreachOptions | null): Promise<Report>;
  /** The policy as sentences, in `options.locale` or else the policy's locale. */
  describe(options?: DescribeOptions | null): Description;
  /** Random passwords that pass every rule (CSPRNG). */
  generate(options?: GenerateOptions | null): Generated;
  /** An Apple `passwordrules` value. */
  toPasswordRules(): PasswordRulesOut;
  /** Attributes for the password `<input>`. */
  htmlAttributes(): HtmlAttributes;
  /** Releases the wasm memory now. */
  free(): void;
  [Symbol.dispose](): void;
}

declare global {
  // `Symbol.dispose` (TC39 explicit resource management), as @types/node declares it, so that
  // these declarations also compile with libs older than `esnext.disposable`.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
