
// --- appended by scripts/build.mjs (js/guard.js) to the wasm-bindgen glue, ES module and
// CommonJS alike. It runs in the glue's scope: `PasswordPolicy`, `allocationFailed`,
// `__wbg_reset_state` and `__wbg_instance_id` are the glue's (wasm-bindgen
// --experimental-reset-state-function). After it, the build appends one line per exported
// function that wraps it with `__passpolicyGuard` (the export names differ between the builds).
//
// 1. Traps. A failed allocation in wasm cannot return an error: Rust's handler aborts, and the
//    call ends in a `WebAssembly.RuntimeError` (as a panic would), leaving the instance in an
//    unknown state. Every export is wrapped: on a trap the instance is replaced by a fresh one
//    (the compiled module is kept, so this takes milliseconds and no download), the data files it
//    had loaded are loaded again from the bytes kept here, and the call throws a PassPolicyError:
//    `too_large` when the memory was exhausted (the allocator recorded a failure), `internal` for
//    anything else (a bug of ours). Policies compiled before belong to the old instance: their
//    methods throw a TypeError saying so, and the fresh instance starts at its working size.
//
// 2. Freed and copied policies. A method called on a freed policy (or with a `this` that is no
//    policy) would reach wasm-bindgen's null-pointer check, which throws a JS exception through
//    Rust frames: each such throw leaks the wasm shadow stack, and after a few thousand every call
//    traps. Refuse in JS, before entering wasm; `free()` of a freed policy does nothing.
//    A copy of a policy (`Object.assign(Object.create(proto), policy)`, as deep-clone helpers
//    make) holds the same pointer without owning it: after the owner's free() it would reach freed
//    or reused memory (another policy, or a trap). Only the object wasm-bindgen made for a pointer
//    may use it: the owners are kept in a WeakMap, filled by the glue's `__wrap`.
//
// 3. Before `init()`. The web glue's `wasm` is undefined until `init()` (or `initSync()`) has
//    instantiated the module: every export then throws a coded `not_initialized` error saying
//    so, not a TypeError from inside the glue. (The nodejs glue instantiates when required.)

/** The bytes of each data file loaded into the current instance, by loader. */
const __passpolicyLoaded = new Map();

function __passpolicyError(code, message) {
  const e = new Error(message);
  e.name = 'PassPolicyError';
  return Object.assign(e, { code, path: null });
}

/** After a trap in `name`: a fresh instance with the same data, and the error to throw. */
function __passpolicyRecover(name, trap) {
  let exhausted = false;
  try {
    exhausted = allocationFailed();
  } catch {
    // The old instance cannot even answer: count it as a bug.
  }
  __wbg_reset_state();
  for (const [load, bytes] of __passpolicyLoaded) load(bytes);
  const reset = 'the module instance was replaced by a fresh one: policies compiled before must be compiled again';
  return exhausted
    ? __passpolicyError('too_large', `${name}: out of memory (the WebAssembly memory cannot grow); ${reset}`)
    : __passpolicyError('internal', `${name}: internal error (${trap.message}), please report it; ${reset}`);
}

/** `fn` (an export of the glue), recovering from a trap. A data loader also keeps its bytes. */
function __passpolicyGuard(fn, name, loader = false) {
  return {
    [name](...args) {
      if (wasm === undefined) {
        throw __passpolicyError('not_initialized', `${name}: passpolicy is not initialized; call \`await init()\` first (or \`initSync(bytes)\`)`);
      }
      try {
        const result = fn.apply(this, args);
        if (loader) __passpolicyLoaded.set(fn, args[0]);
        return result;
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) throw __passpolicyRecover(name, e);
        throw e;
      }
    },
  }[name];
}

(function guardPolicy(Class) {
  const proto = Class.prototype;
  const owners = new WeakMap();
  const wrap = Class.__wrap;
  Class.__wrap = function __wrap(ptr) {
    const obj = wrap.call(this, ptr);
    owners.set(obj, ptr);
    return obj;
  };
  const freed = (name) =>
    new TypeError(`PasswordPolicy.${name}: this policy was freed (free() or \`using\`); compile another with PasswordPolicy.from()`);
  const stale = (name) =>
    new TypeError(`PasswordPolicy.${name}: this policy was freed when the module instance was replaced after running out of memory; compile it again with PasswordPolicy.from()`);
  const copy = (name) =>
    new TypeError(`PasswordPolicy.${name}: this object is a copy of a policy, not a policy (a clone shares its wasm memory); use the policy itself, or compile another with PasswordPolicy.from()`);
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    const key = typeof d.value === 'function' ? 'value' : 'get';
    const inner = d[key];
    if (typeof inner !== 'function') continue;
    const guarded = __passpolicyGuard(inner, name);
    d[key] = {
      [name](...args) {
        if (this === null || typeof this !== 'object' || !this.__wbg_ptr) {
          if (name === 'free') return undefined;
          throw freed(name);
        }
        if (this.__wbg_inst !== undefined && this.__wbg_inst !== __wbg_instance_id) {
          if (name === 'free') return undefined;
          throw stale(name);
        }
        if (owners.get(this) !== this.__wbg_ptr) {
          // A copy's free() must not free its original's memory either.
          if (name === 'free') return undefined;
          throw copy(name);
        }
        return guarded.apply(this, args);
      },
    }[name];
    Object.defineProperty(proto, name, d);
  }
  if (typeof Symbol.dispose === 'symbol') proto[Symbol.dispose] = proto.free;
  for (const name of Object.getOwnPropertyNames(Class)) {
    const d = Object.getOwnPropertyDescriptor(Class, name);
    if (name.startsWith('__') || typeof d.value !== 'function' || !d.writable) continue;
    Object.defineProperty(Class, name, { ...d, value: __passpolicyGuard(d.value, `PasswordPolicy.${name}`) });
  }
})(PasswordPolicy);
