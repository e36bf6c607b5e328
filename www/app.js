// passpolicy demo page: plain ES module, no framework, no network after load.
//
// Flow: load the library (wasm) and every bundled sample in parallel → compile the selected
// document once into a PasswordPolicy (in the chosen language) → show its description
// (policy.describe()) and its HTML attributes (policy.htmlAttributes(), policy.toPasswordRules())
// → on every `input` event of the password field, call policy.check(password, context) and
// update the checklist, the meter and the length counts in place. The policy is recompiled only
// when the document, the vendor, the chosen policy of a list or the language changes (never per
// keystroke), and the old one is freed. "Generate" calls policy.generate() (the browser's CSPRNG).
//
// Privacy: the password, the generated passwords and the context values are only passed to the
// wasm library and shown on screen. They are never written to the console, to storage, to the
// URL or to any request; the page makes no request once it has loaded but the breach check, and
// that only when "Check breaches" is pressed: it sends the first 5 hex characters of the
// password's SHA-1 to the range API of the endpoint field (`?breach=URL` sets it). The
// Content-Security-Policy in index.html forbids forms and other origins (but that API and local
// mirrors) as well.

/** The sample documents: real vendor documents, the fixtures of the tests (their sources: tests/fixtures/README.md). */
const SAMPLES = {
  meraki: '../tests/fixtures/meraki/example.json',
  sailpoint: '../tests/fixtures/sailpoint/list.json',
  sumologic: '../tests/fixtures/sumologic/openapi.json',
  scaleway: '../tests/fixtures/scaleway/example.json',
  longjump: '../tests/fixtures/longjump/wiki.xml',
  'aws-iam': '../tests/fixtures/aws-iam/example.json',
  'aws-cognito': '../tests/fixtures/aws-cognito/describe-user-pool.json',
  okta: '../tests/fixtures/okta/settings-example.json',
  auth0: '../tests/fixtures/auth0/connection.json',
  keycloak: '../tests/fixtures/keycloak/issue-example.txt',
  passwordrules: '../tests/fixtures/passwordrules/apple.txt',
  firebase: '../tests/fixtures/firebase/password-policy.json',
  supabase: '../tests/fixtures/supabase/auth-config.json',
  pingone: '../tests/fixtures/pingone/standard.json',
  'active-directory': '../tests/fixtures/active-directory/default-domain-policy.json',
  entra: '../tests/fixtures/entra/password-rule-settings.json',
  kratos: '../tests/fixtures/kratos/password-config.json',
  fusionauth: '../tests/fixtures/fusionauth/tenant-response.json',
  zitadel: '../tests/fixtures/zitadel/complexity.json',
  canonical: '../tests/fixtures/canonical/example.json',
};

const LOCALES = ['en', 'de', 'fr', 'es'];
/** The word-list choices of the page (`languages` option of PasswordPolicy.from). */
const WORDLISTS = ['en', 'en,de', 'en,fr', 'en,es'];

/** At most this many passwords per click (the library allows 1000; a page shows a few). */
const MAX_GENERATE = 10;

const SCORE_LABELS = ['too guessable', 'very guessable', 'somewhat guessable', 'safely unguessable', 'very unguessable'];

const CRACK_KEYS = [
  'onlineThrottling100PerHour',
  'onlineNoThrottling10PerSecond',
  'offlineSlowHashing1e4PerSecond',
  'offlineFastHashing1e10PerSecond',
];

// Which context field an "unchecked" rule is waiting for.
const NEEDS_FIELD = {
  'context.username': ['ctx-username', 'Username'],
  'context.email': ['ctx-email', 'E-mail address'],
  'context.accountId': ['ctx-account-id', 'Account ID'],
  'context.accountName': ['ctx-account-name', 'Account name'],
  'context.attribute': ['ctx-attributes', 'Other attributes'],
  'history.reuse': ['ctx-previous', 'Previous passwords'],
  'dictionary.custom': ['ctx-dictionary', 'Dictionary words'],
};

const STATUS_TEXT = { pass: 'Passes', fail: 'Fails', unchecked: 'Not checked' };
const STATUS_ICON = { pass: '✓', fail: '✗', unchecked: '?' };

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el;
};

const el = {
  loadStatus: $('load-status'),
  sample: $('sample'),
  vendor: $('vendor'),
  doc: $('doc'),
  docError: $('doc-error'),
  docErrorCode: $('doc-error-code'),
  docErrorPath: $('doc-error-path'),
  docErrorPathWrap: $('doc-error-path-wrap'),
  docErrorMessage: $('doc-error-message'),
  detectedVendor: $('detected-vendor'),
  vendorHow: $('vendor-how'),
  policyPick: $('policy-pick'),
  policyIndex: $('policy-index'),
  warningCount: $('warning-count'),
  warningsEmpty: $('warnings-empty'),
  warnings: $('warnings'),
  policyBox: $('policy-box'),
  policyJson: $('policy-json'),
  policyNone: $('policy-none'),
  settings: $('settings'),
  password: $('password'),
  togglePassword: $('toggle-password'),
  summary: $('summary'),
  lenGraphemes: $('len-graphemes'),
  lenCodePoints: $('len-codepoints'),
  lenUtf16: $('len-utf16'),
  analyzedNote: $('analyzed-note'),
  checklist: $('checklist'),
  checklistEmpty: $('checklist-empty'),
  meter: $('meter'),
  score: $('score'),
  scoreLabel: $('score-label'),
  strengthWarning: $('strength-warning'),
  suggestions: $('suggestions'),
  ctxUsername: $('ctx-username'),
  ctxEmail: $('ctx-email'),
  ctxAccountId: $('ctx-account-id'),
  ctxAccountName: $('ctx-account-name'),
  ctxAttributes: $('ctx-attributes'),
  ctxAttributesNote: $('ctx-attributes-note'),
  ctxPrevious: $('ctx-previous'),
  togglePrevious: $('toggle-previous'),
  ctxDictionary: $('ctx-dictionary'),
  locale: $('locale'),
  wordlists: $('wordlists'),
  wordlistsHelp: $('wordlists-help'),
  description: $('description'),
  descriptionNone: $('description-none'),
  descriptionRules: $('description-rules'),
  descriptionRulesEmpty: $('description-rules-empty'),
  descriptionSettings: $('description-settings'),
  descriptionSettingsEmpty: $('description-settings-empty'),
  attributes: $('attributes'),
  attributesNone: $('attributes-none'),
  attributesSnippet: $('attributes-snippet'),
  copyAttributes: $('copy-attributes'),
  copyStatus: $('copy-status'),
  passwordrulesValue: $('passwordrules-value'),
  unsupported: $('unsupported'),
  unsupportedCount: $('unsupported-count'),
  unsupportedEmpty: $('unsupported-empty'),
  genCount: $('gen-count'),
  genLength: $('gen-length'),
  genAmbiguous: $('gen-ambiguous'),
  generate: $('generate'),
  genError: $('gen-error'),
  genErrorCode: $('gen-error-code'),
  genErrorPath: $('gen-error-path'),
  genErrorPathWrap: $('gen-error-path-wrap'),
  genErrorMessage: $('gen-error-message'),
  genSummary: $('gen-summary'),
  genList: $('gen-list'),
  genUsed: $('gen-used'),
};

const state = {
  lib: null,
  samples: {},
  /** The compiled policy of the current document, or null when the document is broken. */
  policy: null,
  /** A policy without rules, used for the length counts and the meter while the document is broken. */
  empty: null,
  /** What `policy` was compiled from: text, vendor, index, locale. */
  compiledKey: null,
  /** The same without the locale: generated passwords stay valid when only the language changes. */
  documentKey: null,
  /** Language of the library's messages (`locale` option of PasswordPolicy.from). */
  locale: 'en',
  /** Word lists of the common-password rule and the meter (`languages` option). */
  languages: ['en'],
  context: {},
  ruleKeys: [],
  ruleEls: new Map(),
  compileTimer: 0,
  ready: false,
};

// Counters for the browser tests (how often the policy was compiled / freed / checked).
const stats = { compiles: 0, frees: 0, checks: 0, generated: 0 };
window.__passpolicyStats = stats;

// ---------------------------------------------------------------------------------------------
// Formatting helpers

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className) node.className = className;
  return node;
}

// ---------------------------------------------------------------------------------------------
// "What a password alone cannot show"

/**
 * The settings panel's groups, each the sentences of `policy.describe()` about one part of the
 * canonical policy (by the sentence's `field`), in the language picked: the page adds only the
 * group titles.
 */
const SETTING_GROUPS = [
  ['Password expiry', 'settings.expiry'],
  ['Password history', 'history'],
  ['Account lockout', 'settings.lockout'],
  ['Session', 'settings.session'],
  ['Multi-factor authentication', 'settings.mfa'],
  ['Network', 'settings.network'],
  ['API keys', 'settings.apiKeys'],
  ['Breached passwords', 'settings.breached'],
];

const inGroup = (field, prefix) => field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);

/** The settings panel from a description (`policy.describe()`), or the reason there is none. */
function renderSettings(d) {
  el.settings.replaceChildren();
  if (!d) {
    el.settings.append(text('dt', 'No policy'), text('dd', 'Fix the document to see its settings.', 'muted'));
    return;
  }
  const sentences = [...(d.rules ?? []), ...(d.settings ?? [])];
  const groups = SETTING_GROUPS.map(([title, prefix]) => [title, sentences.filter((x) => inGroup(x.field, prefix))]);
  // A part of the settings no group names yet: shown under its own field, never dropped.
  for (const x of d.settings ?? []) {
    if (!SETTING_GROUPS.some(([, prefix]) => inGroup(x.field, prefix))) groups.push([x.field, [x]]);
  }
  for (const [title, facts] of groups) {
    const wrap = document.createElement('div');
    wrap.className = 'setting';
    wrap.dataset.setting = title;
    const dd = document.createElement('dd');
    dd.lang = d.locale;
    if (facts.length === 0) {
      dd.textContent = 'Not specified by this document';
      dd.className = 'muted';
      dd.lang = 'en';
    } else if (facts.length === 1) {
      dd.textContent = facts[0].text;
      dd.dataset.code = facts[0].code;
    } else {
      const ul = document.createElement('ul');
      for (const f of facts) {
        const li = text('li', f.text);
        li.dataset.code = f.code;
        ul.append(li);
      }
      dd.append(ul);
    }
    wrap.append(text('dt', title), dd);
    el.settings.append(wrap);
  }
}

// ---------------------------------------------------------------------------------------------
// Description (policy.describe(), in the chosen language)

function fillSentences(list, empty, sentences, locale) {
  list.replaceChildren(
    ...sentences.map((x) => {
      const li = text('li', x.text);
      li.dataset.code = x.code;
      li.dataset.field = x.field;
      return li;
    }),
  );
  list.lang = locale;
  list.hidden = sentences.length === 0;
  empty.hidden = sentences.length > 0;
}

/** `policy.describe()`, or `{ failure }` when it throws, or null without a policy. */
function describePolicy(policy) {
  if (!policy) return null;
  try {
    return policy.describe();
  } catch (err) {
    return { failure: `Cannot describe this policy: ${err?.message ?? err}` };
  }
}

function renderDescription(described) {
  const d = described && !described.failure ? described : null;
  const failure = described?.failure ?? null;
  el.description.hidden = !d;
  el.descriptionNone.hidden = Boolean(d);
  if (!d) {
    el.descriptionNone.textContent = failure ?? 'No policy: the document has an error.';
    el.descriptionRules.replaceChildren();
    el.descriptionSettings.replaceChildren();
    return;
  }
  el.description.dataset.locale = d.locale;
  fillSentences(el.descriptionRules, el.descriptionRulesEmpty, d.rules ?? [], d.locale);
  fillSentences(el.descriptionSettings, el.descriptionSettingsEmpty, d.settings ?? [], d.locale);
}

// ---------------------------------------------------------------------------------------------
// HTML attributes (policy.htmlAttributes(), policy.toPasswordRules())

function escapeAttribute(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<input type="password" …>`, one attribute per line, in a fixed order (unknown ones last). */
function inputSnippet(attrs) {
  const order = ['autocomplete', 'minlength', 'maxlength', 'pattern', 'passwordrules'];
  const names = [...order.filter((k) => k in attrs), ...Object.keys(attrs).filter((k) => !order.includes(k))];
  const parts = ['type="password"'];
  for (const name of names) {
    const v = attrs[name];
    if (v === undefined || v === null || v === false) continue;
    parts.push(v === true ? name : `${name}="${escapeAttribute(v)}"`);
  }
  return `<input ${parts.join('\n       ')}>`;
}

function renderAttributes(policy) {
  let attrs = null;
  let rules = null;
  let failure = null;
  if (policy) {
    try {
      attrs = policy.htmlAttributes();
      rules = policy.toPasswordRules();
    } catch (err) {
      failure = `Cannot express this policy as attributes: ${err?.message ?? err}`;
    }
  }
  el.copyStatus.textContent = '';
  const ok = Boolean(attrs && rules);
  el.attributes.hidden = !ok;
  el.attributesNone.hidden = ok;
  el.copyAttributes.disabled = !ok;
  if (!ok) {
    el.attributesNone.textContent = failure ?? 'No policy: the document has an error.';
    el.attributesSnippet.firstElementChild.textContent = '';
    el.passwordrulesValue.firstElementChild.textContent = '';
    el.unsupported.replaceChildren();
    return;
  }
  el.attributesSnippet.firstElementChild.textContent = inputSnippet(attrs);
  el.passwordrulesValue.firstElementChild.textContent = rules.rules;
  const unsupported = rules.unsupported ?? [];
  el.unsupportedCount.textContent = String(unsupported.length);
  el.unsupported.replaceChildren(
    ...unsupported.map((u) => {
      const li = document.createElement('li');
      // "path: what was done": the path as code, the rest as text.
      const i = u.indexOf(': ');
      if (i > 0) li.append(text('code', u.slice(0, i)), u.slice(i));
      else li.textContent = u;
      return li;
    }),
  );
  el.unsupported.hidden = unsupported.length === 0;
  el.unsupportedEmpty.hidden = unsupported.length > 0;
}

async function copyAttributes() {
  const value = el.attributesSnippet.textContent;
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(value);
    el.copyStatus.textContent = 'Copied to the clipboard.';
  } catch {
    // No clipboard permission: select the snippet so that Ctrl+C / ⌘C copies it.
    const range = document.createRange();
    range.selectNodeContents(el.attributesSnippet);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    el.attributesSnippet.focus();
    el.copyStatus.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
  }
}

// ---------------------------------------------------------------------------------------------
// Generate (policy.generate(): the platform's CSPRNG, inside the library)

function clearGenerated() {
  el.genList.replaceChildren();
  el.genSummary.hidden = true;
  el.genSummary.textContent = '';
  el.genUsed.textContent = '';
  hideGenError();
}

function hideGenError() {
  el.genError.hidden = true;
  el.genErrorCode.textContent = '';
  el.genErrorPath.textContent = '';
  el.genErrorMessage.textContent = '';
  delete el.genError.dataset.code;
}

function showGenError(err) {
  const code = typeof err?.code === 'string' ? err.code : 'error';
  const path = typeof err?.path === 'string' && err.path !== '' ? err.path : null;
  el.genErrorCode.textContent = code;
  el.genErrorPath.textContent = path ?? '';
  el.genErrorPathWrap.hidden = path === null;
  el.genErrorMessage.textContent = err?.message ?? String(err);
  el.genError.dataset.code = code;
  el.genError.hidden = false;
}

function usePassword(value, n) {
  el.password.value = value;
  check();
  for (const li of el.genList.children) li.dataset.used = String(li.dataset.n === String(n));
  el.genUsed.textContent = `Password ${n} is in the password field; see the rules above.`;
}

function renderGenerated(result) {
  const { passwords, length, alphabetSize, entropyBits } = result;
  const bits = Math.floor(entropyBits * 10) / 10;
  el.genSummary.textContent =
    `${plural(passwords.length, 'password')} of length ${length}, each with at least ${bits} bits of entropy ` +
    `(drawn from ${plural(alphabetSize, 'character')}).`;
  el.genSummary.dataset.entropyBits = String(entropyBits);
  el.genSummary.hidden = false;
  el.genList.replaceChildren(
    ...passwords.map((pw, i) => {
      const n = i + 1;
      const li = document.createElement('li');
      li.className = 'gen-item';
      li.dataset.n = String(n);
      const code = text('code', pw, 'gen-password');
      const button = text('button', 'Use', 'use-button');
      button.type = 'button';
      button.setAttribute('aria-label', `Use password ${n}`);
      button.addEventListener('click', () => usePassword(pw, n));
      li.append(code, button);
      return li;
    }),
  );
}

function generatePasswords() {
  const policy = state.policy;
  el.genUsed.textContent = '';
  if (!policy) {
    clearGenerated();
    showGenError({ code: 'no_policy', message: 'The document has an error: there is no policy to generate for.' });
    return;
  }
  let count = Number.parseInt(el.genCount.value, 10);
  if (!Number.isInteger(count) || count < 1) count = 1;
  if (count > MAX_GENERATE) count = MAX_GENERATE;
  el.genCount.value = String(count);
  const opts = { count };
  const lengthText = el.genLength.value.trim();
  if (lengthText !== '' || el.genLength.validity.badInput) {
    const n = Number(lengthText);
    if (!Number.isInteger(n) || n < 1) {
      el.genList.replaceChildren();
      el.genSummary.hidden = true;
      showGenError({ code: 'invalid_field', path: 'length', message: 'The length must be a whole number of at least 1 (or empty for the default).' });
      return;
    }
    opts.length = n;
  }
  if (el.genAmbiguous.checked) opts.exclude = 'ambiguous';
  if (Object.keys(state.context).length) opts.context = state.context;
  let result;
  try {
    result = policy.generate(opts);
  } catch (err) {
    // An unsatisfiable policy (or length): the library names the conflict.
    el.genList.replaceChildren();
    el.genSummary.hidden = true;
    showGenError(err);
    return;
  }
  stats.generated += result.passwords.length;
  hideGenError();
  renderGenerated(result);
}

// ---------------------------------------------------------------------------------------------
// Document → policy

function showDocError(err) {
  const code = typeof err?.code === 'string' ? err.code : 'error';
  const path = typeof err?.path === 'string' && err.path !== '' ? err.path : null;
  el.docErrorCode.textContent = code;
  el.docErrorPath.textContent = path ?? '';
  el.docErrorPathWrap.hidden = path === null;
  el.docErrorMessage.textContent = err?.message ?? String(err);
  el.docError.hidden = false;
  el.docError.dataset.code = code;
  el.docError.dataset.path = path ?? '';
  el.doc.setAttribute('aria-invalid', 'true');
  el.doc.setAttribute('aria-describedby', 'doc-error doc-result');
}

function clearDocError() {
  el.docError.hidden = true;
  el.docErrorCode.textContent = '';
  el.docErrorPath.textContent = '';
  el.docErrorMessage.textContent = '';
  delete el.docError.dataset.code;
  delete el.docError.dataset.path;
  el.doc.removeAttribute('aria-invalid');
  el.doc.setAttribute('aria-describedby', 'doc-result');
}

function setPolicy(next) {
  if (state.policy && state.policy !== next) {
    if (state.binding?.policy === state.policy) unbind();
    state.policy.free();
    stats.frees += 1;
  }
  state.policy = next;
}

function options(vendor, index, locale, languages) {
  const o = {};
  if (vendor) o.vendor = vendor;
  if (index !== undefined) o.index = index;
  if (locale) o.locale = locale;
  if (languages && languages.join() !== 'en') o.languages = languages;
  return o;
}

function renderPolicyPicker(list) {
  if (!list) {
    el.policyPick.hidden = true;
    el.policyIndex.replaceChildren();
    return 0;
  }
  const previous = Number(el.policyIndex.value);
  const labels = list.map((n, i) => {
    const src = n.policy?.source ?? {};
    return `${i + 1}. ${src.name ?? src.id ?? 'unnamed policy'}`;
  });
  const same =
    el.policyIndex.options.length === labels.length &&
    labels.every((l, i) => el.policyIndex.options[i].textContent === l);
  if (!same) {
    el.policyIndex.replaceChildren(
      ...labels.map((l, i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = l;
        return o;
      }),
    );
  }
  const index = Number.isInteger(previous) && previous >= 0 && previous < list.length ? previous : 0;
  el.policyIndex.value = String(index);
  el.policyPick.hidden = false;
  return index;
}

function renderWarnings(warnings) {
  el.warnings.replaceChildren();
  el.warningCount.textContent = String(warnings.length);
  el.warningsEmpty.hidden = warnings.length > 0;
  for (const w of warnings) {
    const li = document.createElement('li');
    li.dataset.code = w.code;
    li.append(text('code', w.code, 'warning-code'), ' ');
    if (w.path) li.append(text('code', w.path, 'warning-path'), ' ');
    li.append(text('span', w.message, 'warning-message'));
    el.warnings.append(li);
  }
}

function renderNoPolicy() {
  el.detectedVendor.textContent = '–';
  el.vendorHow.textContent = '';
  el.policyJson.firstElementChild.textContent = '';
  el.policyJson.dataset.vendor = '';
  el.policyJson.hidden = true;
  el.policyNone.hidden = false;
  renderWarnings([]);
  el.warningsEmpty.textContent = 'No warnings (the document has an error).';
  renderSettings(null);
  renderDescription(null);
  renderAttributes(null);
  state.documentKey = null;
  clearGenerated();
  el.generate.disabled = true;
}

/** Compiles the document when its text, vendor or chosen policy changed since the last time. */
function compile({ force = false } = {}) {
  const { lib } = state;
  const text = el.doc.value;
  const vendor = el.vendor.value;
  let list = null;
  let normalized;
  try {
    normalized = lib.normalize(text, options(vendor));
  } catch (err) {
    state.compiledKey = null;
    el.policyPick.hidden = true;
    setPolicy(null);
    showDocError(err);
    renderNoPolicy();
    check();
    return;
  }
  if (Array.isArray(normalized)) list = normalized;
  const index = list ? renderPolicyPicker(list) : (renderPolicyPicker(null), undefined);
  const documentKey = JSON.stringify([text, vendor, index ?? null]);
  const key = JSON.stringify([documentKey, state.locale, state.languages]);
  if (!force && key === state.compiledKey && state.policy) return;

  let policy;
  try {
    policy = lib.PasswordPolicy.from(text, options(vendor, index, state.locale, state.languages));
    stats.compiles += 1;
  } catch (err) {
    state.compiledKey = null;
    el.policyPick.hidden = true;
    setPolicy(null);
    showDocError(err);
    renderNoPolicy();
    check();
    return;
  }
  setPolicy(policy);
  state.compiledKey = key;
  clearDocError();

  const canonical = policy.toJSON();
  el.detectedVendor.textContent = policy.vendor;
  el.vendorHow.textContent = vendor
    ? '(chosen above)'
    : `(detected${list ? `; policy ${index + 1} of ${list.length}` : ''})`;
  el.policyJson.firstElementChild.textContent = JSON.stringify(canonical, null, 2);
  el.policyJson.dataset.vendor = policy.vendor;
  el.policyJson.hidden = false;
  el.policyNone.hidden = true;
  el.warningsEmpty.textContent = 'No warnings.';
  renderWarnings(policy.warnings ?? []);
  const described = describePolicy(policy);
  renderSettings(described?.failure ? null : described);
  renderDescription(described);
  renderAttributes(policy);
  // Passwords generated for another document are gone; a new language keeps them.
  if (documentKey !== state.documentKey) clearGenerated();
  state.documentKey = documentKey;
  el.generate.disabled = false;
  rebuildChecklist();
  check();
}

function scheduleCompile() {
  clearTimeout(state.compileTimer);
  state.compileTimer = setTimeout(() => compile(), 200);
}

function loadSample(name) {
  const textValue = state.samples[name];
  if (textValue === undefined) return;
  clearTimeout(state.compileTimer);
  el.doc.value = textValue;
  el.vendor.value = '';
  el.policyIndex.replaceChildren();
  compile({ force: true });
}

// ---------------------------------------------------------------------------------------------
// Context

function lines(value) {
  return value.split('\n').map((l) => l.replace(/\r$/, ''));
}

function readContext() {
  const ctx = {};
  const put = (key, input) => {
    const v = input.value.trim();
    if (v) ctx[key] = v;
  };
  put('username', el.ctxUsername);
  put('email', el.ctxEmail);
  put('accountId', el.ctxAccountId);
  put('accountName', el.ctxAccountName);

  const attributes = {};
  const ignored = [];
  lines(el.ctxAttributes.value).forEach((line, i) => {
    if (!line.trim()) return;
    const eq = line.indexOf('=');
    const name = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!name) {
      ignored.push(i + 1);
      return;
    }
    attributes[name] = line.slice(eq + 1).trim();
  });
  if (Object.keys(attributes).length) ctx.attributes = attributes;
  el.ctxAttributesNote.textContent = ignored.length
    ? `Line ${ignored.join(', ')} ignored: write name=value.`
    : '';

  // Previous passwords are kept exactly (spaces matter in a password); empty lines are skipped.
  const previous = lines(el.ctxPrevious.value).filter((l) => l !== '');
  if (previous.length) ctx.previousPasswords = previous;

  const words = lines(el.ctxDictionary.value)
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length) ctx.dictionary = words;
  state.context = ctx;
}

// ---------------------------------------------------------------------------------------------
// Checking and rendering the report

function ruleKey(r) {
  return `${r.id}#${r.index ?? ''}`;
}

function numbersText(r) {
  const { id, required, actual, status } = r;
  const has = actual !== undefined && actual !== null;
  const req = required !== undefined && required !== null;
  switch (id) {
    case 'length.min':
      return has && req ? `${actual} of at least ${required}` : '';
    case 'length.max':
      return has && req ? `${actual} of at most ${required}` : '';
    case 'chars.types':
      return has && req ? `${actual} met, ${required} needed` : '';
    case 'chars.allowed':
      return has ? (actual === 0 ? 'none disallowed' : `${plural(actual, 'character')} not allowed`) : '';
    case 'chars.unique':
      return has && req ? `${plural(actual, 'different character')}, at least ${required}` : '';
    case 'repeat.max':
      return has && req ? `longest run ${actual}, at most ${required}` : '';
    case 'sequence.max':
      return has && req ? `longest sequence ${actual}, at most ${required}` : '';
    case 'dictionary.custom':
      return has && status !== 'unchecked' ? (actual === 0 ? 'no word found' : `${plural(actual, 'word')} found`) : '';
    case 'context.attribute':
      return '';
    case 'history.reuse':
      return '';
    case 'strength.min':
      return has && req ? `score ${actual}, at least ${required}` : '';
    default:
      if (has && req) return `has ${actual}, needs ${required}`;
      if (req) return `needs ${required}`;
      return '';
  }
}

function makeRuleItem(r) {
  const li = document.createElement('li');
  li.className = 'rule';
  li.dataset.rule = r.id;
  if (r.index !== undefined && r.index !== null) li.dataset.index = String(r.index);
  const icon = text('span', '', 'rule-icon');
  icon.setAttribute('aria-hidden', 'true');
  const status = text('span', '', 'rule-status visually-hidden');
  const body = document.createElement('span');
  body.className = 'rule-body';
  const message = text('span', '', 'rule-message');
  const numbers = text('span', '', 'rule-numbers');
  const hint = document.createElement('span');
  hint.className = 'rule-hint';
  body.append(message, numbers, hint);
  const id = text('code', r.id, 'rule-id');
  li.append(icon, status, body, id);
  li._parts = { icon, status, message, numbers, hint };
  return li;
}

function setText(node, value) {
  if (node.textContent !== value) node.textContent = value;
}

function updateRuleItem(li, r) {
  const p = li._parts;
  if (li.dataset.status !== r.status) li.dataset.status = r.status;
  setText(p.icon, STATUS_ICON[r.status] ?? '•');
  setText(p.status, `${STATUS_TEXT[r.status] ?? r.status}: `);
  setText(p.message, r.message);
  if (p.message.lang !== state.locale) p.message.lang = state.locale;
  setText(p.numbers, numbersText(r));
  const need = r.status === 'unchecked' ? NEEDS_FIELD[r.id] : null;
  const hintKey = need ? need[0] : '';
  if (p.hint.dataset.for !== hintKey) {
    p.hint.dataset.for = hintKey;
    p.hint.replaceChildren();
    if (need) {
      const a = document.createElement('a');
      a.href = `#${need[0]}`;
      a.textContent = need[1];
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        document.getElementById(need[0])?.focus();
      });
      p.hint.append('Fill in ', a, ' to check this.');
    }
  }
}

function rebuildChecklist() {
  el.checklist.replaceChildren();
  state.ruleKeys = [];
  state.ruleEls.clear();
}

function renderRules(rules) {
  const keys = rules.map(ruleKey);
  if (keys.length !== state.ruleKeys.length || keys.some((k, i) => k !== state.ruleKeys[i])) {
    // The set of rules changed (new policy): rebuild the list once.
    const items = rules.map((r) => {
      const li = makeRuleItem(r);
      state.ruleEls.set(ruleKey(r), li);
      return li;
    });
    el.checklist.replaceChildren(...items);
    state.ruleKeys = keys;
  }
  for (const r of rules) updateRuleItem(state.ruleEls.get(ruleKey(r)), r);
  el.checklistEmpty.hidden = rules.length > 0;
  if (!rules.length) {
    el.checklistEmpty.textContent = state.policy
      ? 'This policy has no rule a password can be checked against; see "What a password alone cannot show".'
      : 'No rules: the document has an error (see above).';
  }
}

function renderSummary(report, empty) {
  const rules = report.rules;
  const failed = rules.filter((r) => r.status === 'fail').length;
  const unchecked = rules.filter((r) => r.status === 'unchecked').length;
  const checked = rules.length - unchecked;
  let msg;
  let verdict;
  if (!state.policy) {
    msg = 'No policy to check against: the document has an error.';
    verdict = 'none';
  } else if (!rules.length) {
    msg = 'This policy sets no rule on the password itself.';
    verdict = 'none';
  } else if (empty) {
    msg = `Type a password: ${plural(rules.length, 'rule')} to meet.`;
    verdict = 'empty';
  } else if (failed) {
    msg = `Fails ${failed} of ${plural(rules.length, 'rule')}.`;
    verdict = 'fail';
  } else {
    msg = unchecked
      ? `Passes all ${plural(checked, 'checked rule')}; ${unchecked} not checked.`
      : `Passes all ${plural(rules.length, 'rule')}.`;
    verdict = 'pass';
  }
  setText(el.summary, msg);
  el.summary.dataset.verdict = verdict;
}

function renderStrength(s, empty) {
  const score = s?.score ?? 0;
  if (empty || !s) {
    el.meter.dataset.score = '';
    el.meter.setAttribute('aria-valuenow', '0');
    el.meter.setAttribute('aria-valuetext', 'no password yet');
    setText(el.score, '');
    setText(el.scoreLabel, 'No password yet');
    for (const k of CRACK_KEYS) setText($(`ct-${k}`), '–');
    el.strengthWarning.hidden = true;
    el.suggestions.replaceChildren();
    return;
  }
  const label = SCORE_LABELS[score] ?? '';
  el.meter.dataset.score = String(score);
  el.meter.setAttribute('aria-valuenow', String(score));
  el.meter.setAttribute('aria-valuetext', `${score} of 4: ${label}`);
  setText(el.score, `${score} / 4`);
  setText(el.scoreLabel, label);
  for (const k of CRACK_KEYS) {
    const td = $(`ct-${k}`);
    setText(td, s.crackTimesDisplay?.[k] ?? '–');
    if (td.lang !== state.locale) td.lang = state.locale;
  }
  el.strengthWarning.lang = state.locale;
  el.suggestions.lang = state.locale;
  if (s.warning) {
    setText(el.strengthWarning, s.warning.message);
    el.strengthWarning.dataset.code = s.warning.code;
    el.strengthWarning.hidden = false;
  } else {
    el.strengthWarning.hidden = true;
    setText(el.strengthWarning, '');
  }
  const sugg = s.suggestions ?? [];
  const same =
    el.suggestions.children.length === sugg.length &&
    sugg.every((x, i) => el.suggestions.children[i].dataset.code === x.code && el.suggestions.children[i].textContent === x.message);
  if (!same) {
    el.suggestions.replaceChildren(
      ...sugg.map((x) => {
        const li = text('li', x.message);
        li.dataset.code = x.code;
        return li;
      }),
    );
  }
}

/**
 * Checks the password now. The password input is wired by passpolicy/form's
 * enhancePasswordInput (input events, setCustomValidity, aria-invalid), bound again whenever the
 * policy changes; its reports are rendered by renderReport. The page keeps its own checklist
 * (icons, numbers, hints) and sets no HTML attributes on the input: a maxlength would stop the
 * typing that shows length.max failing.
 */
function check() {
  const policy = state.policy ?? state.empty;
  if (!policy) return;
  if (state.binding?.policy !== policy) {
    unbind();
    try {
      state.binding = {
        policy,
        form: state.form.enhancePasswordInput(el.password, policy, {
          attributes: false,
          strengthDelayMs: 0,
          context: () => state.context,
          onReport: renderReport,
          onError: showCheckError,
        }),
      };
    } catch (err) {
      showCheckError(err);
    }
    return;
  }
  try {
    state.binding.form.check();
  } catch (err) {
    showCheckError(err);
  }
}

function unbind() {
  state.binding?.form.destroy();
  state.binding = null;
}

/** Only for input the checker refuses (a lone UTF-16 surrogate pasted in); the message names the field, never the value. */
function showCheckError(err) {
  setText(el.summary, `Cannot check this input: ${err?.message ?? err}`);
  el.summary.dataset.verdict = 'fail';
}

function renderReport(report) {
  stats.checks += 1;
  const password = el.password.value;
  const empty = password.length === 0;
  el.checklist.dataset.empty = String(empty);
  renderRules(state.policy ? report.rules : []);
  renderSummary(state.policy ? report : { rules: [] }, empty);
  setText(el.lenGraphemes, String(report.length.graphemes));
  setText(el.lenCodePoints, String(report.length.codePoints));
  setText(el.lenUtf16, String(report.length.utf16));
  if (report.analyzed && report.analyzed.complete === false) {
    setText(el.analyzedNote, `Very long password: the rules looked at its first ${report.analyzed.codePoints} code points.`);
    el.analyzedNote.hidden = false;
  } else {
    el.analyzedNote.hidden = true;
  }
  renderStrength(report.strength, empty);
}

// ---------------------------------------------------------------------------------------------
// Wiring

// Breached passwords: "Check breaches" runs policy.checkWithBreach() once (never per keystroke)
// and renders its report, `dictionary.breached` decided; the next keystroke checks without it.
function wireBreach() {
  const endpoint = document.getElementById('breach-endpoint');
  const button = document.getElementById('breach-check');
  const status = document.getElementById('breach-status');
  const given = new URLSearchParams(location.search).get('breach');
  if (given) endpoint.value = given;
  endpoint.disabled = false;
  button.disabled = false;
  button.addEventListener('click', async () => {
    const policy = state.policy ?? state.empty;
    if (!policy) return;
    button.disabled = true;
    status.dataset.state = 'busy';
    setText(status, 'Looking the password up…');
    try {
      const options = { endpoint: endpoint.value };
      const hasRule = policy.toJSON().breached !== undefined;
      let count;
      if (hasRule) {
        const report = await policy.checkWithBreach(el.password.value, state.context, options);
        renderReport(report);
        count = report.rules.find((r) => r.id === 'dictionary.breached')?.actual ?? 0;
      } else {
        ({ count } = await state.lib.checkBreached(el.password.value, options));
      }
      status.dataset.state = count > 0 ? 'breached' : 'clean';
      setText(status, `${count > 0 ? `Found in known data breaches ${count.toLocaleString('en-US')} times` : 'Not found in known data breaches'}${hasRule ? '' : ' (this policy has no breached rule)'}.`);
    } catch (err) {
      status.dataset.state = 'error';
      setText(status, `Breach check failed (${err?.code ?? 'error'}): ${err?.message ?? err}`);
    } finally {
      button.disabled = false;
    }
  });
}

function toggleMask(button, field, mask) {
  const shown = button.getAttribute('aria-pressed') === 'true';
  const show = !shown;
  button.setAttribute('aria-pressed', String(show));
  button.textContent = show ? 'Hide' : 'Show';
  mask(field, show);
}

function wire() {
  el.togglePassword.addEventListener('click', () =>
    toggleMask(el.togglePassword, el.password, (f, show) => {
      f.type = show ? 'text' : 'password';
    }),
  );
  el.togglePrevious.addEventListener('click', () =>
    toggleMask(el.togglePrevious, el.ctxPrevious, (f, show) => f.classList.toggle('masked', !show)),
  );
  el.sample.addEventListener('change', () => {
    if (el.sample.value !== 'custom') loadSample(el.sample.value);
    else el.doc.focus();
  });
  el.vendor.addEventListener('change', () => {
    clearTimeout(state.compileTimer);
    compile();
  });
  el.policyIndex.addEventListener('change', () => compile());
  el.locale.addEventListener('change', () => {
    const locale = LOCALES.includes(el.locale.value) ? el.locale.value : 'en';
    if (locale === state.locale) return;
    state.locale = locale;
    setEmptyPolicy();
    clearTimeout(state.compileTimer);
    compile();
  });
  el.wordlists.addEventListener('change', () => switchWordLists(el.wordlists.value));
  el.generate.addEventListener('click', generatePasswords);
  el.copyAttributes.addEventListener('click', copyAttributes);
  el.doc.addEventListener('input', () => {
    el.sample.value = 'custom';
    scheduleCompile();
  });
  for (const input of [el.ctxUsername, el.ctxEmail, el.ctxAccountId, el.ctxAccountName, el.ctxAttributes, el.ctxPrevious, el.ctxDictionary]) {
    input.addEventListener('input', () => {
      readContext();
      check();
    });
  }
}

/** Loads the language packs of a word-list choice (each once), then recompiles with them. */
async function switchWordLists(value) {
  const languages = (WORDLISTS.includes(value) ? value : 'en').split(',');
  const packs = languages.filter((l) => l !== 'en');
  el.wordlists.disabled = true;
  if (packs.length > 0) el.wordlistsHelp.textContent = `Loading the ${packs.join(', ')} language pack…`;
  try {
    await Promise.all(packs.map((l) => state.lib.loadLanguage(l)));
    state.languages = languages;
    el.wordlistsHelp.textContent = packs.length > 0
      ? `English and ${packs.join(', ')} word lists; diacritics are folded (pässwörd is password).`
      : "English word lists (zxcvbn 4.4.2's model).";
  } catch (err) {
    el.wordlists.value = state.languages.join(',');
    el.wordlistsHelp.textContent = `Could not load the language pack (${err?.code ?? err?.message ?? err}).`;
  } finally {
    el.wordlists.disabled = false;
  }
  el.wordlists.dataset.languages = state.languages.join(',');
  setEmptyPolicy();
  clearTimeout(state.compileTimer);
  compile();
}

/** The rule-less policy behind the meter while the document is broken, in the chosen language. */
function setEmptyPolicy() {
  if (state.binding?.policy === state.empty) unbind();
  state.empty?.free();
  state.empty = state.lib.PasswordPolicy.from('{"version":1}', { vendor: 'canonical', ...options(undefined, undefined, state.locale, state.languages) });
}

async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

async function main() {
  let lib;
  let form;
  try {
    const [mod, formModule, samples] = await Promise.all([
      import('../pkg/browser.js').then(async (m) => {
        await m.init();
        return m;
      }),
      import('../pkg/form.js'),
      Promise.all(Object.entries(SAMPLES).map(async ([name, url]) => [name, await fetchText(url)])),
    ]);
    lib = mod;
    form = formModule;
    state.samples = Object.fromEntries(samples);
  } catch (err) {
    el.loadStatus.textContent = `Could not load the library or the samples (${err?.message ?? err}). Build the package first: node scripts/build.mjs`;
    el.loadStatus.classList.add('failed');
    el.loadStatus.setAttribute('role', 'alert');
    return;
  }
  state.lib = lib;
  state.form = form;
  performance.mark('passpolicy-library-ready');
  // The browser may restore a form value on reload; the page starts in English either way.
  el.locale.value = state.locale;
  setEmptyPolicy();
  wire();
  el.wordlists.value = 'en';
  wireBreach();
  for (const c of [el.sample, el.vendor, el.locale, el.wordlists, el.doc, el.password, el.togglePassword, el.genCount, el.genLength, el.genAmbiguous]) {
    c.disabled = false;
  }
  readContext();
  // On a narrow screen the canonical JSON starts collapsed, so that the password is not far below.
  if (!window.matchMedia('(min-width: 960px)').matches) el.policyBox.open = false;
  el.sample.value = 'meraki';
  loadSample('meraki');
  el.loadStatus.textContent = 'Ready: pick a sample or paste a document, then type a password.';
  // The first check has rendered: the page is usable. performance.now() counts from navigation start.
  state.ready = true;
  window.__passpolicyReadyMs = performance.now();
  document.documentElement.dataset.ready = 'true';
}

main();
