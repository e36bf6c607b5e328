// passpolicy for Node.js, ES modules. Everything comes from the CommonJS entry, so that
// `import` and `require` in one process share one wasm instance and one `PasswordPolicy` class.
export { PasswordPolicy, check, detectVendor, normalize, strength, init, initSync, strengthReady, isPassPolicyError, loadLanguage, languageLoaded, checkBreached } from './node.cjs';
