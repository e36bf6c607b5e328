#!/usr/bin/env node
// Bytes a browser downloads: per file (raw, gzip -9, brotli q11), per library (bench/libs.mjs) and
// per tier of ours (TIERS below). Used by bench/run.mjs and bench/pageload.mjs; on its own,
//
//   node bench/bytes.mjs [--json]        the tier and peer byte tables of the current pkg/
//                                        (PASSPOLICY_PKG=/other/pkg for another build)
//
// prints the "Bytes per tier" section of the report (Markdown, or the JSON with --json) in a second.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH);
export const TMP = path.join(BENCH, 'results', 'tmp');

export const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
export const brotli = (buf) => zlib.brotliCompressSync(buf, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
}).length;
export const sizes = (name, buf) => ({ name, raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) });
const total = (files) => ({ files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0), brotli: files.reduce((s, f) => s + f.brotli, 0) });
/** GNU gzip -9 of a file (it compresses some wasm several % better than Node's zlib, Chromium's
 * fork); null when there is no `gzip` on the PATH. */
export function gnuGzip(file) {
  try { return execFileSync('gzip', ['-9c', file], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).length; } catch { return null; }
}

/** The files a browser fetches from `entry`: static and dynamic relative imports and
 * `new URL('…', import.meta.url)` assets (the wasm, the data files), followed from file to file. */
export function browserClosure(dir, entry) {
  const seen = [];
  const queue = [entry];
  while (queue.length) {
    const file = path.posix.normalize(queue.shift());
    if (seen.includes(file) || !fs.existsSync(path.join(dir, file))) continue;
    seen.push(file);
    if (!/\.m?js$/.test(file)) continue;
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    const base = path.posix.dirname(file);
    for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.\.?\/[^'"]+)\1/g)) queue.push(path.posix.join(base, m[2]));
    for (const m of src.matchAll(/new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)) queue.push(path.posix.join(base, m[2]));
  }
  return seen;
}

/** The esbuild bundle of a peer (ESM, minified, for browsers), as bench/libs.mjs describes it;
 * returns its path (bench/results/tmp/bundle-<id>/bundle.js). Also served by bench/pageload.mjs. */
export async function peerBundle(lib) {
  const { build } = await import('esbuild');
  const dir = path.join(TMP, `bundle-${lib.id}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(lib.browser.files ?? {})) fs.writeFileSync(path.join(dir, name), content());
  fs.writeFileSync(path.join(dir, 'entry.js'), lib.browser.bundle);
  await build({ entryPoints: [path.join(dir, 'entry.js')], outfile: path.join(dir, 'bundle.js'), bundle: true, minify: true, format: 'esm', platform: 'browser', logLevel: 'error' });
  return path.join(dir, 'bundle.js');
}

/** Files of ours fetched only when a page asks for them (loadLanguage, checkBreached / checkWithBreach). */
const ON_DEMAND = /^(lang-[a-z]+\.bin|breach\.js)$/;

/** What a browser downloads for one library of bench/libs.mjs (ours: `pkgDir`). */
export async function bytesOf(lib, pkgDir) {
  const b = lib.browser;
  let files;
  const of = (name, file) => ({ ...sizes(name, fs.readFileSync(file)), gnuGzip: gnuGzip(file) });
  // Ours: what check() needs, not what a page fetches only when it asks (a language pack, the breach check).
  if (b.closure) files = browserClosure(pkgDir, b.closure).filter((f) => !ON_DEMAND.test(f)).map((f) => of(f, path.join(pkgDir, f)));
  else if (b.bundle) {
    const file = await peerBundle(lib);
    files = [of(`esbuild bundle (${path.relative(ROOT, file)})`, file)];
  } else files = b.files.map((f) => of(path.relative(ROOT, f), f));
  return { ...total(files), gnuGzip: files.some((f) => f.gnuGzip == null) ? null : files.reduce((s, f) => s + f.gnuGzip, 0) };
}

// ---- the tiers of ours ----------------------------------------------------------------------------------
/** The downloads of the tiers, in the order a page fetches them. `target`: gzip bytes at most. */
export const TIERS = [
  { id: 'rules', label: '(a) passpolicy/rules, before the first check', files: ['rules.js', 'data.js', 'passpolicy_rules.js', 'passpolicy_rules_bg.wasm'], target: 60_000 },
  { id: 'rulesCommon', label: '(b) passpolicy/rules with dictionary.common', files: ['rules.js', 'data.js', 'passpolicy_rules.js', 'passpolicy_rules_bg.wasm', 'common.bin'], target: 85_000 },
  { id: 'root', label: "(c) passpolicy, before the first rules result (strength: 'background')", files: ['browser.js', 'data.js', 'passpolicy.js', 'passpolicy_bg.wasm', 'common.bin'] },
  { id: 'rootStrength', label: '(d) passpolicy, its strength download', files: ['strength.bin'] },
  { id: 'form', label: '(f) passpolicy/form, with either tier', files: ['form.js'] },
  // Language packs: fetched only when a page calls loadLanguage(code).
  { id: 'rootLangDe', label: "(g) passpolicy, the German language pack (loadLanguage('de'))", files: ['lang-de.bin'] },
  { id: 'rootLangFr', label: "(h) passpolicy, the French language pack (loadLanguage('fr'))", files: ['lang-fr.bin'] },
  { id: 'rootLangEs', label: "(i) passpolicy, the Spanish language pack (loadLanguage('es'))", files: ['lang-es.bin'] },
  // The breach check's code, imported by either tier on its first checkBreached / checkWithBreach.
  { id: 'breach', label: '(j) either tier, the breach check on first use', files: ['breach.js'], shared: true },
  // (e) is every distinct file of the tiers above, each counted once.
  { id: 'everything', label: '(e) everything (every file of every tier, once)', files: null, target: 400_000 },
];
/** The browser entries of the tiers, whose import/asset closure must be covered by the tiers' files. */
export const TIER_ENTRIES = { rules: 'rules.js', root: 'browser.js' };

/** Bytes of every tier of the package in `pkgDir`; `problems` lists a missing file, or a file that
 * an entry's closure reaches and that no tier counts. */
export function measureTiers(pkgDir) {
  const problems = [];
  const cache = new Map();
  const file = (name) => {
    if (!cache.has(name)) {
      const p = path.join(pkgDir, name);
      if (!fs.existsSync(p)) { problems.push(`${name} is missing from ${pkgDir}`); cache.set(name, { name, raw: 0, gzip: 0, brotli: 0, missing: true }); }
      else cache.set(name, { ...sizes(name, fs.readFileSync(p)), gnuGzip: gnuGzip(p) });
    }
    return cache.get(name);
  };
  const all = [...new Set(TIERS.flatMap((t) => t.files ?? []))];
  const tiers = TIERS.map((t) => {
    const files = (t.files ?? all).map(file);
    return { id: t.id, label: t.label, target: t.target ?? null, ...total(files), gnuGzip: files.some((f) => f.gnuGzip == null) ? null : files.reduce((s, f) => s + f.gnuGzip, 0) };
  });
  for (const [tier, entry] of Object.entries(TIER_ENTRIES)) {
    const counted = new Set(TIERS.filter((t) => t.id.startsWith(tier) || t.shared).flatMap((t) => t.files ?? []));
    for (const f of browserClosure(pkgDir, entry)) if (!counted.has(f)) problems.push(`${entry} reaches ${f}, which no ${tier} tier counts`);
  }
  for (const t of tiers) t.met = t.target === null ? null : t.gzip <= t.target;
  return { pkgDir, tiers, problems };
}

// ---- the report section ------------------------------------------------------------------------------------
const KB = (n) => (n == null ? 'n/a' : (n / 1000).toFixed(1));
export function table(headers, rows, { left = 1 } = {}) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i < left ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join(' | ')} |`;
  return [line(headers), `|${w.map((x, i) => (i < left ? ` ${'-'.repeat(x)} ` : ` ${'-'.repeat(x - 1)}: `)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Markdown of `measureTiers()`, with the peers' bytes (`peers`: [{ label, files, raw, gzip, brotli }]). */
export function tiersMarkdown(m, peers = []) {
  const out = ['## Bytes per tier (what a page downloads)', ''];
  const rows = [];
  for (const t of m.tiers) {
    if (t.id !== 'everything') for (const f of t.files) rows.push([`  ${f.name}${f.missing ? ' (MISSING)' : ''}`, '', f.raw.toLocaleString('en-US'), KB(f.gzip), KB(f.gnuGzip), KB(f.brotli), '']);
    rows.push([`**${t.label}**${t.id === 'everything' ? ` (${t.files.length} files)` : ''}`, t.target === null ? '' : `≤ ${KB(t.target)}`, t.raw.toLocaleString('en-US'), `**${KB(t.gzip)}**`, KB(t.gnuGzip), `**${KB(t.brotli)}**`, t.met === null ? '' : t.met ? 'met' : '**NOT MET**']);
  }
  for (const p of peers) rows.push([`peer: ${p.label} (${p.files.map((f) => f.name.replace(/ \(.*\)$/, '')).join(' + ')})`, '', p.raw.toLocaleString('en-US'), KB(p.gzip), KB(p.gnuGzip), KB(p.brotli), '']);
  out.push(table(['tier / file', 'target gzip KB', 'raw bytes', 'gzip KB', 'GNU gzip -9 KB', 'brotli KB', ''], rows), '');
  out.push(`KB = 1,000 bytes; gzip (Node's zlib, level 9: the figure the targets are judged on, and what bench/pageload.mjs serves), GNU gzip -9 (for information) and brotli q11 of each file on its own (as a server or CDN compresses each response), summed. From ${path.relative(ROOT, m.pkgDir) || m.pkgDir}. (a) rules.js and what it imports plus passpolicy_rules_bg.wasm; (b) adds common.bin, which rules.js fetches only for a policy with dictionary.common; (c) browser.js with init({ strength: 'background' }) resolves after its wasm and common.bin; (d) strength.bin arrives after that; (e) counts each file once; (f) form.js, the form binding (no wasm of its own). (g)–(i) the language packs, each fetched only when a page loads that language; (j) breach.js, fetched by either tier on the first checkBreached or checkWithBreach. Peers: zxcvbn its dist/zxcvbn.js, password-validator the esbuild bundle of bench/libs.mjs (with the 10,000-password list).`);
  if (m.problems.length) out.push('', ...m.problems.map((p) => `- **PROBLEM**: ${p}`));
  out.push('');
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pkgDir = process.env.PASSPOLICY_PKG ? path.resolve(process.env.PASSPOLICY_PKG) : path.join(ROOT, 'pkg');
  process.env.PASSPOLICY_PKG = pkgDir;
  const { PEERS } = await import('./libs.mjs');
  const peers = [];
  for (const lib of PEERS.filter((l) => ['zxcvbn', 'password-validator'].includes(l.id))) peers.push({ id: lib.id, label: `${lib.label} ${lib.version}`, ...(await bytesOf(lib, pkgDir)) });
  const m = measureTiers(pkgDir);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ ...m, peers }, null, 2)}\n`);
  else process.stdout.write(tiersMarkdown(m, peers));
  if (m.problems.length) process.exitCode = 1;
}
