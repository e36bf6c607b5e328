
// --- appended by scripts/build.mjs (js/freed.js) to the wasm-bindgen glue, ES module and
// CommonJS alike, where `PasswordPolicy` is the glue's class.
// A method called on a freed policy (or with a `this` that is no policy) would reach
// wasm-bindgen's null-pointer check, which throws a JS exception through Rust frames: each such
// throw leaks the wasm shadow stack, and after a few thousand every call traps. Refuse in JS,
// before entering wasm; `free()` of a freed policy does nothing.
//
// A copy of a policy (`Object.assign(Object.create(proto), policy)`, as deep-clone helpers make)
// holds the same pointer without owning it: after the owner's free() it would reach freed or
// reused memory (another policy, or a trap). Only the object wasm-bindgen made for a pointer may
// use it: the owners are kept in a WeakMap, filled by the glue's `__wrap`.
(function guardFreed(Class) {
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
  const copy = (name) =>
    new TypeError(`PasswordPolicy.${name}: this object is a copy of a policy, not a policy (a clone shares its wasm memory); use the policy itself, or compile another with PasswordPolicy.from()`);
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    const key = typeof d.value === 'function' ? 'value' : 'get';
    const inner = d[key];
    if (typeof inner !== 'function') continue;
    d[key] = {
      [name](...args) {
        if (this === null || typeof this !== 'object' || !this.__wbg_ptr) {
          if (name === 'free') return undefined;
          throw freed(name);
        }
        if (owners.get(this) !== this.__wbg_ptr) {
          // A copy's free() must not free its original's memory either.
          if (name === 'free') return undefined;
          throw copy(name);
        }
        return inner.apply(this, args);
      },
    }[name];
    Object.defineProperty(proto, name, d);
  }
})(PasswordPolicy);
