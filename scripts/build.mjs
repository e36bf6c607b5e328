#!/usr/bin/env node
// Builds the npm package `passpolicy` into pkg/ (run as `node scripts/build.mjs` or `npm run build`).
//
//   1. cargo build --lib --target wasm32-unknown-unknown, twice: the root import (profile wasm,
//      default features) and passpolicy/rules (profile wasm-rules, --features api-rules); then
//      the data files strength.bin, common.bin and the language packs lang-{de,fr,es}.bin
//      (`cargo run --example data_files`)
//   2. wasm-bindgen --target web and --target nodejs (stripped) into temp dirs; for each tier the
//      two _bg.wasm must be byte-identical, and one ships
//   3. wasm-opt -Oz (binaryen from node_modules) — kept only when it makes the gzip size smaller
//   4. pkg/: passpolicy.js (web glue), passpolicy.cjs (nodejs glue), both with js/guard.js appended (traps, freed and copied policies), passpolicy_bg.wasm,
//      browser.js / node.mjs / node.cjs / cli.mjs (js/; the bin cli.mjs gets a shebang and +x),
//      index.d.ts + index.d.cts (js/index.d.ts),
//      package.json (pkg.json + name/version/description/license from Cargo.toml), README/LICENSE
//   5. a smoke test of pkg/ through require and import, then raw and gzip sizes
//
// Options: --wasm-opt=auto|always|never (default auto; env PASSPOLICY_WASM_OPT likewise),
//          --skip-cargo (reuse the last cargo build).
// Fails loudly when the wasm-bindgen CLI is not the wasm-bindgen version in Cargo.lock.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = path.join(root, 'pkg');
const jsDir = path.join(root, 'js');
const NAME = 'passpolicy';

const args = process.argv.slice(2);
const optArg = args.find((a) => a.startsWith('--wasm-opt='));
const wasmOptMode = (optArg ? optArg.split('=')[1] : process.env.PASSPOLICY_WASM_OPT) || 'auto';
const skipCargo = args.includes('--skip-cargo');
if (!['auto', 'always', 'never'].includes(wasmOptMode)) fail(`--wasm-opt must be auto, always or never, not ${wasmOptMode}`);

function fail(msg) {
  console.error(`\nbuild.mjs: FAILED: ${msg}\n`);
  process.exit(1);
}

function step(msg) {
  console.log(`\n== ${msg}`);
}

/** Runs a command with inherited output; fails the build on a non-zero exit. */
function run(cmd, cmdArgs, opts = {}) {
  console.log(`$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} exited with ${r.status ?? r.signal}`);
}

/** Runs a command and returns its stdout. */
function capture(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8' });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${cmdArgs.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const gzipSize = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${n} B (${(n / 1024).toFixed(1)} KiB)`;

// ---------------------------------------------------------------------------------------------
step('versions');

const cargoToml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const packageSection = cargoToml.split(/^\[/m).find((s) => s.startsWith('package]')) ?? '';
const tomlField = (key) => {
  const m = packageSection.match(new RegExp(`^${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'm'));
  if (!m) fail(`Cargo.toml [package] has no ${key}`);
  return m[1].replace(/\\"/g, '"').replace(/\\\\/g, '\\');
};
const crate = { version: tomlField('version'), description: tomlField('description'), license: tomlField('license') };

const lock = fs.readFileSync(path.join(root, 'Cargo.lock'), 'utf8');
const lockVersions = [...lock.matchAll(/\[\[package\]\]\nname = "wasm-bindgen"\nversion = "([^"]+)"/g)].map((m) => m[1]);
if (lockVersions.length !== 1) fail(`expected one wasm-bindgen in Cargo.lock, found ${lockVersions.length}: ${lockVersions.join(', ')}`);
const cliOut = capture('wasm-bindgen', ['--version']).trim();
const cliVersion = cliOut.split(/\s+/)[1];
if (cliVersion !== lockVersions[0]) {
  fail(
    `wasm-bindgen CLI is ${cliVersion} but Cargo.lock has wasm-bindgen ${lockVersions[0]}; they must be equal.\n` +
      `Install the matching CLI: cargo install wasm-bindgen-cli --version ${lockVersions[0]} --locked`,
  );
}
console.log(`crate ${NAME} ${crate.version}; wasm-bindgen crate ${lockVersions[0]} = CLI ${cliVersion}`);

// ---------------------------------------------------------------------------------------------
step('cargo build');

// Two wasm modules from one crate: the root import (every API) and `passpolicy/rules` (a
// canonical policy's rules, English). The features only choose the exports; LTO drops the rest.
const TIERS = [
  { name: NAME, profile: 'wasm', features: [] },
  { name: `${NAME}_rules`, profile: 'wasm-rules', features: ['--no-default-features', '--features', 'api-rules'] },
];
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${NAME}-build-`));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
for (const tier of TIERS) {
  if (!skipCargo) run('cargo', ['build', '--lib', '--profile', tier.profile, '--target', 'wasm32-unknown-unknown', ...tier.features]);
  const rawWasm = path.join(targetDir, 'wasm32-unknown-unknown', tier.profile, `${NAME}.wasm`);
  if (!fs.existsSync(rawWasm)) fail(`${rawWasm} not found`);
  fs.copyFileSync(rawWasm, path.join(tmp, `${tier.name}.raw.wasm`));
}

// The data files the JS entries load separately: the strength dictionaries and the
// common-password list, written by the native library (the same bytes its tests read).
step('data files');
const dataDir = path.join(tmp, 'data');
run('cargo', ['run', '--quiet', '--release', '--example', 'data_files', '--', dataDir]);
const DATA_FILES = ['strength.bin', 'common.bin', 'lang-de.bin', 'lang-fr.bin', 'lang-es.bin'];
for (const f of DATA_FILES) if (!fs.existsSync(path.join(dataDir, f))) fail(`the data_files example did not write ${f}`);

// ---------------------------------------------------------------------------------------------
step('wasm-bindgen');

const bindgen = {};
for (const tier of TIERS) {
  for (const target of ['web', 'nodejs']) {
    run('wasm-bindgen', [
      '--target', target, '--out-dir', path.join(tmp, target), '--out-name', tier.name,
      '--remove-name-section', '--remove-producers-section', '--experimental-reset-state-function', path.join(tmp, `${tier.name}.raw.wasm`),
    ]);
  }
  const web = fs.readFileSync(path.join(tmp, 'web', `${tier.name}_bg.wasm`));
  const node = fs.readFileSync(path.join(tmp, 'nodejs', `${tier.name}_bg.wasm`));
  if (sha256(web) !== sha256(node)) fail(`the web and nodejs ${tier.name}_bg.wasm differ; one file cannot serve both glues`);
  console.log(`web and nodejs ${tier.name}_bg.wasm are identical (sha256 ${sha256(web).slice(0, 16)}…)`);
  bindgen[tier.name] = web;
}

// The hand-written entries and types must cover exactly what the module exports, but for the
// loaders of the data files, which the entries call themselves, and the glue's `initSync`, which
// every entry wraps in its own (`extras` below: checked like the rest).
const INTERNAL = ['initSync', 'loadStrengthData', 'loadCommonPasswords', 'strengthLoaded', 'commonPasswordsLoaded', 'loadLanguage', '__wbg_reset_state'];
const glueExports = [...fs.readFileSync(path.join(tmp, 'web', `${NAME}.d.ts`), 'utf8').matchAll(/^export (?:function|class) (\w+)/gm)]
  .map((m) => m[1])
  .filter((n) => !INTERNAL.includes(n))
  .sort();
const extras = ['init', 'initSync', 'isPassPolicyError', 'strengthReady', 'loadLanguage'];
// The breached-password check (js/breach.js, shared by both tiers): re-exported by each entry.
const breachExports = ['checkBreached'];
const expected = [...glueExports, ...extras, ...breachExports].sort();
// The vendor ids of the core (every `id: "…"` of the `ADAPTERS` table in src/vendors/mod.rs, in
// its order) become the `VendorId` union.
const adaptersSrc = fs.readFileSync(path.join(root, 'src', 'vendors', 'mod.rs'), 'utf8').match(/pub const ADAPTERS: \[Adapter; (\d+)\] = \[([\s\S]*?)\n\];/);
if (!adaptersSrc) fail('could not read `pub const ADAPTERS: [Adapter; N] = [ … ];` in src/vendors/mod.rs');
const vendorIds = [...adaptersSrc[2].matchAll(/\bid: "([^"]+)"/g)].map((m) => m[1]);
if (vendorIds.length === 0) fail('found no `id: "…"` in `ADAPTERS` in src/vendors/mod.rs');
if (vendorIds.length !== Number(adaptersSrc[1])) fail(`\`ADAPTERS\` in src/vendors/mod.rs has ${adaptersSrc[1]} adapters but ${vendorIds.length} \`id: "…"\` were read`);
const vendorLine = `export type VendorId = ${vendorIds.map((v) => `'${v}'`).join(' | ')};`;
const dtsSource = fs.readFileSync(path.join(jsDir, 'index.d.ts'), 'utf8');
if (!/^export type VendorId = [^;]*;$/m.test(dtsSource)) fail('js/index.d.ts has no one-line `export type VendorId = …;`');
if (!dtsSource.includes(vendorLine)) console.log(`note: js/index.d.ts lists other vendors than the core; pkg/ gets: ${vendorLine}`);
const dtsTemplate = dtsSource.replace(/^export type VendorId = [^;]*;$/m, vendorLine);
const declared = [...new Set([...dtsTemplate.matchAll(/^export (?:declare )?(?:function|class) (\w+)/gm)].map((m) => m[1]))].sort();
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
if (!same(declared, expected)) fail(`js/index.d.ts declares [${declared}] but the package exports [${expected}]`);
const browserSrc = fs.readFileSync(path.join(jsDir, 'browser.js'), 'utf8');
const nodeCjsSrc = fs.readFileSync(path.join(jsDir, 'node.cjs'), 'utf8');
const nodeMjsSrc = fs.readFileSync(path.join(jsDir, 'node.mjs'), 'utf8');
for (const name of glueExports) {
  if (!new RegExp(`export \\{[^}]*\\b${name}\\b[^}]*\\} from '\\./${NAME}\\.js'`).test(browserSrc)) fail(`js/browser.js does not re-export ${name}`);
  if (!new RegExp(`^exports\\.${name} = glue\\.${name};`, 'm').test(nodeCjsSrc)) fail(`js/node.cjs does not re-export ${name}`);
}
for (const name of expected) {
  if (!new RegExp(`\\b${name}\\b`).test(nodeMjsSrc.match(/export \{([^}]*)\}/)?.[1] ?? '')) fail(`js/node.mjs does not re-export ${name}`);
}
for (const name of extras) {
  if (!new RegExp(`^export (?:async )?function ${name}\\b`, 'm').test(browserSrc)) fail(`js/browser.js does not export ${name}`);
  if (!new RegExp(`^exports\\.${name} = `, 'm').test(nodeCjsSrc)) fail(`js/node.cjs does not export ${name}`);
}
const breachSrc = fs.readFileSync(path.join(jsDir, 'breach.js'), 'utf8');
if (/^\s*import\b/m.test(breachSrc)) fail('js/breach.js may not import anything (the build writes it as CommonJS too)');
const dataSrc = fs.readFileSync(path.join(jsDir, 'data.js'), 'utf8');
if (!dataSrc.includes("import('./breach.js')") || /from\s*'\.\/breach\.js'/.test(dataSrc)) fail("js/data.js must import ./breach.js on first use only (import('./breach.js'))");
for (const name of breachExports) {
  if (!new RegExp(`^export (?:async )?function ${name}\\b`, 'm').test(breachSrc)) fail(`js/breach.js does not export ${name}`);
  if (!new RegExp(`^export async function ${name}\\b`, 'm').test(dataSrc)) fail(`js/data.js does not wrap ${name}`);
  for (const [file, src] of [['browser.js', browserSrc], ['rules.js', fs.readFileSync(path.join(jsDir, 'rules.js'), 'utf8')]]) {
    // Fetched on first use: data.js wraps it in an async function that imports ./breach.js dynamically.
    if (!new RegExp(`^export \\{ ${name} \\} from '\\./data\\.js';$`, 'm').test(src)) fail(`js/${file} does not re-export ${name} from ./data.js`);
  }
  for (const [file, src] of [['node.cjs', nodeCjsSrc], ['rules-node.cjs', fs.readFileSync(path.join(jsDir, 'rules-node.cjs'), 'utf8')]]) {
    if (!new RegExp(`^exports\\.${name} = breach\\.${name};$`, 'm').test(src)) fail(`js/${file} does not export ${name}`);
  }
}
const dtsCode = dtsTemplate.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
if (/\bany\b/.test(dtsCode)) fail('js/index.d.ts uses `any`');
console.log(`exports: ${expected.join(', ')}`);

// passpolicy/rules: the shared types of index.d.ts, then its own API (js/rules-api.d.ts); it
// must declare exactly what its entry exports.
const apiAt = dtsTemplate.indexOf('\n// API\n');
if (apiAt < 0) fail('js/index.d.ts has no `// API` section');
const rulesDtsTemplate = `${dtsTemplate.slice(0, apiAt).replace(/^\/\/ Type declarations of passpolicy[^\n]*\n(\/\/[^\n]*\n)*/, '// Type declarations of passpolicy/rules (the shared types of passpolicy, then its API).\n')}\n// API\n${fs.readFileSync(path.join(jsDir, 'rules-api.d.ts'), 'utf8').replace(/^(\/\/[^\n]*\n)+\n?/, '')}`;
const rulesGlueExports = [...fs.readFileSync(path.join(tmp, 'web', `${NAME}_rules.d.ts`), 'utf8').matchAll(/^export (?:function|class) (\w+)/gm)]
  .map((m) => m[1]).filter((n) => !INTERNAL.includes(n));
const rulesExpected = [...rulesGlueExports, 'init', 'initSync', 'ready', 'isPassPolicyError', ...breachExports].sort();
const rulesSrc = { 'rules.js': fs.readFileSync(path.join(jsDir, 'rules.js'), 'utf8'), 'rules-node.cjs': fs.readFileSync(path.join(jsDir, 'rules-node.cjs'), 'utf8') };
for (const name of ['init', 'initSync', 'ready', 'isPassPolicyError']) {
  if (!new RegExp(`^export (?:async )?function ${name}\\b`, 'm').test(rulesSrc['rules.js'])) fail(`js/rules.js does not export ${name}`);
  if (!new RegExp(`^exports\\.${name} = `, 'm').test(rulesSrc['rules-node.cjs'])) fail(`js/rules-node.cjs does not export ${name}`);
}
const rulesDeclared = [...new Set([...rulesDtsTemplate.slice(rulesDtsTemplate.indexOf('\n// API\n')).matchAll(/^export (?:declare )?(?:function|class) (\w+)/gm)].map((m) => m[1]))].sort();
if (!same(rulesDeclared, rulesExpected)) fail(`js/rules-api.d.ts declares [${rulesDeclared}] but passpolicy/rules exports [${rulesExpected}]`);
console.log(`passpolicy/rules exports: ${rulesExpected.join(', ')}`);

// ---------------------------------------------------------------------------------------------
step('wasm-opt');

/** Each tier's wasm: the wasm-bindgen output, or wasm-opt's when it is smaller gzipped. */
const shipped = {};
const optimizedOf = {};
const wasmOptBin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'wasm-opt.cmd' : 'wasm-opt');
for (const tier of TIERS) {
  const input = bindgen[tier.name];
  shipped[tier.name] = input;
  if (wasmOptMode === 'never') {
    console.log('skipped (--wasm-opt=never)');
    continue;
  }
  if (!fs.existsSync(wasmOptBin)) {
    if (wasmOptMode === 'always') fail(`${wasmOptBin} not found; run npm install (binaryen is a devDependency)`);
    console.log(`skipped: ${path.relative(root, wasmOptBin)} not found (npm install brings binaryen)`);
    continue;
  }
  const inFile = path.join(tmp, `${tier.name}.in.wasm`);
  const outFile = path.join(tmp, `${tier.name}.opt.wasm`);
  fs.writeFileSync(inFile, input);
  run(wasmOptBin, ['-Oz', inFile, '-o', outFile]);
  const optimized = fs.readFileSync(outFile);
  optimizedOf[tier.name] = optimized;
  const before = { raw: input.length, gz: gzipSize(input) };
  const after = { raw: optimized.length, gz: gzipSize(optimized) };
  console.log(`${tier.name}: before ${before.raw} B raw, ${before.gz} B gzip; after -Oz ${after.raw} B raw, ${after.gz} B gzip`);
  if (wasmOptMode === 'always' || after.gz < before.gz) shipped[tier.name] = optimized;
  else console.log('wasm-opt did not make the gzip size (the download) smaller: keeping the wasm-bindgen output');
}

// ---------------------------------------------------------------------------------------------
step('pkg/');

function writePkg() {
  fs.rmSync(pkgDir, { recursive: true, force: true });
  fs.mkdirSync(pkgDir);
  const put = (name, data) => fs.writeFileSync(path.join(pkgDir, name), data);
  // Its comments stay in js/guard.js: every byte of the glue is downloaded before the first check.
  const guard = `\n// js/guard.js of the passpolicy repository: traps, freed and copied policies\n${fs.readFileSync(path.join(jsDir, 'guard.js'), 'utf8')
    .split('\n').filter((line) => !/^\s*(\/\/.*|\/\*\*.*\*\/)?$/.test(line)).join('\n')}\n`;
  // Every exported function of a glue is wrapped by the guard (the data loaders also keep their
  // bytes for a fresh instance); not the loaders of the module itself and the guard's helpers.
  const unguarded = ['initSync', '__wbg_init', '__wbg_reset_state', 'allocationFailed'];
  const loaders = ['loadStrengthData', 'loadCommonPasswords'];
  const guardLines = (names, assign) => {
    const wrapped = names.filter((n) => !unguarded.includes(n));
    if (!wrapped.includes('check') && !wrapped.includes('normalize') && !wrapped.includes('loadCommonPasswords')) fail(`found no exports to guard in the glue: [${names}]`);
    return `${wrapped.map((n) => `${assign(n)}__passpolicyGuard(${n}, '${n}'${loaders.includes(n) ? ', true' : ''});`).join('\n')}\n`;
  };
  // The glue's JSDoc blocks (the Rust doc comments) go: the types are index.d.ts and rules.d.ts,
  // and a page downloads the glue before its first check (1.1 and 0.5 KB gzip).
  const withoutDocComments = (js) => {
    const out = [];
    let inDoc = false;
    for (const line of js.split('\n')) {
      if (!inDoc && /^\s*\/\*\*/.test(line)) inDoc = !/\*\/\s*$/.test(line);
      else if (inDoc) inDoc = !/\*\/\s*$/.test(line);
      else out.push(line);
    }
    return out.join('\n');
  };
  for (const tier of TIERS) {
    // The web glue names a d.ts we do not ship (ours are index.d.ts, rules.d.ts): drop that header.
    const webGlue = withoutDocComments(fs.readFileSync(path.join(tmp, 'web', `${tier.name}.js`), 'utf8').replace(/^\/\* @ts-self-types="[^"]*" \*\/\n+/, ''));
    // An exported function declaration is a mutable binding: reassigning it changes the export.
    const webExports = [...webGlue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
    put(`${tier.name}.js`, webGlue + guard + guardLines(webExports, (n) => `${n} = `));
    // The nodejs glue uses require and __dirname; the package is "type": "module".
    const nodeGlue = withoutDocComments(fs.readFileSync(path.join(tmp, 'nodejs', `${tier.name}.js`), 'utf8'));
    if (!nodeGlue.includes(`${tier.name}_bg.wasm`)) fail(`the nodejs glue does not load ${tier.name}_bg.wasm`);
    const nodeExports = [...nodeGlue.matchAll(/^exports\.(\w+) = (\w+);$/gm)].filter((m) => m[1] === m[2]).map((m) => m[1]).filter((n) => n !== 'PasswordPolicy');
    put(`${tier.name}.cjs`, nodeGlue + guard + guardLines(nodeExports, (n) => `exports.${n} = ${n} = `));
    put(`${tier.name}_bg.wasm`, shipped[tier.name]);
  }
  for (const f of DATA_FILES) fs.copyFileSync(path.join(dataDir, f), path.join(pkgDir, f));
  // passpolicy/form is fetched by a page with its form: shipped without its comment lines.
  put('form.js', `// passpolicy/form (js/form.js of the passpolicy repository, without its comments)\n${withoutDocComments(fs.readFileSync(path.join(jsDir, 'form.js'), 'utf8'))
    .split('\n').filter((line) => !/^\s*\/\/.*$/.test(line)).join('\n')}`);
  for (const f of ['browser.js', 'data.js', 'node.mjs', 'node.cjs', 'rules.js', 'rules-node.mjs', 'rules-node.cjs', 'form.d.ts', 'lines.mjs', 'breach.js']) {
    fs.copyFileSync(path.join(jsDir, f), path.join(pkgDir, f));
  }
  // The breach check as CommonJS for the Node entries: the same code, its `export`s made
  // `module.exports` (js/breach.js has no imports, which the checks above ensure).
  const breachNames = [...breachSrc.matchAll(/^export (?:async function|function|const) (\w+)/gm)].map((m) => m[1]);
  put('breach.cjs', `'use strict';\n// js/breach.js of the passpolicy repository, as CommonJS (written by scripts/build.mjs).\n${breachSrc
    .replace(/^export (async function|function|const) /gm, '$1 ')}\nmodule.exports = { ${breachNames.join(', ')} };\n`);
  // The command line (the package's `bin`): a shebang line and the executable bit.
  put('cli.mjs', `#!/usr/bin/env node\n${fs.readFileSync(path.join(jsDir, 'cli.mjs'), 'utf8').replace(/^#!.*\n/, '')}`);
  fs.chmodSync(path.join(pkgDir, 'cli.mjs'), 0o755);
  put('index.d.ts', dtsTemplate);
  put('index.d.cts', dtsTemplate);
  const rulesDts = rulesDtsTemplate;
  put('rules.d.ts', rulesDts);
  put('rules.d.cts', rulesDts);

  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'pkg.json'), 'utf8'));
  if (manifest.name !== NAME) fail(`pkg.json name is ${manifest.name}, not ${NAME}`);
  const missing = vendorIds.filter((v) => !manifest.keywords?.includes(v));
  if (missing.length) fail(`pkg.json keywords lack the vendor ids [${missing}] (VENDORS in src/vendors/mod.rs)`);
  for (const field of ['repository', 'homepage', 'bugs']) if (!manifest[field]) fail(`pkg.json has no ${field}`);
  Object.assign(manifest, { version: crate.version, description: crate.description, license: crate.license });
  put('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  put('README.md', packageReadme(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), manifest));
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(pkgDir, 'LICENSE'));
}

/**
 * The npm page: the repository's README without its `<!-- repository -->` … `<!-- /repository -->`
 * parts (setting up the repository, which the package does not contain), with links to the
 * repository's files made absolute (the package ships none of them).
 */
function packageReadme(readme, manifest) {
  const blob = `${manifest.homepage.replace(/#.*$/, '')}/blob/main/`;
  const kept = readme.replace(/<!-- repository[^>]*-->[\s\S]*?<!-- \/repository -->\n?/g, '');
  if (kept.includes('<!-- repository') || kept.includes('<!-- /repository')) fail('README.md: an unclosed <!-- repository --> block');
  return kept.replace(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g, (_, target) => `](${blob}${target})`);
}

/** Loads pkg/ through require and import in a fresh Node and checks a password, both tiers. */
function smokeTest() {
  const script = `
    const assert = require('node:assert');
    const cjs = require(${JSON.stringify(path.join(pkgDir, 'node.cjs'))});
    const p = cjs.PasswordPolicy.from({ version: 1, length: { min: 8 }, dictionary: { common: true } });
    assert.deepStrictEqual(p.check('short').violations.map((v) => v.id), ['length.min']);
    assert.deepStrictEqual(p.check('password').violations.map((v) => v.id), ['dictionary.common']);
    assert.strictEqual(p.check('long enough').ok, true);
    assert.strictEqual(p.check('password').strength.score, 0);
    p.free();
    const rules = require(${JSON.stringify(path.join(pkgDir, 'rules-node.cjs'))});
    const r = rules.PasswordPolicy.from('{"version":1,"length":{"min":8},"dictionary":{"common":true}}');
    assert.deepStrictEqual(r.checkRules('short').violations.map((v) => v.id), ['length.min']);
    assert.deepStrictEqual(r.checkRules('password').violations.map((v) => v.id), ['dictionary.common']);
    r.free();
    import(${JSON.stringify(new URL('file://' + path.join(pkgDir, 'node.mjs')).href)}).then((esm) => {
      assert.strictEqual(esm.PasswordPolicy, cjs.PasswordPolicy);
      assert.strictEqual(esm.detectVendor('{"version":1}'), 'canonical');
    }).catch((e) => { console.error(e); process.exit(1); });
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) return `${r.stdout}${r.stderr}`;
  return null;
}

writePkg();
let smoke = smokeTest();
if (smoke && TIERS.some((t) => shipped[t.name] === optimizedOf[t.name])) {
  console.error(`smoke test failed with the wasm-opt output:\n${smoke}\nrebuilding pkg/ with the wasm-bindgen output`);
  for (const t of TIERS) shipped[t.name] = bindgen[t.name];
  writePkg();
  smoke = smokeTest();
}
if (smoke) fail(`smoke test of pkg/ failed:\n${smoke}`);
console.log('smoke test: require and import of pkg/ check passwords, both tiers, one shared instance');

// ---------------------------------------------------------------------------------------------
step('sizes');

const brotliSize = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const files = fs.readdirSync(pkgDir).sort();
for (const f of files.filter((f) => /\.(wasm|bin|js)$/.test(f))) {
  const buf = fs.readFileSync(path.join(pkgDir, f));
  console.log(`${f.padEnd(28)} raw ${kb(buf.length).padEnd(24)} gzip -9 ${kb(gzipSize(buf)).padEnd(24)} brotli ${kb(brotliSize(buf))}`);
}
console.log(`\npkg/: ${files.map((f) => `${f} (${fs.statSync(path.join(pkgDir, f)).size})`).join(', ')}`);
console.log(`\nbuilt ${NAME}@${crate.version} into ${path.relative(process.cwd(), pkgDir) || '.'}/`);
