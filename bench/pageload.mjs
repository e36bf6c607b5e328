#!/usr/bin/env node
// Browser page loads over an emulated network: how long a page takes, from navigation start, to its
// first rules result and its first strength score, with passpolicy's tiers and with the peers.
//
//   node bench/pageload.mjs [options]     writes bench/results/pageload.{md,json} (bench/run.mjs
//                                         runs the same and puts it into latest.{md,json})
//   --runs N          page loads per page and network profile; the report gives medians (default 5)
//   --profiles LIST   network profiles, of: slow (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT),
//                     fast (4 Mbit/s, 3 Mbit/s, 100 ms), none (no throttling) (default slow,fast)
//   --pages LIST      of: rules, rules-common, rules-common-init, root, zxcvbn, password-validator
//                     (default all)
//   --timeout S       seconds a page may take to report (default 60)
//   PASSPOLICY_PKG=/other/pkg measures another build (default pkg/, snapshotted to bench/results/tmp/pkg)
//
// A static HTTP server on 127.0.0.1 serves the pages, the package and the peers, gzip-compressed
// (Node's zlib, level 9, as bench/bytes.mjs counts them; Content-Encoding: gzip for .js, .wasm and
// .bin; application/wasm; Cache-Control: no-store). Debian's Chromium (/usr/bin/chromium, or
// $CHROMIUM) is driven with playwright-core; each page load gets a fresh browser context, the HTTP
// cache disabled (CDP Network.setCacheDisabled) and the network throttled (CDP
// Network.emulateNetworkConditions). Each page records performance.now() (time since navigation
// start) when its result is there. The URLs every load requested are logged, and the script FAILS
// (exit code 1, "FAILED" in the report) when a page fetched a file its tier must not fetch, e.g.
// the passpolicy/rules page without dictionary.common fetching strength.bin, passpolicy_bg.wasm or
// common.bin.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { ROOT, TMP, peerBundle, table } from './bytes.mjs';

export const PROFILES = {
  // DevTools throughputs are bytes per second; Mbit = 10^6 bit.
  slow: { label: '1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT', downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, latency: 150 },
  fast: { label: '4 Mbit/s down, 3 Mbit/s up, 100 ms RTT', downloadThroughput: 4e6 / 8, uploadThroughput: 3e6 / 8, latency: 100 },
  none: { label: 'no throttling (loopback)', downloadThroughput: -1, uploadThroughput: -1, latency: 0 },
};
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PASSWORD = 'Tr0ub4dor&3';

/** A Sumo Logic-like canonical policy (what `normalize()` makes of Sumo's defaults, rules only). */
export const SUMO_POLICY = {
  version: 1,
  length: { min: 8, max: 128 },
  classes: [{ class: 'lower', min: 1 }, { class: 'upper', min: 1 }, { class: 'digit', min: 1 }, { class: 'symbol', min: 1 }],
};
const SUMO_POLICY_COMMON = { ...SUMO_POLICY, dictionary: { common: true } };

// Every page sets window.__result = { firstRules?, firstScore?, ... } (performance.now() values) or
// { error }. The harness (errors, the result) is inline in the HTML and costs no request.
const harness = `<script>
  window.addEventListener('error', (e) => { window.__result ??= { error: String(e.message || e) }; });
  window.addEventListener('unhandledrejection', (e) => { window.__result ??= { error: String(e.reason && e.reason.stack || e.reason) }; });
</script>`;
const html = (title, body) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${harness}</head><body>${body}</body></html>\n`;
const summary = (r) => `{ ok: r.ok, violations: r.violations.map((v) => v.id ?? v), statuses: Object.fromEntries(r.rules.map((x) => [x.id, x.status])) }`;

/** The pages. `forbid`: files (by name) the page must not request; `require`: files it must request. */
export const PAGES = [
  {
    id: 'rules', label: 'passpolicy/rules (no dictionary.common)', measures: ['firstRules'],
    forbid: ['strength.bin', 'passpolicy_bg.wasm', 'common.bin', 'passpolicy.js'], require: ['passpolicy_rules_bg.wasm'],
    html: html('passpolicy/rules', `<script type="module">
      import { init, PasswordPolicy } from './pkg/rules.js';
      await init();
      const policy = PasswordPolicy.from(${JSON.stringify(SUMO_POLICY)});
      const r = policy.checkRules(${JSON.stringify(PASSWORD)});
      const firstRules = performance.now();
      window.__result = { firstRules, rules: ${summary('r')} };
    </script>`),
  },
  {
    id: 'rules-common', label: 'passpolicy/rules + dictionary.common (await ready())', measures: ['firstRules'],
    forbid: ['strength.bin', 'passpolicy_bg.wasm', 'passpolicy.js'], require: ['passpolicy_rules_bg.wasm', 'common.bin'],
    html: html('passpolicy/rules + common', `<script type="module">
      import { init, PasswordPolicy, ready } from './pkg/rules.js';
      await init();
      const policy = PasswordPolicy.from(${JSON.stringify(SUMO_POLICY_COMMON)});
      await ready();
      const r = policy.checkRules(${JSON.stringify(PASSWORD)});
      const firstRules = performance.now();
      window.__result = { firstRules, rules: ${summary('r')} };
    </script>`),
  },
  {
    // The same with the list preloaded: init({ common: true }) fetches common.bin beside the wasm
    // instead of after it (PasswordPolicy.from can only run once the wasm is there).
    id: 'rules-common-init', label: 'passpolicy/rules + dictionary.common, init({ common: true })', measures: ['firstRules'],
    forbid: ['strength.bin', 'passpolicy_bg.wasm', 'passpolicy.js'], require: ['passpolicy_rules_bg.wasm', 'common.bin'],
    html: html('passpolicy/rules + common, preloaded', `<script type="module">
      import { init, PasswordPolicy, ready } from './pkg/rules.js';
      await init({ common: true });
      const policy = PasswordPolicy.from(${JSON.stringify(SUMO_POLICY_COMMON)});
      await ready();
      const r = policy.checkRules(${JSON.stringify(PASSWORD)});
      const firstRules = performance.now();
      window.__result = { firstRules, rules: ${summary('r')} };
    </script>`),
  },
  {
    id: 'root', label: "passpolicy, init({ strength: 'background' })", measures: ['firstRules', 'firstScore'],
    forbid: ['passpolicy_rules_bg.wasm', 'passpolicy_rules.js'], require: ['passpolicy_bg.wasm', 'common.bin', 'strength.bin'],
    html: html('passpolicy', `<script type="module">
      import { init, PasswordPolicy, strengthReady } from './pkg/browser.js';
      await init({ strength: 'background' });
      const policy = PasswordPolicy.from(${JSON.stringify(SUMO_POLICY)});
      const r = policy.checkRules(${JSON.stringify(PASSWORD)});
      const firstRules = performance.now();
      await strengthReady();
      const c = policy.check(${JSON.stringify(PASSWORD)});
      const firstScore = performance.now();
      window.__result = { firstRules, firstScore, score: c.strength.score, rules: ${summary('r')} };
    </script>`),
  },
  {
    id: 'zxcvbn', label: 'zxcvbn 4.4.2 (dist/zxcvbn.js, classic script)', measures: ['firstScore'],
    html: html('zxcvbn', `<script src="./zxcvbn.js"></script>
    <script>
      const r = zxcvbn(${JSON.stringify(PASSWORD)});
      window.__result = { firstScore: performance.now(), score: r.score };
    </script>`),
  },
  {
    id: 'password-validator', label: 'password-validator 5.3.0 (esbuild bundle)', measures: ['firstRules'],
    html: html('password-validator', `<script type="module">
      import { schema } from './password-validator.js';
      const failed = schema.validate(${JSON.stringify(PASSWORD)}, { list: true });
      window.__result = { firstRules: performance.now(), failed };
    </script>`),
  },
];

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.json': 'application/json' };
const GZIP = new Set(['.js', '.mjs', '.wasm', '.bin', '.json']);

/** A static server of `routes` (URL path → file), every response compressed up front. */
async function startServer(routes) {
  const entries = new Map();
  for (const [url, file] of Object.entries(routes)) {
    const body = fs.readFileSync(file);
    const ext = path.extname(file);
    entries.set(url, { body, gz: GZIP.has(ext) ? zlib.gzipSync(body, { level: 9 }) : null, type: MIME[ext] ?? 'application/octet-stream' });
  }
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x').pathname;
    const e = entries.get(url);
    if (!e) {
      log.push({ url, status: 404 });
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('not found');
      return;
    }
    const gz = e.gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gz ? e.gz : e.body;
    log.push({ url, status: 200, bytes: body.length, encoding: gz ? 'gzip' : 'identity' });
    res.writeHead(200, { 'Content-Type': e.type, 'Content-Length': body.length, 'Cache-Control': 'no-store', ...(gz && { 'Content-Encoding': 'gzip' }), Vary: 'Accept-Encoding' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, log, origin: `http://127.0.0.1:${server.address().port}` };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length === 0 ? null : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

/**
 * Runs the page loads. `pkgDir`: the package to serve; `runs`, `profiles`, `pages` (ids),
 * `timeoutS`; `log(msg)` for progress. Returns everything (the JSON of the report).
 */
export async function runPageload({ pkgDir, runs = 5, profiles = ['slow', 'fast'], pages = PAGES.map((p) => p.id), timeoutS = 60, log = () => {} }) {
  const { chromium } = await import('playwright-core');
  const { PEERS } = await import('./libs.mjs');
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  const selected = pages.map((id) => PAGES.find((p) => p.id === id) ?? (() => { throw new Error(`pageload: unknown page ${id}`); })());
  for (const p of profiles) if (!PROFILES[p]) throw new Error(`pageload: unknown profile ${p} (${Object.keys(PROFILES).join(', ')})`);

  // The site: pages + the package + the peers.
  const site = path.join(TMP, 'pageload');
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  const routes = {};
  for (const p of selected) { fs.writeFileSync(path.join(site, `${p.id}.html`), p.html); routes[`/${p.id}.html`] = path.join(site, `${p.id}.html`); }
  for (const f of fs.readdirSync(pkgDir)) if (/\.(js|wasm|bin)$/.test(f)) routes[`/pkg/${f}`] = path.join(pkgDir, f);
  const zx = PEERS.find((l) => l.id === 'zxcvbn');
  routes['/zxcvbn.js'] = zx.browser.files[0];
  if (pages.includes('password-validator')) routes['/password-validator.js'] = await peerBundle(PEERS.find((l) => l.id === 'password-validator'));
  const { server, log: serverLog, origin } = await startServer(routes);

  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const env = { chromium: browser.version(), executablePath, args: CHROMIUM_ARGS, playwrightCore: JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/playwright-core/package.json'), 'utf8')).version, origin, pkgDir: path.relative(ROOT, pkgDir) || pkgDir, runs, timeoutS, password: PASSWORD };
  log(`pageload: Chromium ${env.chromium}, ${selected.length} pages × ${profiles.length} profiles × ${runs} loads, served from ${origin}`);
  const loads = [];
  try {
    for (const profile of profiles) {
      const net = PROFILES[profile];
      for (let run = 0; run < runs; run++) {
        for (const page of selected) { // round-robin, so that a slow moment of the machine does not hit one page only
          const context = await browser.newContext();
          const tab = await context.newPage();
          const cdp = await context.newCDPSession(tab);
          await cdp.send('Network.enable');
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
          await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: net.latency, downloadThroughput: net.downloadThroughput, uploadThroughput: net.uploadThroughput });
          const requested = [];
          tab.on('request', (r) => requested.push(r.url().replace(origin, '')));
          serverLog.length = 0;
          const t0 = Date.now();
          let result;
          try {
            await tab.goto(`${origin}/${page.id}.html`, { waitUntil: 'commit', timeout: timeoutS * 1000 });
            await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: timeoutS * 1000, polling: 50 });
            result = await tab.evaluate(() => window.__result);
          } catch (e) {
            result = { error: `no result: ${e.message.split('\n')[0]}` };
          }
          const resources = await tab.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ url: new URL(e.name).pathname, start: +e.startTime.toFixed(1), end: +e.responseEnd.toFixed(1), transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize }))).catch(() => []);
          await context.close();
          const served = serverLog.map((x) => ({ ...x }));
          const names = requested.map((u) => path.posix.basename(new URL(u, 'http://x').pathname));
          const problems = [];
          if (result.error) problems.push(`error: ${result.error}`);
          for (const f of page.forbid ?? []) if (names.includes(f)) problems.push(`requested ${f}, which this tier must not fetch`);
          for (const f of page.require ?? []) if (!names.includes(f)) problems.push(`did not request ${f}`);
          for (const [id, status] of Object.entries(result.rules?.statuses ?? {})) if (status === 'unchecked') problems.push(`rule ${id} was unchecked`);
          const load = { page: page.id, profile, run, wallMs: Date.now() - t0, ...result, requested, served, resources, problems };
          loads.push(load);
          if (problems.length) log(`  FAILED: ${page.id} (${profile}, load ${run + 1}): ${problems.join('; ')}`);
          log(`  ${profile} ${run + 1}/${runs} ${page.id.padEnd(18)} ${page.measures.map((m) => `${m} ${result[m] === undefined ? 'n/a' : `${result[m].toFixed(0)} ms`}`).join(', ')}; ${requested.length} requests, ${served.reduce((s, x) => s + (x.bytes ?? 0), 0).toLocaleString('en-US')} bytes served`);
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  // Medians per page and profile.
  const summaryRows = [];
  for (const page of selected) {
    for (const profile of profiles) {
      const ls = loads.filter((l) => l.page === page.id && l.profile === profile);
      const stat = (m) => {
        const xs = ls.map((l) => l[m]).filter((x) => typeof x === 'number');
        return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, runs: xs } : null;
      };
      const urlSets = [...new Set(ls.map((l) => [...l.requested].sort().join(' ')))];
      // When each file started and finished (resource timing, ms from navigation start), medians.
      const files = [...new Set(ls.flatMap((l) => l.resources.map((x) => x.url)))];
      const waterfall = files.map((url) => {
        const xs = ls.map((l) => l.resources.find((x) => x.url === url)).filter(Boolean);
        return { url, start: median(xs.map((x) => x.start)), end: median(xs.map((x) => x.end)), transferSize: median(xs.map((x) => x.transferSize)), loads: xs.length };
      }).sort((a, b) => a.start - b.start);
      summaryRows.push({
        page: page.id, label: page.label, profile,
        firstRules: page.measures.includes('firstRules') ? stat('firstRules') : null,
        firstScore: page.measures.includes('firstScore') ? stat('firstScore') : null,
        requested: ls[0]?.requested ?? [],
        requestsVaried: urlSets.length > 1,
        waterfall,
        bytesServed: median(ls.map((l) => l.served.reduce((s, x) => s + (x.bytes ?? 0), 0))),
        failures: ls.flatMap((l) => l.problems.map((p) => `load ${l.run + 1}: ${p}`)),
      });
    }
  }
  const failures = summaryRows.flatMap((r) => r.failures.map((f) => `${r.page} (${r.profile}) ${f}`));
  const targets = [];
  const slow = (page) => summaryRows.find((r) => r.page === page && r.profile === 'slow');
  if (slow('rules')?.firstRules) targets.push({ target: 'first rules result ≤ 0.8 s on the 1.6 Mbit/s link: passpolicy/rules', met: slow('rules').firstRules.median <= 800, value: `${slow('rules').firstRules.median.toFixed(0)} ms (median)` });
  if (slow('rules-common')?.firstRules) targets.push({ target: 'first rules result ≤ 0.8 s on the 1.6 Mbit/s link: passpolicy/rules with dictionary.common', met: slow('rules-common').firstRules.median <= 800, value: `${slow('rules-common').firstRules.median.toFixed(0)} ms (median)` });
  if (slow('root')?.firstScore) {
    const zx = slow('zxcvbn')?.firstScore;
    targets.push({ target: 'first strength score ≤ 2.5 s on the 1.6 Mbit/s link: passpolicy', met: slow('root').firstScore.median <= 2500, value: `${slow('root').firstScore.median.toFixed(0)} ms (median)${zx ? `; zxcvbn 4.4.2 ${zx.median.toFixed(0)} ms` : ''}` });
  }
  targets.push({ target: 'no page fetched a file its tier must not fetch, and every page produced its result', met: failures.length === 0, value: failures.length ? `${failures.length} failure(s): ${failures.slice(0, 5).join('; ')}` : 'none' });
  return { env, profiles: Object.fromEntries(profiles.map((p) => [p, PROFILES[p]])), pages: selected.map(({ html: _, ...p }) => p), summary: summaryRows, targets, failures, loads };
}

const ms = (s) => (s ? `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})` : '—');
/** The Markdown section of a runPageload() result. */
export function pageloadMarkdown(r) {
  const out = ['## Browser page loads (emulated network)', ''];
  const profiles = Object.keys(r.profiles);
  const rows = [...new Set(r.summary.map((s) => s.page))].map((page) => {
    const label = r.summary.find((s) => s.page === page).label;
    return [label, ...profiles.flatMap((p) => { const s = r.summary.find((x) => x.page === page && x.profile === p); return [ms(s.firstRules), ms(s.firstScore), (s.bytesServed / 1000).toFixed(1)]; })];
  });
  out.push(table(['page', ...profiles.flatMap((p) => [`${p}: first rules ms`, `${p}: first score ms`, `${p}: KB served`])], rows), '');
  out.push(`Milliseconds from navigation start (performance.now() when the result is there), median (min–max) of ${r.env.runs} loads, each in a fresh browser context with the HTTP cache disabled; "KB served": bytes on the wire (gzip) of the page's responses, median. Profiles: ${profiles.map((p) => `${p} = ${r.profiles[p].label}`).join('; ')} (CDP Network.emulateNetworkConditions). Chromium ${r.env.chromium} (${r.env.executablePath}), playwright-core ${r.env.playwrightCore}; local server, gzip level 9; the password ${JSON.stringify(r.env.password)}; passpolicy pages use a Sumo Logic-like canonical policy (length 8–128, lower, upper, digit, symbol); password-validator the rules of bench/libs.mjs.`, '');
  out.push('Requests of each page (first load of the first profile):', '');
  for (const page of r.pages) {
    const s = r.summary.find((x) => x.page === page.id);
    out.push(`- ${page.label}: ${s.requested.join(', ')}${r.summary.some((x) => x.page === page.id && x.requestsVaried) ? ' (varied between loads: see pageload loads in the JSON)' : ''}${page.forbid ? `; must not fetch ${page.forbid.join(', ')}` : ''}`);
  }
  out.push('');
  out.push(`When each file arrived on the ${profiles[0]} link (resource timing, ms from navigation start: start → end, median; the page's HTML is not listed):`, '');
  for (const page of r.pages) {
    const s = r.summary.find((x) => x.page === page.id && x.profile === profiles[0]);
    out.push(`- ${page.id}: ${s.waterfall.map((w) => `${path.posix.basename(w.url)} ${w.start.toFixed(0)} → ${w.end.toFixed(0)}`).join(', ')}; result ${[s.firstRules && `rules ${s.firstRules.median.toFixed(0)}`, s.firstScore && `score ${s.firstScore.median.toFixed(0)}`].filter(Boolean).join(', ')}`);
  }
  out.push('');
  out.push('Page-load targets:', '');
  for (const t of r.targets) out.push(`- ${t.met ? 'met' : t.target.startsWith('no page') ? '**FAILED**' : 'NOT MET'}: ${t.target}: ${t.value}`);
  if (r.failures.length) { out.push('', '**FAILURES**:', ...r.failures.map((f) => `- ${f}`)); }
  out.push('');
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: opt } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      profiles: { type: 'string', default: 'slow,fast' },
      pages: { type: 'string', default: PAGES.map((p) => p.id).join(',') },
      timeout: { type: 'string', default: '60' },
    },
  });
  const started = Date.now();
  const log = (msg) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
  let pkgDir = process.env.PASSPOLICY_PKG ? path.resolve(process.env.PASSPOLICY_PKG) : path.join(ROOT, 'pkg');
  if (!fs.existsSync(path.join(pkgDir, 'rules.js'))) { console.error(`bench/pageload.mjs: ${pkgDir}/rules.js is missing: build the package first (node scripts/build.mjs)`); process.exit(2); }
  if (!process.env.PASSPOLICY_PKG) {
    const snapshot = path.join(TMP, 'pkg');
    fs.rmSync(snapshot, { recursive: true, force: true });
    fs.cpSync(pkgDir, snapshot, { recursive: true });
    pkgDir = snapshot;
  }
  process.env.PASSPOLICY_PKG = pkgDir;
  const r = await runPageload({ pkgDir, runs: Number(opt.runs), profiles: opt.profiles.split(','), pages: opt.pages.split(','), timeoutS: Number(opt.timeout), log });
  r.env.date = new Date().toISOString();
  r.env.machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, loadavgEnd: os.loadavg().map((l) => +l.toFixed(2)) };
  const md = `# passpolicy page loads (bench/pageload.mjs)\n\n${r.env.date} · ${r.env.machine.cpu} × ${r.env.machine.cores} · load average ${r.env.machine.loadavgEnd.join(' ')} at the end\n\n${pageloadMarkdown(r)}`;
  process.stdout.write(md);
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'pageload.md'), md);
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'pageload.json'), `${JSON.stringify(r, null, 2)}\n`);
  if (r.failures.length) {
    process.stderr.write(`\nbench/pageload.mjs: FAILED: ${r.failures.length} page load(s) broke an assertion:\n${r.failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}
