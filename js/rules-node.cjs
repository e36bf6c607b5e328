'use strict';
// passpolicy/rules for Node.js, CommonJS. The glue instantiates passpolicy_rules_bg.wasm
// synchronously when required and the common-password list is read from the package at once
// (Node reads files, it does not download them): `init()` and `ready()` have nothing to wait for.
const fs = require('node:fs');
const path = require('node:path');
const glue = require('./passpolicy_rules.cjs');
const breach = require('./breach.cjs');

glue.loadCommonPasswords(fs.readFileSync(path.join(__dirname, 'common.bin')));

exports.PasswordPolicy = glue.PasswordPolicy;

// `policy.checkWithBreach(password, context, options)`: the breach count looked up, then checkRules().
breach.addCheckWithBreach(glue.PasswordPolicy, 'checkRules');
exports.checkBreached = breach.checkBreached;

/**
 * A no-op in Node. Accepts and ignores the browser's argument.
 * @param {unknown} [_options]
 * @returns {Promise<void>}
 */
exports.init = async function init(_options) {};

/**
 * A no-op in Node (the module is ready once required). Accepts and ignores the browser's argument.
 * @param {unknown} [_options]
 * @returns {void}
 */
exports.initSync = function initSync(_options) {};

/** @returns {Promise<void>} */
exports.ready = async function ready() {};

/**
 * @param {unknown} e
 * @returns {boolean}
 */
exports.isPassPolicyError = function isPassPolicyError(e) {
  try {
    return e instanceof Error && e.name === 'PassPolicyError' && typeof e.code === 'string';
  } catch {
    return false;
  }
};
