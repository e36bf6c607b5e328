// Vite 5, 7 and 8 (devDependencies vite5, vite7, vite8: npm aliases of vite) with no
// configuration about passpolicy: for each version a scratch project in a temp dir, with the
// installed tarball copied to its node_modules/passpolicy (as `npm install` would put it: a real
// directory inside node_modules, so that the dev server pre-bundles it like any dependency), and
// two pages (tests/bundler/app): rules.html (`passpolicy/rules`; `?common` compiles a policy with
// dictionary.common) and index.html (`passpolicy`, init({ strength: 'background' })).
//   - `vite build` (API), dist/ served by a static server, the pages loaded in Chromium;
//   - the dev server (createServer API), the pages loaded in Chromium: Vite 5 to 7 serve the
//     package pre-bundled from node_modules/.vite/deps/ (see packageUrl() in js/data.js).
// Each page must report real results with no page error, console error or failed request, and
// download only the package files of its tier (identified by their bytes). The Chromium parts are
// skipped when PASSPOLICY_SKIP_BROWSER=1 or there is no Chromium; the builds run regardless.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  here, pkgDir, page, serveStatic, launchChromium, skipBrowser,
  RULES_EXPECTED, RULES_COMMON_EXPECTED, ROOT_EXPECTED,
} from './harness.mjs';

let chromium;
before(async () => {
  if (!skipBrowser) chromium = await launchChromium();
});
after(() => chromium?.close());

/** A scratch Vite project: package.json, the two pages and their scripts, node_modules/passpolicy. */
function scratchProject(version) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `passpolicy-vite${version}-`)));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ private: true, type: 'module', dependencies: { passpolicy: '*' } }));
  fs.cpSync(pkgDir, path.join(root, 'node_modules', 'passpolicy'), { recursive: true });
  for (const f of ['rules-page.js', 'root-page.js']) fs.copyFileSync(path.join(here, 'app', f), path.join(root, f));
  fs.writeFileSync(path.join(root, 'rules.html'), page('./rules-page.js'));
  fs.writeFileSync(path.join(root, 'index.html'), page('./root-page.js'));
  return root;
}

/** A Vite logger that records warnings and errors (and prints nothing). */
function recordingLogger(vite, messages) {
  const logger = vite.createLogger('silent');
  const record = (level) => (msg) => messages.push(`${level}: ${msg}`);
  return { ...logger, warn: record('warn'), warnOnce: record('warn'), error: record('error') };
}

/** The pages of a running site at `origin`, checked in Chromium. */
function pageTests(label, getOrigin, { dev }) {
  test(`${label}: passpolicy/rules page downloads only the rules wasm`, { skip: skipBrowser, timeout: 60000 }, async () => {
    const { result, files, paths } = await chromium.load(`${getOrigin()}/rules.html`);
    assert.deepEqual(result, RULES_EXPECTED);
    assert.deepEqual(files, ['passpolicy_rules_bg.wasm']);
    // The dev server serves the package's own file (Vite 5-7 through packageUrl(), Vite 8 itself).
    if (dev) assert.equal(paths['passpolicy_rules_bg.wasm'], '/node_modules/passpolicy/passpolicy_rules_bg.wasm');
  });

  test(`${label}: passpolicy/rules page fetches common.bin for a policy with dictionary.common`, { skip: skipBrowser, timeout: 60000 }, async () => {
    const { result, files, paths } = await chromium.load(`${getOrigin()}/rules.html?common`);
    assert.deepEqual(result, RULES_COMMON_EXPECTED);
    assert.deepEqual(files, ['common.bin', 'passpolicy_rules_bg.wasm']);
    if (dev) assert.equal(paths['common.bin'], '/node_modules/passpolicy/common.bin');
  });

  test(`${label}: passpolicy page, init({ strength: 'background' }) then strengthReady()`, { skip: skipBrowser, timeout: 60000 }, async () => {
    const { result, files, paths } = await chromium.load(`${getOrigin()}/`);
    assert.deepEqual(result, ROOT_EXPECTED);
    assert.deepEqual(files, ['common.bin', 'passpolicy_bg.wasm', 'strength.bin']);
    if (dev) assert.equal(paths['strength.bin'], '/node_modules/passpolicy/strength.bin');
  });
}

test('packageUrl() moves only URLs inside node_modules/.vite/deps/ into node_modules/passpolicy/', async () => {
  // data.js is no export of the package: imported by path from the installed tarball.
  const { packageUrl } = await import(pathToFileURL(path.join(pkgDir, 'data.js')).href);
  const moved = (u) => packageUrl(new URL(u)).href;
  // Vite 5-7's dev server: the pre-bundled copy, in the project's cache dir or (/@fs/) outside the root.
  assert.equal(moved('http://localhost:5173/node_modules/.vite/deps/passpolicy_bg.wasm'), 'http://localhost:5173/node_modules/passpolicy/passpolicy_bg.wasm');
  assert.equal(moved('http://h/@fs/srv/app/node_modules/.vite/deps/common.bin'), 'http://h/@fs/srv/app/node_modules/passpolicy/common.bin');
  // Everything else is returned as is: the package itself, builds, webpack, Node file: URLs.
  for (const u of [
    'http://localhost:5173/node_modules/passpolicy/passpolicy_bg.wasm',
    'http://h/assets/passpolicy_bg-B2x9.wasm',
    'http://h/059686face68466c0feb.wasm',
    'http://h/.vite/deps/strength.bin',
    'file:///srv/app/node_modules/passpolicy/strength.bin',
  ]) assert.equal(moved(u), u);
});

for (const version of [5, 7, 8]) {
  describe(`Vite ${version}`, () => {
    let vite;
    let root;
    let staticServer;
    let devServer;
    const buildMessages = [];
    const devMessages = [];

    before(async () => {
      vite = await import(`vite${version}`);
      root = scratchProject(version);
    });

    after(async () => {
      await devServer?.close();
      await staticServer?.close();
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    test(`vite build (Vite ${version})`, { timeout: 120000 }, async (t) => {
      assert.equal(vite.version.split('.')[0], String(version));
      const input = { index: path.join(root, 'index.html'), rules: path.join(root, 'rules.html') };
      await vite.build({
        root,
        configFile: false,
        logLevel: 'warn',
        customLogger: recordingLogger(vite, buildMessages),
        // Two pages: the multi-page input (rolldownOptions from Vite 8 on, rollupOptions before).
        build: { outDir: path.join(root, 'dist'), [version >= 8 ? 'rolldownOptions' : 'rollupOptions']: { input } },
      });
      for (const m of buildMessages) t.diagnostic(m);
      assert.deepEqual(buildMessages.filter((m) => /passpolicy|wasm|\.bin|import\.meta/i.test(m)), []);
      // The package's files were emitted as assets, with the bytes of the package.
      const assets = fs.readdirSync(path.join(root, 'dist', 'assets'));
      for (const f of ['passpolicy_bg', 'passpolicy_rules_bg', 'common', 'strength']) {
        assert.ok(assets.some((a) => a.startsWith(`${f}-`)), `${f} not emitted: ${assets.join(' ')}`);
      }
      if (!skipBrowser) staticServer = await serveStatic(path.join(root, 'dist'));
    });

    pageTests(`vite build (Vite ${version})`, () => staticServer.origin, { dev: false });

    test(`dev server starts (Vite ${version})`, { timeout: 60000 }, async () => {
      devServer = await vite.createServer({
        root,
        configFile: false,
        logLevel: 'warn',
        customLogger: recordingLogger(vite, devMessages),
        server: { host: '127.0.0.1', port: 5173 + version * 10 },
      });
      await devServer.listen();
    });

    describe(`dev server (Vite ${version})`, () => {
      pageTests(`dev server (Vite ${version})`, () => `http://127.0.0.1:${devServer.httpServer.address().port}`, { dev: true });

      test(`dev server (Vite ${version}): the package was pre-bundled into node_modules/.vite/deps, no warnings`, { skip: skipBrowser }, () => {
        // Whatever the version, the pages above ran the pre-bundled copy: that is the case to fix.
        const deps = fs.readdirSync(path.join(root, 'node_modules', '.vite', 'deps'));
        assert.ok(deps.includes('passpolicy.js') && deps.includes('passpolicy_rules.js'), deps.join(' '));
        assert.deepEqual(devMessages, []);
      });
    });
  });
}
