// Type declarations of passpolicy/form (an ES module for pages; no CommonJS entry).

import type { Context, HtmlAttributes, Report, RulesReport, RuleStatus } from './index.js';

/** What the binding needs of a policy: a `PasswordPolicy` of `passpolicy` or of `passpolicy/rules`. */
export interface FormPolicy {
  checkRules(password: string, context?: Context | null): RulesReport;
  /** With it (the root import), the strength estimate follows each pause in typing. */
  check?(password: string, context?: Context | null): Report;
  htmlAttributes(): HtmlAttributes;
}

export interface EnhanceOptions {
  /**
   * An element (a `<ul>` or `<ol>`) that gets one `<li>` per rule: `data-rule`, `data-index`,
   * `data-status` (`pass`, `fail`, `unchecked`, for styling), a `.passpolicy-status` span with the
   * status as text ("Met: ", "Not met: ", "Not checked yet: ") and a `.passpolicy-message` span with
   * the rule's message, set with `textContent` only. It is made `aria-live="polite"` and is added to
   * the input's `aria-describedby`; an item's text changes only when its status or message does.
   */
  checklist?: Element | null;
  /** The user's data, read at each check (a function follows the username and e-mail fields). */
  context?: (() => Context | null | undefined) | Context | null;
  /** Other fields whose `input` events re-check the password (the username, the e-mail). */
  watch?: Element[];
  /** Called with every report: the rules at each input event, then the full one with strength. */
  onReport?: (report: RulesReport | Report) => void;
  /**
   * Called with an error a check threw inside an event handler (a `PassPolicyError`, such as a
   * `too_large` context); without it the error is thrown from the handler.
   */
  onError?: (error: unknown) => void;
  /** Whether to run the full check (strength) after a pause, when the policy has `check`. Default true. */
  strength?: boolean;
  /**
   * The pause after the last keystroke before the full check, in ms. Default 150. With 0 the full
   * check runs at every input event instead of the rules (no rules-only report in between).
   */
  strengthDelayMs?: number;
  /** Whether to set `policy.htmlAttributes()` on the input (restored by `destroy()`). Default true. */
  attributes?: boolean;
  /** Whether to call `setCustomValidity()` with the first failed rule's message. Default true. */
  validity?: boolean;
  /** The status words of the checklist, for another language. */
  statusText?: Partial<Record<RuleStatus, string>>;
}

export interface PasswordInputBinding {
  /** Checks now (the full check when the policy has it) and returns the report. */
  check(): RulesReport | Report;
  /** The last report (there is one from the start: the input is checked when enhanced). */
  readonly report: RulesReport | Report | null;
  /** Removes the listeners, the checklist items, the custom validity and every attribute set. */
  destroy(): void;
}

/**
 * Wires a password `<input>`: sets the policy's HTML attributes, checks on every input event,
 * `setCustomValidity()` with the first failed rule's message (empty when all pass),
 * `aria-invalid` (true when a rule fails and the field is not empty), an optional live checklist.
 * Unknown or mistyped options are a `TypeError`.
 */
export declare function enhancePasswordInput(input: HTMLInputElement, policy: FormPolicy, options?: EnhanceOptions): PasswordInputBinding;
