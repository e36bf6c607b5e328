// webpack 5 (Node API, production mode, no configuration about passpolicy) bundles the two pages
// of tests/bundler/app, resolving `passpolicy` from the installed tarball (tests/node_modules):
// webpack emits the package's `new URL('./file', import.meta.url)` files as asset modules. The
// build must have no error and no warning but webpack's performance hints (asset sizes: recorded
// as diagnostics); the pages, served statically, must work in Chromium and download only the
// package files of their tier (skipped when PASSPOLICY_SKIP_BROWSER=1 or there is no Chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import webpack from 'webpack';
import {
  here, serveStatic, launchChromium, skipBrowser,
  RULES_EXPECTED, RULES_COMMON_EXPECTED, ROOT_EXPECTED,
} from './harness.mjs';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'passpolicy-webpack-'));
let stats;
let chromium;
let server;

/** A page that runs the classic (non-module) script webpack emitted. */
const classicPage = (script) => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>running</title></head>
<body><script src="${script}"></script></body></html>
`;

before(async () => {
  const compiler = webpack({
    mode: 'production',
    context: here,
    entry: { rules: './app/rules-page.js', root: './app/root-page.js' },
    output: { path: out, filename: '[name].js' },
    devtool: false,
  });
  stats = await new Promise((resolve, reject) => compiler.run((err, s) => (err ? reject(err) : resolve(s))));
  await new Promise((resolve) => compiler.close(resolve));
  fs.writeFileSync(path.join(out, 'rules.html'), classicPage('rules.js'));
  fs.writeFileSync(path.join(out, 'index.html'), classicPage('root.js'));
  if (!skipBrowser) {
    server = await serveStatic(out);
    chromium = await launchChromium();
  }
});

after(async () => {
  await chromium?.close();
  await server?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

test('webpack 5 production build: no error, no warning but the performance hints', (t) => {
  const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true, version: true });
  t.diagnostic(`webpack ${info.version}; assets: ${info.assets.map((a) => `${a.name} (${a.size} B)`).join(', ')}`);
  assert.deepEqual(info.errors.map((e) => e.message), []);
  for (const w of info.warnings) t.diagnostic(`webpack warning: ${w.message.replace(/\s+/g, ' ')}`);
  // Performance hints name the assets over 244 KiB (the wasm and strength.bin): advice, not a
  // failure. Anything else (a "Critical dependency", an unresolved import…) fails the test.
  assert.deepEqual(info.warnings.filter((w) => !/size limit|performance/i.test(w.message)).map((w) => w.message), []);
  // Every file of the package was emitted (under a content hash name) beside the scripts.
  const emitted = info.assets.map((a) => a.name);
  assert.equal(emitted.filter((n) => n.endsWith('.wasm')).length, 2, emitted.join(' '));
  assert.equal(emitted.filter((n) => n.endsWith('.bin')).length, 2, emitted.join(' '));
});

test('webpack 5: passpolicy/rules page downloads only the rules wasm', { skip: skipBrowser, timeout: 60000 }, async () => {
  const { result, files } = await chromium.load(`${server.origin}/rules.html`);
  assert.deepEqual(result, RULES_EXPECTED);
  assert.deepEqual(files, ['passpolicy_rules_bg.wasm']);
});

test('webpack 5: passpolicy/rules page fetches common.bin for a policy with dictionary.common', { skip: skipBrowser, timeout: 60000 }, async () => {
  const { result, files } = await chromium.load(`${server.origin}/rules.html?common`);
  assert.deepEqual(result, RULES_COMMON_EXPECTED);
  assert.deepEqual(files, ['common.bin', 'passpolicy_rules_bg.wasm']);
});

test("webpack 5: passpolicy page, init({ strength: 'background' }) then strengthReady()", { skip: skipBrowser, timeout: 60000 }, async () => {
  const { result, files } = await chromium.load(`${server.origin}/`);
  assert.deepEqual(result, ROOT_EXPECTED);
  assert.deepEqual(files, ['common.bin', 'passpolicy_bg.wasm', 'strength.bin']);
});
