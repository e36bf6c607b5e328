// Bundles main.js (which imports 'passpolicy' by name, resolved from the installed tarball) with
// esbuild for the browser, copies the wasm beside the bundle, and runs the bundle:
//   - in Node, handing init() the wasm bytes, and in another process its http:// URL;
//   - in Chromium (playwright-core, system browser) from a static server, init(URL), when
//     $CHROMIUM or /usr/bin/chromium exists (PASSPOLICY_SKIP_BROWSER=1 skips it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'passpolicy-bundler-'));
const EXPECTED = {
  vendor: 'sumologic',
  weak: { ok: false, violations: ['chars.digit', 'chars.symbol', 'chars.upper'], score: 0 },
  strong: { ok: true, violations: [] },
  family: { graphemes: 1, codePoints: 5, utf16: 8 },
};

let server;
let origin;

before(async () => {
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'main.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(out, 'bundle.js'),
    metafile: true,
    logLevel: 'warning',
  });
  assert.deepEqual(result.errors, []);
  const rulesResult = await esbuild.build({
    entryPoints: [path.join(here, 'main-rules.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(out, 'rules-bundle.js'),
    logLevel: 'warning',
  });
  assert.deepEqual(rulesResult.errors, []);
  fs.copyFileSync(require.resolve('passpolicy/passpolicy_rules_bg.wasm'), path.join(out, 'passpolicy_rules_bg.wasm'));
  for (const [name, common] of [['rules.html', false], ['rules-common.html', true]]) {
    fs.writeFileSync(
      path.join(out, name),
      `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>running</title>
<script type="module">
import { run } from './rules-bundle.js';
run(undefined, ${common}).then(
  (r) => { window.result = r; document.title = 'ok:'; },
  (e) => { window.result = String(e && e.stack || e); document.title = 'error:'; });
</script>`,
    );
  }
  // The package's exports map offers the wasm as a subpath: that is how esbuild users find it.
  // The data files the browser entry fetches too (beside the wasm, or beside the bundle).
  for (const f of ['passpolicy_bg.wasm', 'strength.bin', 'common.bin']) fs.copyFileSync(require.resolve(`passpolicy/${f}`), path.join(out, f));
  fs.writeFileSync(
    path.join(out, 'index.html'),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>running</title>
<script type="module">
import { run } from './bundle.js';
run(new URL('./passpolicy_bg.wasm', import.meta.url)).then(
  (r) => { window.result = r; document.title = 'ok:'; },
  (e) => { window.result = String(e && e.stack || e); document.title = 'error:'; });
</script>`,
  );
  // init() without an argument: the bundle's own `new URL('./passpolicy_bg.wasm', import.meta.url)`.
  fs.writeFileSync(
    path.join(out, 'default.html'),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>running</title>
<script type="module">
import { run } from './bundle.js';
run().then(
  (r) => { window.result = r; document.title = 'ok:'; },
  (e) => { window.result = String(e && e.stack || e); document.title = 'error:'; });
</script>`,
  );
  // No bundler: the installed package's browser entry by path, served under /pkg/.
  fs.writeFileSync(
    path.join(out, 'plain.html'),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>running</title>
<script type="module">
import { init, PasswordPolicy, isPassPolicyError } from './pkg/browser.js';
try {
  await init();
  const p = PasswordPolicy.from({ minLength: 8, maxLength: 128, mustContainLowercase: true, mustContainUppercase: true, mustContainDigits: true, mustContainSpecialChars: true });
  const weak = p.check('password');
  let code = null;
  try { p.check('\\ud800'); } catch (e) { code = isPassPolicyError(e) && e instanceof Error ? e.code : 'not a PassPolicyError'; }
  window.result = {
    vendor: p.vendor,
    weak: { ok: weak.ok, violations: weak.violations.map((v) => v.id).sort(), score: weak.strength.score },
    strong: { ok: p.check('Tr0ub4dor&3').ok, violations: [] },
    family: p.checkRules('\u{1F468}\u200D\u{1F469}\u200D\u{1F467}').length,
    loneSurrogate: code,
  };
  p.free();
  document.title = 'ok:';
} catch (e) { window.result = String(e && e.stack || e); document.title = 'error:'; }
</script>`,
  );
  const pkgDir = path.dirname(require.resolve('passpolicy/package.json'));
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.bin': 'application/octet-stream' };
  server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [base, rel] = url.startsWith('/pkg/') ? [pkgDir, url.slice(4)] : [out, url];
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

test('esbuild picked the browser entry of the installed package', () => {
  const bundle = fs.readFileSync(path.join(out, 'bundle.js'), 'utf8');
  assert.ok(!/__dirname|readFileSync|require\(/.test(bundle), 'the Node glue was bundled');
  assert.match(bundle, /module_or_path/);
  assert.ok(!bundle.includes('top-level await'));
});

/** Runs the bundle in a fresh Node process with `init(<expr>)`. */
function runInNode(initArgExpr) {
  const script = `
    import { run } from ${JSON.stringify(pathToFileURL(path.join(out, 'bundle.js')).href)};
    import fs from 'node:fs';
    const wasmPath = ${JSON.stringify(path.join(out, 'passpolicy_bg.wasm'))};
    const origin = ${JSON.stringify(origin)};
    console.log(JSON.stringify(await run(${initArgExpr})));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

test('the bundle checks passwords in Node with the wasm bytes', () => {
  // In Node a browser bundle cannot fetch file: URLs: it is handed every file as bytes.
  const bytes = (f) => `fs.readFileSync(${JSON.stringify(path.join(out, f))})`;
  assert.deepEqual(runInNode(`{ wasm: ${bytes('passpolicy_bg.wasm')}, commonPasswords: ${bytes('common.bin')}, strengthData: ${bytes('strength.bin')} }`), EXPECTED);
});

test('the bundle checks passwords in Node with the wasm URL (fetch)', async () => {
  // Node cannot fetch file: URLs, so this one comes from the local server.
  const r = await new Promise((resolve, reject) => {
    // spawnSync would block the server of this process: run the child asynchronously.
    import('node:child_process').then(({ execFile }) => {
      const script = `
        import { run } from ${JSON.stringify(pathToFileURL(path.join(out, 'bundle.js')).href)};
        console.log(JSON.stringify(await run(new URL('/passpolicy_bg.wasm', ${JSON.stringify(origin)}))));
      `;
      execFile(process.execPath, ['--input-type=module', '-e', script], (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop())));
    }, reject);
  });
  assert.deepEqual(r, EXPECTED);
});

const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const skipBrowser = process.env.PASSPOLICY_SKIP_BROWSER === '1' ? 'PASSPOLICY_SKIP_BROWSER=1'
  : !fs.existsSync(chromiumPath) ? `no Chromium at ${chromiumPath}` : false;

/** Loads `page` in Chromium; returns window.result once the title says ok:/error:. `fetched`
 * collects the paths the page requested. */
async function inChromium(pageName, fetched = []) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (['error', 'warning'].includes(m.type()) && !m.text().includes('favicon')) problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('requestfailed', (r) => !r.url().endsWith('favicon.ico') && problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${origin}/${pageName}`);
    await page.waitForFunction(() => document.title === 'ok:' || document.title === 'error:', null, { timeout: 30000 });
    const result = await page.evaluate(() => window.result);
    assert.equal(await page.title(), 'ok:', String(result));
    assert.deepEqual(problems, []);
    return result;
  } finally {
    await browser.close();
  }
}

test('the bundle checks passwords in Chromium with init(URL)', { skip: skipBrowser, timeout: 60000 }, async () => {
  assert.deepEqual(await inChromium('index.html'), EXPECTED);
});

test('the bundle checks passwords in Chromium with init() (default URL beside the bundle)', { skip: skipBrowser, timeout: 60000 }, async () => {
  assert.deepEqual(await inChromium('default.html'), EXPECTED);
});

test('no bundler: <script type="module"> imports the package\'s browser.js by path, init()', { skip: skipBrowser, timeout: 60000 }, async () => {
  assert.deepEqual(await inChromium('plain.html'), { ...EXPECTED, loneSurrogate: 'invalid_field' });
});

const RULES_EXPECTED = {
  weak: { ok: false, violations: ['chars.digit', 'chars.symbol', 'chars.upper'] },
  strong: { ok: true, violations: [] },
  family: { graphemes: 1, codePoints: 5, utf16: 8 },
  minlength: 8,
};

test('passpolicy/rules bundle in Chromium: only its wasm, never the strength file', { skip: skipBrowser, timeout: 60000 }, async () => {
  const fetched = [];
  assert.deepEqual(await inChromium('rules.html', fetched), RULES_EXPECTED);
  assert.deepEqual(fetched, ['/rules.html', '/rules-bundle.js', '/passpolicy_rules_bg.wasm']);
});

test('passpolicy/rules bundle in Chromium: common.bin only for a policy that asks for it', { skip: skipBrowser, timeout: 60000 }, async () => {
  const fetched = [];
  const r = await inChromium('rules-common.html', fetched);
  assert.deepEqual(r, { ...RULES_EXPECTED, weak: { ok: false, violations: ['chars.digit', 'chars.symbol', 'chars.upper', 'dictionary.common'] } });
  assert.deepEqual(fetched, ['/rules-common.html', '/rules-bundle.js', '/passpolicy_rules_bg.wasm', '/common.bin']);
});

test('passpolicy/rules bundle in Node with the wasm bytes', () => {
  const script = `
    import { run } from ${JSON.stringify(pathToFileURL(path.join(out, 'rules-bundle.js')).href)};
    import fs from 'node:fs';
    console.log(JSON.stringify(await run({ wasm: fs.readFileSync(${JSON.stringify(path.join(out, 'passpolicy_rules_bg.wasm'))}), commonPasswords: fs.readFileSync(${JSON.stringify(path.join(out, 'common.bin'))}) }, true)));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.deepEqual(got.weak.violations, ['chars.digit', 'chars.symbol', 'chars.upper', 'dictionary.common']);
});

test('the rules bundle holds none of the root import', () => {
  const bundle = fs.readFileSync(path.join(out, 'rules-bundle.js'), 'utf8');
  assert.ok(!bundle.includes('passpolicy_bg.wasm'), 'the root wasm is referenced');
  assert.ok(!bundle.includes('strength.bin'), 'the strength file is referenced');
  assert.ok(!/detectVendor|loadStrengthData/.test(bundle));
});
