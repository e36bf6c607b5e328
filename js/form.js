// passpolicy/form: wires a password <input> to a compiled policy. Framework-free, no imports: it
// works with a policy of `passpolicy` (checkRules and check) or of `passpolicy/rules`
// (checkRules only), and adds nothing to the download of either.
//
//   import { init, PasswordPolicy } from 'passpolicy/rules';
//   import { enhancePasswordInput } from 'passpolicy/form';
//   await init();
//   const policy = PasswordPolicy.from(canonicalPolicy);
//   const form = enhancePasswordInput(input, policy, {
//     checklist: document.querySelector('#password-rules'),
//     context: () => ({ username: username.value, email: email.value }),
//     watch: [username, email],
//   });
//
// On every `input` event the rules are checked at once; with a policy of the root import, the
// full check (with the strength estimate) follows after `strengthDelayMs` of quiet. Each report
// goes to `setCustomValidity()` (the first failed rule's message, or ''), `aria-invalid`, the
// checklist and `onReport`.

const STATUS_TEXT = { pass: 'Met', fail: 'Not met', unchecked: 'Not checked yet' };
const OPTION_KEYS = ['checklist', 'context', 'watch', 'onReport', 'onError', 'strength', 'strengthDelayMs', 'attributes', 'validity', 'statusText'];
let ids = 0;

/** A TypeError naming the option: wrong options are a programming error, found at once. */
function optionError(name, what) {
  return new TypeError(`enhancePasswordInput: options.${name} ${what}`);
}

function readOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError('enhancePasswordInput: options must be an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw optionError(key, `is not an option (options: ${OPTION_KEYS.join(', ')})`);
  }
  const o = { ...options };
  if (o.checklist != null && !(typeof o.checklist === 'object' && typeof o.checklist.appendChild === 'function')) {
    throw optionError('checklist', 'must be an element');
  }
  if (o.context != null && typeof o.context !== 'function' && typeof o.context !== 'object') {
    throw optionError('context', 'must be a function returning the context, or a context object');
  }
  if (o.watch != null && !(Array.isArray(o.watch) && o.watch.every((el) => el && typeof el.addEventListener === 'function'))) {
    throw optionError('watch', 'must be an array of elements');
  }
  for (const name of ['onReport', 'onError']) {
    if (o[name] != null && typeof o[name] !== 'function') throw optionError(name, 'must be a function');
  }
  if (o.strengthDelayMs != null && !(Number.isFinite(o.strengthDelayMs) && o.strengthDelayMs >= 0)) {
    throw optionError('strengthDelayMs', 'must be a number of milliseconds ≥ 0');
  }
  for (const name of ['strength', 'attributes', 'validity']) {
    if (o[name] != null && typeof o[name] !== 'boolean') throw optionError(name, 'must be true or false');
  }
  if (o.statusText != null) {
    if (typeof o.statusText !== 'object') throw optionError('statusText', 'must be an object of pass, fail and unchecked texts');
    for (const [k, v] of Object.entries(o.statusText)) {
      if (!(k in STATUS_TEXT) || typeof v !== 'string') throw optionError(`statusText.${k}`, 'must be one of pass, fail, unchecked, with a string');
    }
  }
  return o;
}

/**
 * Wires `input` (an `<input type="password">`) to `policy` (a `PasswordPolicy`). See form.d.ts.
 * @param {HTMLInputElement} input
 * @param {{ checkRules: Function, check?: Function, htmlAttributes: Function }} policy
 * @param {object} [options]
 */
export function enhancePasswordInput(input, policy, options) {
  if (!input || typeof input.addEventListener !== 'function' || typeof input.setAttribute !== 'function') {
    throw new TypeError('enhancePasswordInput: input must be an <input> element');
  }
  if (!policy || typeof policy.checkRules !== 'function' || typeof policy.htmlAttributes !== 'function') {
    throw new TypeError('enhancePasswordInput: policy must be a PasswordPolicy (from passpolicy or passpolicy/rules)');
  }
  const o = readOptions(options);
  const statusText = { ...STATUS_TEXT, ...o.statusText };
  const withStrength = o.strength !== false && typeof policy.check === 'function';
  const delay = o.strengthDelayMs ?? 150;
  const list = o.checklist ?? null;
  const doc = input.ownerDocument;

  // Attributes the binding sets, with what was there before (restored by destroy()).
  const saved = new Map();
  const setAttr = (el, name, value) => {
    if (!saved.has(el)) saved.set(el, new Map());
    const before = saved.get(el);
    if (!before.has(name)) before.set(name, el.getAttribute(name));
    if (value === null) el.removeAttribute(name);
    else el.setAttribute(name, String(value));
  };

  if (o.attributes !== false) {
    for (const [name, value] of Object.entries(policy.htmlAttributes())) {
      if (value !== undefined && value !== null) setAttr(input, name, value);
    }
  }
  if (list) {
    if (!list.id) setAttr(list, 'id', `passpolicy-checklist-${++ids}`);
    setAttr(list, 'aria-live', 'polite');
    const described = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    if (!described.includes(list.id)) setAttr(input, 'aria-describedby', [...described, list.id].join(' '));
  }

  /** The checklist's items by rule key, kept so that a keystroke only changes what changed. */
  const items = new Map();
  const keyOf = (r) => (r.index === undefined ? r.id : `${r.id}[${r.index}]`);
  function render(report) {
    if (!list) return;
    const keys = new Set();
    let previous = null;
    for (const r of report.rules) {
      const key = keyOf(r);
      keys.add(key);
      let item = items.get(key);
      if (!item) {
        const li = doc.createElement('li');
        li.dataset.rule = r.id;
        if (r.index !== undefined) li.dataset.index = String(r.index);
        const status = doc.createElement('span');
        status.className = 'passpolicy-status';
        const message = doc.createElement('span');
        message.className = 'passpolicy-message';
        li.append(status, message);
        item = { li, status, message };
        items.set(key, item);
      }
      // In report order: a new rule (strength after the debounced check) lands in its place.
      const want = previous ? previous.nextSibling : list.firstChild;
      if (item.li !== want) list.insertBefore(item.li, want);
      previous = item.li;
      if (item.li.dataset.status !== r.status) {
        item.li.dataset.status = r.status;
        item.status.textContent = `${statusText[r.status] ?? r.status}: `;
      }
      if (item.message.textContent !== r.message) item.message.textContent = r.message;
    }
    for (const [key, item] of items) {
      if (!keys.has(key)) {
        item.li.remove();
        items.delete(key);
      }
    }
  }

  let last = null;
  let timer = null;
  let destroyed = false;

  function context() {
    const c = typeof o.context === 'function' ? o.context() : o.context;
    return c ?? undefined;
  }

  function apply(report) {
    last = report;
    const failed = report.rules.find((r) => r.status === 'fail');
    if (o.validity !== false && typeof input.setCustomValidity === 'function') input.setCustomValidity(failed ? failed.message : '');
    setAttr(input, 'aria-invalid', failed && input.value !== '' ? 'true' : 'false');
    render(report);
    if (o.onReport) o.onReport(report);
    return report;
  }

  function fail(e) {
    if (o.onError) o.onError(e);
    else throw e;
  }

  /** The full check (strength too) when the policy has it, else the rules. */
  function check() {
    if (destroyed) throw new TypeError('enhancePasswordInput: this binding was destroyed');
    clearTimeout(timer);
    timer = null;
    const ctx = context();
    return apply(withStrength ? policy.check(input.value, ctx) : policy.checkRules(input.value, ctx));
  }

  function onInput() {
    try {
      // Without strength, or with no pause asked for: one check per input event.
      if (!withStrength || delay === 0) {
        check();
        return;
      }
      apply(policy.checkRules(input.value, context()));
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        if (destroyed) return;
        try {
          check();
        } catch (e) {
          fail(e);
        }
      }, delay);
    } catch (e) {
      fail(e);
    }
  }

  input.addEventListener('input', onInput);
  const watched = o.watch ?? [];
  for (const el of watched) el.addEventListener('input', onInput);
  check();

  return {
    check,
    get report() {
      return last;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(timer);
      input.removeEventListener('input', onInput);
      for (const el of watched) el.removeEventListener('input', onInput);
      for (const item of items.values()) item.li.remove();
      items.clear();
      if (typeof input.setCustomValidity === 'function') input.setCustomValidity('');
      for (const [el, attrs] of saved) {
        for (const [name, value] of attrs) {
          if (value === null) el.removeAttribute(name);
          else el.setAttribute(name, value);
        }
      }
    },
  };
}
