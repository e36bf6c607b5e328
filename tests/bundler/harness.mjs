// Shared by vite.test.mjs and webpack.test.mjs: the pages' HTML, a static file server, and a
// Chromium (playwright-core, the system browser, never a downloaded one) that loads a page and
// reports its result, its errors and which of the package's files it downloaded.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const here = path.dirname(fileURLToPath(import.meta.url));
/** The installed tarball (tests/node_modules/passpolicy). */
export const pkgDir = path.dirname(require.resolve('passpolicy/package.json'));

export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const skipBrowser = process.env.PASSPOLICY_SKIP_BROWSER === '1' ? 'PASSPOLICY_SKIP_BROWSER=1'
  : !fs.existsSync(chromiumPath) ? `no Chromium at ${chromiumPath}` : false;

/** The package's downloadable files by the sha256 of their bytes: whatever a bundler renamed
 * them to, a response with these bytes is that file. */
const PACKAGE_FILES = new Map(
  ['passpolicy_bg.wasm', 'passpolicy_rules_bg.wasm', 'common.bin', 'strength.bin'].map((f) => [
    createHash('sha256').update(fs.readFileSync(path.join(pkgDir, f))).digest('hex'),
    f,
  ]),
);

/** What the pages must report (see app/rules-page.js and app/root-page.js). */
export const RULES_EXPECTED = {
  weak: { ok: false, violations: ['chars.digit', 'chars.symbol', 'chars.upper'] },
  strong: { ok: true, violations: [] },
  minlength: 8,
};
export const RULES_COMMON_EXPECTED = {
  ...RULES_EXPECTED,
  weak: { ok: false, violations: ['chars.digit', 'chars.symbol', 'chars.upper', 'dictionary.common'] },
};
export const ROOT_EXPECTED = {
  vendor: 'sumologic',
  early: ['chars.digit', 'chars.symbol', 'chars.upper'],
  weak: { ok: false, violations: ['chars.digit', 'chars.symbol', 'chars.upper'], score: 0 },
  strong: { ok: true, violations: [], scored: true },
};

/** An HTML page that runs `script` (a path relative to the page) as a module. */
export function page(script) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>running</title></head>
<body><script type="module" src="${script}"></script></body></html>
`;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `dir` statically on 127.0.0.1 (a/ is a/index.html; 404 for what is not a file).
 * Returns { origin, close }. */
export async function serveStatic(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(dir, path.normalize(rel.endsWith('/') ? `${rel}index.html` : rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium; `load(url)` opens the page in a fresh context and resolves with
 * { result, files } once its title says ok: or error:, after asserting that it said ok: and had
 * no page error, console error or failed request. `files` lists the package files it downloaded,
 * sorted (identified by their bytes, whatever their name), `paths` maps each to its URL path. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS });
  return {
    close: () => browser.close(),
    async load(url) {
      const context = await browser.newContext();
      try {
        const p = await context.newPage();
        const problems = [];
        const downloads = [];
        p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        p.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
        });
        p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
        p.on('requestfinished', (r) => {
          downloads.push(
            r.response().then(async (res) => {
              const body = res && res.status() === 200 ? await res.body().catch(() => null) : null;
              const name = body && PACKAGE_FILES.get(createHash('sha256').update(body).digest('hex'));
              return name && [name, new URL(r.url()).pathname];
            }),
          );
        });
        await p.goto(url);
        await p.waitForFunction(() => document.title === 'ok:' || document.title === 'error:', null, { timeout: 30000 });
        const result = await p.evaluate(() => window.result);
        assert.equal(await p.title(), 'ok:', `${url}: ${String(result)}\n${problems.join('\n')}`);
        assert.deepEqual(problems, [], url);
        const fetched = (await Promise.all(downloads)).filter(Boolean);
        return { result, files: fetched.map(([name]) => name).sort(), paths: Object.fromEntries(fetched) };
      } finally {
        await context.close();
      }
    },
  };
}
