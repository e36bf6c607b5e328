// passpolicy/rules for Node.js, ES modules: the CommonJS entry re-exported (one instance).
export { PasswordPolicy, init, initSync, ready, isPassPolicyError, checkBreached } from './rules-node.cjs';
