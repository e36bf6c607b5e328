// The API of `passpolicy/rules` (the build puts it after the shared types of index.d.ts into
// rules.d.ts and rules.d.cts).

/** Options of `PasswordPolicy.from` in `passpolicy/rules`. */
export interface RulesFromOptions {
  /** `en` only (or absent): this tier has no other language. */
  locale?: string;
  /** `canonical` only (or absent): this tier reads no vendor format. */
  vendor?: 'canonical';
  /** Overrides of message templates by their stable code (`rule.length.min`, … : `RuleResult.code`); another key is an `invalid_field` error. */
  messages?: Readonly<Record<string, string>>;
}

/**
 * Loads the WebAssembly module (and, with `common: true`, the common-password list). Await it
 * once before any other call in a browser; a no-op in Node and after the first successful call.
 */
export function init(options?: InitOptions | InitInput): Promise<void>;

/**
 * Instantiates the module synchronously from bytes you already have (a browser; in Node a
 * no-op). `InitSyncOptions.strengthData` does not apply to this tier.
 */
export function initSync(options: InitSyncOptions | ArrayBuffer | ArrayBufferView | WasmModule): void;

/**
 * Resolves once every file a compiled policy asked for (the common-password list) is loaded;
 * until then `dictionary.common` is `unchecked`. Rejects with a `load_failed` error when it could not be fetched.
 */
export function ready(): Promise<void>;

/** Whether `e` is an error thrown by passpolicy. */
export function isPassPolicyError(e: unknown): e is PassPolicyError;

/** Looks the password up in a Pwned Passwords range API (only 5 hex characters of its SHA-1 are sent). */
export function checkBreached(password: string, options?: BreachOptions | null): Promise<BreachResult>;

/**
 * A canonical policy compiled once and checked on every keystroke. It lives in wasm memory:
 * call `free()` (or declare it with `using`) when done. Any call after `free()` throws.
 */
export class PasswordPolicy {
  private constructor();
  /** Compiles a canonical policy (its JSON text or the object). */
  static from(canonical: string | Policy | object, options?: RulesFromOptions): PasswordPolicy;
  /** Always `canonical`. */
  readonly vendor: 'canonical';
  /** True while the policy's `dictionary.common` rule waits for the common-password list. */
  readonly needsCommonPasswords: boolean;
  /** The canonical policy. */
  toJSON(): Policy;
  /** Every rule of the policy but `strength.min`. */
  checkRules(password: string, context?: Context | null): RulesReport;
  /** `checkBreached`, then `checkRules` with the count as `context.breachCount`. */
  checkWithBreach(password: string, context?: Context | null, options?: BreachOptions | null): Promise<RulesReport>;
  /** Attributes for the password `<input>`. */
  htmlAttributes(): HtmlAttributes;
  /** Releases the wasm memory now. */
  free(): void;
  [Symbol.dispose](): void;
}
