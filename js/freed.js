
// --- appended by scripts/build.mjs (js/freed.js) to the wasm-bindgen glue, ES module and
// CommonJS alike, where `PasswordPolicy` is the glue's class.
// A method called on a freed policy (or with a `this` that is no policy) would reach
// wasm-bindgen's null-pointer check, which throws a JS exception through Rust frames: each such
// throw leaks the wasm shadow stack, and after a few thousand every call traps. Refuse in JS,
// before entering wasm; `free()` of a freed policy does nothing.
(function guardFreed(Class) {
  const proto = Class.prototype;
  const freed = (name) =>
    new TypeError(`PasswordPolicy.${name}: this policy was freed (free() or \`using\`); compile another with PasswordPolicy.from()`);
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
        return inner.apply(this, args);
      },
    }[name];
    Object.defineProperty(proto, name, d);
  }
})(PasswordPolicy);
