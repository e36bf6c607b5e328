#!/usr/bin/env node
// passpolicy side by side with its JavaScript peers: zxcvbn 4.4.2, @zxcvbn-ts/core 4.x
// (+ language-common, language-en), password-validator 5.3 and owasp-password-strength-test.
//
//   bash bench/run.sh            the one command: npm ci, builds pkg/ when it is missing, then this
//   node bench/run.mjs [options] against the current pkg/ (PASSPOLICY_PKG=/other/pkg for another build)
//
//   --corpus N        passwords in the corpus (default 20000)
//   --runs N          repetitions of the per-call timing; the report gives their medians (default 3)
//   --cold-runs N     fresh processes per cold-start measurement; the median is reported (default 5)
//   --timeout S       seconds one call on an adversarial input may take (default 20)
//   --full-corpus     time the slow peers (zxcvbn-ts) on every password, not every 20th
//   --pageload-runs N browser page loads per page and network profile (bench/pageload.mjs; default 5)
//   --profiles LIST   network profiles of the page loads (default slow,fast; also: none)
//   --no-pageload     skip the browser page loads (no Chromium needed)
//
// Measures (see bench/README.md): bytes a browser downloads (gzip -9, brotli q11), per library and
// per tier of ours (bench/bytes.mjs); browser page loads over an emulated network, time to the first
// rules result and strength score (bench/pageload.mjs, Chromium + playwright-core); cold start
// (import + init + first call, fresh `node` each); mean/p50/p99 per call over a deterministic corpus,
// all libraries in this one process, medians of --runs runs; the slowest single call on adversarial
// inputs up to 1 MiB (in child processes, killed after --timeout); RSS growth over loading and
// running the corpus (fresh process each); score parity with zxcvbn 4.4.2. Progress goes to stderr;
// the report to stdout, bench/results/latest.md (the same text) and bench/results/latest.json.
import { execFileSync, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { bytesOf, measureTiers, tiersMarkdown } from './bytes.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const RESULTS = path.join(BENCH, 'results');
const TMP = path.join(RESULTS, 'tmp');
const { values: opt } = parseArgs({
  options: {
    corpus: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    'cold-runs': { type: 'string', default: '5' },
    timeout: { type: 'string', default: '20' },
    'full-corpus': { type: 'boolean', default: false },
    'pageload-runs': { type: 'string', default: '5' },
    profiles: { type: 'string', default: 'slow,fast' },
    'no-pageload': { type: 'boolean', default: false },
  },
});
const N = Number(opt.corpus);
const RUNS = Number(opt.runs);
const COLD_RUNS = Number(opt['cold-runs']);
const TIMEOUT_MS = Number(opt.timeout) * 1000;

const started = Date.now();
const log = (msg) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

// ---- ours: a snapshot of pkg/, so that a rebuild during the run cannot mix two builds --------------
fs.mkdirSync(TMP, { recursive: true });
let pkgDir = process.env.PASSPOLICY_PKG ? path.resolve(process.env.PASSPOLICY_PKG) : path.join(ROOT, 'pkg');
if (!fs.existsSync(path.join(pkgDir, 'node.mjs'))) {
  console.error(`bench/run.mjs: ${pkgDir}/node.mjs is missing: build the package first (node scripts/build.mjs, or bash bench/run.sh)`);
  process.exit(2);
}
if (!process.env.PASSPOLICY_PKG) {
  const snapshot = path.join(TMP, 'pkg');
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.cpSync(pkgDir, snapshot, { recursive: true });
  pkgDir = snapshot;
}
process.env.PASSPOLICY_PKG = pkgDir; // read by bench/libs.mjs, here and in every child
const { libraries, POLICY } = await import('./libs.mjs');
const { benchCorpus, ADVERSARIAL, ADVERSARIAL_LENGTHS } = await import('./corpus.mjs');
const LIBS = libraries();
const OPS = LIBS.flatMap((lib) => lib.ops.map((op) => ({ ...op, lib, stride: opt['full-corpus'] ? 1 : op.stride ?? 1 })));
const FULL = OPS.find((op) => op.id === 'passpolicy:check');

// ---- environment ------------------------------------------------------------------------------------
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const git = (...args) => { try { return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; } };
const env = {
  date: new Date().toISOString(),
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGB: +(os.totalmem() / 1e9).toFixed(1),
  loadavgStart: os.loadavg().map((l) => +l.toFixed(2)),
  commit: git('rev-parse', '--short', 'HEAD'),
  worktreeDirty: ((st) => (st === null ? null : st !== ''))(git('status', '--porcelain')),
  pkg: {
    dir: path.relative(ROOT, pkgDir),
    version: JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version,
    wasm: Object.fromEntries(fs.readdirSync(pkgDir).filter((f) => f.endsWith('.wasm')).map((f) => [f, sha256(fs.readFileSync(path.join(pkgDir, f))).slice(0, 16)])),
  },
  options: { corpus: N, runs: RUNS, coldRuns: COLD_RUNS, timeoutS: TIMEOUT_MS / 1000, fullCorpus: opt['full-corpus'], pageloadRuns: opt['no-pageload'] ? 0 : Number(opt['pageload-runs']), profiles: opt.profiles.split(',') },
  peers: Object.fromEntries(LIBS.filter((l) => !l.ours).map((l) => [l.label, l.version])),
};
log(`node ${env.node}, ${env.cpu} x${env.cores}, load ${env.loadavgStart.join(' ')}; ours from ${env.pkg.dir}; ${OPS.length} operations`);

// ---- 1. bytes on the wire (bench/bytes.mjs) --------------------------------------------------------------
log('bytes on the wire');
const bytes = {};
for (const lib of LIBS) bytes[lib.id] = await bytesOf(lib, pkgDir);
// Everything of ours: every file of every build of ours (each counted once).
{
  const all = new Map(LIBS.filter((l) => l.ours).flatMap((l) => bytes[l.id].files.map((f) => [f.name, f])));
  const files = [...all.values()];
  bytes.oursEverything = { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0), brotli: files.reduce((s, f) => s + f.brotli, 0) };
}
// Per tier of ours: the files a page of each tier downloads.
const tiers = measureTiers(pkgDir);
for (const p of tiers.problems) log(`  PROBLEM: ${p}`);
const peerBytes = ['zxcvbn', 'password-validator'].filter((id) => bytes[id]).map((id) => ({ id, label: `${LIBS.find((l) => l.id === id).label} ${LIBS.find((l) => l.id === id).version}`, ...bytes[id] }));

// ---- 1b. browser page loads over an emulated network (bench/pageload.mjs), before the CPU-heavy parts ----------
let pageload = null;
if (!opt['no-pageload']) {
  const { runPageload } = await import('./pageload.mjs');
  pageload = await runPageload({ pkgDir, runs: Number(opt['pageload-runs']), profiles: opt.profiles.split(','), log });
  for (const f of pageload.failures) log(`  FAILED: ${f}`);
}

// ---- child processes -------------------------------------------------------------------------------------
const CHILD = path.join(BENCH, 'child.mjs');
/** Forks bench/child.mjs with `args`; resolves with its messages. After a `{ ready }` message (and
 * each result after it) the child has `stepTimeoutMs` for the next one, else it is killed. */
function child(args, { stepTimeoutMs = Infinity, startTimeoutMs = 300_000 } = {}) {
  return new Promise((resolve) => {
    const proc = fork(CHILD, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: process.env });
    const messages = [];
    let stderr = '';
    let timedOut = false;
    let timer;
    const arm = (ms) => {
      clearTimeout(timer);
      if (Number.isFinite(ms)) timer = setTimeout(() => { timedOut = true; proc.kill('SIGKILL'); }, ms);
    };
    arm(startTimeoutMs);
    proc.stderr.on('data', (d) => { stderr += d; });
    proc.on('message', (m) => { messages.push(m); arm(stepTimeoutMs); });
    proc.on('exit', (code, signal) => { clearTimeout(timer); resolve({ messages, timedOut, code, signal, stderr }); });
  });
}
const failed = (r, what) => { throw new Error(`${what}: child exited with ${r.code ?? r.signal}${r.timedOut ? ' (timeout)' : ''}\n${r.stderr}`); };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

// ---- 2. cold start: import + init + first call, fresh process, median -------------------------------------
log(`cold start: ${COLD_RUNS} fresh processes per operation`);
const cold = Object.fromEntries(OPS.map((op) => [op.id, { runs: [], nodeStartMs: [] }]));
for (let r = 0; r < COLD_RUNS; r++) {
  for (const op of OPS) { // round-robin, so that a slow moment of the machine does not hit one library only
    const res = await child(['cold', op.id], { startTimeoutMs: 120_000 });
    if (res.code !== 0 || !res.messages[0]) failed(res, `cold ${op.id}`);
    cold[op.id].runs.push(res.messages[0].ms);
    cold[op.id].nodeStartMs.push(res.messages[0].nodeStartMs);
  }
}
for (const c of Object.values(cold)) { c.median = median(c.runs); c.nodeStartMedian = median(c.nodeStartMs); }

// ---- 3. adversarial inputs: one call each, in a child with a timeout ----------------------------------------
log(`adversarial inputs: ${Object.keys(ADVERSARIAL).length} kinds x lengths ${ADVERSARIAL_LENGTHS.join(', ')}, ${TIMEOUT_MS / 1000} s timeout per call`);
const adversarial = {};
for (const op of OPS) {
  const rows = [];
  for (const kind of Object.keys(ADVERSARIAL)) {
    // Lengths in increasing order in one process; once a call times out the longer inputs of that
    // kind are not run (each is at least as much work) and are reported as skipped.
    const res = await child(['adversarial', op.id, kind, ...ADVERSARIAL_LENGTHS.map(String)], { stepTimeoutMs: TIMEOUT_MS });
    const done = new Map(res.messages.filter((m) => m.length).map((m) => [m.length, m]));
    if (!res.messages.some((m) => m.ready)) failed(res, `adversarial ${op.id} ${kind} (never ready)`);
    let gone = false;
    for (const length of ADVERSARIAL_LENGTHS) {
      if (done.has(length)) rows.push({ kind, length, ms: done.get(length).ms, calls: done.get(length).calls, status: 'ok' });
      else {
        // The first length without a result timed out, or the child died on it (out of memory, ...).
        const status = gone ? 'skipped' : res.timedOut ? 'timeout' : `error (exit ${res.code ?? res.signal})`;
        rows.push({ kind, length, ms: null, status, ...(status.startsWith('error') && { stderr: res.stderr.slice(-2000) }) });
        gone = true;
      }
    }
    log(`  ${op.id.padEnd(28)} ${kind.padEnd(16)} ${rows.slice(-ADVERSARIAL_LENGTHS.length).map((x) => (x.ms === null ? x.status : `${x.ms.toFixed(1)} ms`)).join(' | ')}`);
  }
  const measured = rows.filter((x) => x.ms !== null);
  const worst = measured.reduce((w, x) => (x.ms > w.ms ? x : w), { ms: -1 });
  const timeouts = rows.filter((x) => x.status === 'timeout').length;
  const errors = rows.filter((x) => x.status.startsWith('error')).length;
  const first = measured.reduce((w, x) => (x.calls[0] > w.ms ? { ms: x.calls[0], kind: x.kind, length: x.length } : w), { ms: -1 });
  adversarial[op.id] = { rows, timeouts, errors, worstMs: worst.ms, worst: { kind: worst.kind, length: worst.length }, worstFirstCallMs: first.ms, worstFirstCall: { kind: first.kind, length: first.length } };
}

// ---- 4. RSS: growth over loading the library and running the corpus, fresh process each ---------------------
log('RSS: one fresh process per operation');
const rss = {};
for (const op of OPS) {
  const res = await child(['rss', op.id, String(N), String(op.stride)]);
  if (res.code !== 0 || !res.messages[0]) failed(res, `rss ${op.id}`);
  const m = res.messages[0];
  rss[op.id] = { passwords: m.passwords, beforeMB: m.before.rss / 2 ** 20, afterMB: m.after.rss / 2 ** 20, deltaMB: (m.after.rss - m.before.rss) / 2 ** 20, loadDeltaMB: (m.loaded.rss - m.before.rss) / 2 ** 20 };
}

// ---- 5. per call over the corpus, all libraries in this process -----------------------------------------------
const corpus = benchCorpus(N);
const kindCounts = corpus.kinds.reduce((c, k) => ((c[k] = (c[k] ?? 0) + 1), c), {});
const warmup = benchCorpus(1000, 1).passwords;
log(`per call: ${N} passwords (${Object.entries(kindCounts).map(([k, n]) => `${k} ${n}`).join(', ')}), ${RUNS} runs`);
const fns = {};
for (const op of OPS) fns[op.id] = await op.load();

/** Times fn on every password (one hrtime pair per call); returns ns per call and the scores. */
function timeCalls(fn, passwords, score) {
  const ns = new Float64Array(passwords.length);
  const scores = score ? new Int8Array(passwords.length) : null;
  let sink = 0;
  for (let i = 0; i < passwords.length; i++) {
    const pw = passwords[i];
    const t = process.hrtime.bigint();
    const r = fn(pw);
    ns[i] = Number(process.hrtime.bigint() - t);
    if (scores) scores[i] = score(r);
    else sink += r ? 1 : 0;
  }
  return { ns, scores, sink };
}
function stats(ns) {
  const s = Float64Array.from(ns).sort();
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] / 1000;
  return { mean: s.reduce((a, b) => a + b, 0) / s.length / 1000, p50: q(0.5), p99: q(0.99), max: s[s.length - 1] / 1000 };
}
const overhead = stats(timeCalls(() => 0, corpus.passwords).ns); // what one hrtime pair adds, in µs
const perCall = Object.fromEntries(OPS.map((op) => [op.id, { runs: [], passwords: 0 }]));
const scores = {};
const byKind = {};
for (let run = 0; run < RUNS; run++) {
  for (const op of OPS) {
    const passwords = corpus.passwords.filter((_, i) => i % op.stride === 0);
    const fn = fns[op.id];
    for (const pw of warmup.slice(0, Math.ceil((run === 0 ? 1000 : 200) / op.stride))) fn(pw);
    gc();
    const t = Date.now();
    const { ns, scores: s } = timeCalls(fn, passwords, op.score);
    perCall[op.id].runs.push(stats(ns));
    perCall[op.id].passwords = passwords.length;
    if (run === 0) {
      if (s) scores[op.id] = s;
      const kinds = corpus.kinds.filter((_, i) => i % op.stride === 0);
      const sums = {};
      kinds.forEach((k, i) => { (sums[k] ??= [0, 0]); sums[k][0] += ns[i]; sums[k][1]++; });
      byKind[op.id] = Object.fromEntries(Object.entries(sums).map(([k, [total, n]]) => [k, +(total / n / 1000).toFixed(2)]));
    }
    log(`  run ${run + 1}/${RUNS} ${op.id.padEnd(28)} mean ${perCall[op.id].runs.at(-1).mean.toFixed(2)} µs (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
}
for (const p of Object.values(perCall)) for (const k of ['mean', 'p50', 'p99', 'max']) p[k] = median(p.runs.map((r) => r[k]));

// ---- 6. parity of scores with zxcvbn 4.4.2 ----------------------------------------------------------------------
const reference = scores.zxcvbn;
const parity = {};
for (const op of OPS.filter((o) => o.score && o.id !== 'zxcvbn')) {
  const idx = corpus.passwords.map((_, i) => i).filter((i) => i % op.stride === 0);
  const diffs = [];
  idx.forEach((i, k) => { if (scores[op.id][k] !== reference[i]) diffs.push(i); });
  const zx = fns.zxcvbn;
  parity[op.id] = {
    compared: idx.length,
    equal: idx.length - diffs.length,
    fraction: (idx.length - diffs.length) / idx.length,
    differences: diffs.length,
    examples: diffs.slice(0, 10).map((i) => {
      const a = zx(corpus.passwords[i]);
      const b = fns[op.id](corpus.passwords[i]);
      const bs = b.strength ?? b;
      return { password: corpus.passwords[i], kind: corpus.kinds[i], zxcvbn: { score: a.score, guessesLog10: +a.guesses_log10.toFixed(3) }, [op.id]: { score: bs.score, guessesLog10: +(bs.guessesLog10 ?? Math.log10(bs.guesses)).toFixed(3) } };
    }),
  };
}
env.loadavgEnd = os.loadavg().map((l) => +l.toFixed(2));
env.durationS = Math.round((Date.now() - started) / 1000);

// ---- 7. the report -------------------------------------------------------------------------------------------------
const KB = (n) => (n / 1000).toFixed(1);
const num = (x, unit = '') => {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  const s = x >= 1000 ? Math.round(x).toLocaleString('en-US') : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 0.1 || x === 0 ? x.toFixed(2) : x.toPrecision(2);
  return s + unit;
};
const worstText = (op) => {
  const a = adversarial[op.id];
  if (a.timeouts || a.errors) return [a.timeouts && `> ${TIMEOUT_MS / 1000} s (timeout ×${a.timeouts})`, a.errors && `crashed ×${a.errors}`].filter(Boolean).join(', ');
  return num(a.worstMs);
};
function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join(' | ')} |`;
  return [line(headers), `|${w.map((x, i) => (i === 0 ? ` ${'-'.repeat(x)} ` : ` ${'-'.repeat(x - 1)}: `)).join('|')}|`, ...rows.map(line)].join('\n');
}

const out = [];
out.push(`# passpolicy benchmark (bench/run.mjs)`, '');
out.push(`${env.date} · node ${env.node} (V8 ${env.v8}) · ${env.cpu} · ${env.cores} cores · load average ${env.loadavgStart.join(' ')} at the start, ${env.loadavgEnd.join(' ')} at the end · ${env.platform}`);
out.push(`ours: passpolicy ${env.pkg.version} from ${env.pkg.dir} (commit ${env.commit ?? '?'}${env.worktreeDirty ? ', uncommitted changes' : ''}; ${Object.entries(env.pkg.wasm).map(([f, h]) => `${f} ${h}`).join(', ')}) · peers: ${Object.entries(env.peers).map(([k, v]) => `${k} ${v}`).join(', ')}`);
out.push(`corpus: ${N.toLocaleString('en-US')} passwords (${Object.entries(kindCounts).map(([k, n]) => `${k} ${n}`).join(', ')}); per-call numbers are medians of ${RUNS} runs in one process; a timer pair costs ${overhead.p50.toFixed(3)} µs (p50), included; ${env.durationS} s in all`, '');

const libOf = (op) => op.lib;
const rowsMain = OPS.map((op) => [
  op.label + (op.stride > 1 ? ` ¹` : ''),
  KB(bytes[libOf(op).id].gzip),
  KB(bytes[libOf(op).id].brotli),
  num(cold[op.id].median),
  num(perCall[op.id].mean),
  num(perCall[op.id].p50),
  num(perCall[op.id].p99),
  worstText(op),
  num(rss[op.id].deltaMB),
]);
out.push('## Results', '');
out.push(table(['library', 'gzip KB', 'brotli KB', 'cold start ms', 'mean µs', 'p50 µs', 'p99 µs', 'worst adversarial ms', 'RSS MB'], rowsMain), '');
const slow = OPS.filter((op) => op.stride > 1);
if (slow.length) out.push(`¹ timed on every ${slow[0].stride}th password (${perCall[slow[0].id].passwords.toLocaleString('en-US')}); \`--full-corpus\` times all.`);
out.push(`gzip -9 and brotli q11 of what a browser downloads (KB = 1,000 bytes): ours ${bytes[FULL.lib.id].files.map((f) => f.name).join(' + ')}; zxcvbn its dist/zxcvbn.js; the others an esbuild bundle (ESM, minified, browser)${LIBS.filter((l) => l.note).map((l) => `; ${l.label}: ${l.note}`).join('')}.`);
out.push(`cold start: import + init + first call in a fresh \`node\`, median of ${COLD_RUNS} (Node's start-up with the harness, ≈ ${num(median(Object.values(cold).map((c) => c.nodeStartMedian)))} ms, not included). RSS: growth of the resident set over loading the library and running the corpus, fresh process. worst adversarial: the slowest input of ${Object.keys(ADVERSARIAL).length} kinds × lengths ${ADVERSARIAL_LENGTHS.map((l) => l.toLocaleString('en-US')).join(', ')} (one call each in a warmed-up child process, median of 3 when under 250 ms; killed after ${TIMEOUT_MS / 1000} s).`, '');

out.push(`## Peer ÷ ours (${FULL.label}; > 1: ours is smaller / faster)`, '');
const ratio = (a, b) => (a === null || b === null || !b ? 'n/a' : `${num(a / b)}×`);
const ratioRows = OPS.filter((op) => !op.lib.ours).map((op) => [
  op.label,
  ratio(bytes[op.lib.id].gzip, bytes[FULL.lib.id].gzip),
  ratio(bytes[op.lib.id].brotli, bytes[FULL.lib.id].brotli),
  ratio(cold[op.id].median, cold[FULL.id].median),
  ratio(perCall[op.id].mean, perCall[FULL.id].mean),
  ratio(perCall[op.id].p99, perCall[FULL.id].p99),
  adversarial[op.id].timeouts || adversarial[op.id].errors ? `> ${num(TIMEOUT_MS / adversarial[FULL.id].worstMs)}×` : ratio(adversarial[op.id].worstMs, adversarial[FULL.id].worstMs),
  ratio(rss[op.id].deltaMB, rss[FULL.id].deltaMB),
]);
out.push(table(['library', 'gzip', 'brotli', 'cold start', 'mean', 'p99', 'worst adversarial', 'RSS'], ratioRows), '');

out.push(tiersMarkdown(tiers, peerBytes));
if (pageload) {
  const { pageloadMarkdown } = await import('./pageload.mjs');
  out.push(pageloadMarkdown(pageload));
} else out.push('## Browser page loads (emulated network)', '', 'Not run (`--no-pageload`).', '');

out.push('## Adversarial inputs: slowest kind per length, ms', '');
const advCell = (op, length) => {
  const rows = adversarial[op.id].rows.filter((x) => x.length === length);
  const t = rows.filter((x) => x.status === 'timeout').length;
  const s = rows.filter((x) => x.status === 'skipped').length;
  const e = rows.filter((x) => x.status.startsWith('error')).length;
  const ok = rows.filter((x) => x.ms !== null);
  if (t || s || e) return `${t || s ? `> ${TIMEOUT_MS / 1000} s ` : ''}(${[t && `${t} timed out`, s && `${s} skipped`, e && `${e} crashed`].filter(Boolean).join(', ')})`;
  const w = ok.reduce((a, b) => (b.ms > a.ms ? b : a));
  return `${num(w.ms)} (${w.kind})`;
};
out.push(table(['library', ...ADVERSARIAL_LENGTHS.map((l) => `${l.toLocaleString('en-US')} chars`)], OPS.map((op) => [op.label, ...ADVERSARIAL_LENGTHS.map((l) => advCell(op, l))])), '');
out.push(`Kinds: ${Object.keys(ADVERSARIAL).join(', ')}. "skipped": a shorter input of the same kind already timed out. Every cell, with each call, is in latest.json.`);
out.push(`The slowest *first* call on an input (it may pay for one-time growth of memory): ${OPS.filter((op) => adversarial[op.id].worstFirstCallMs >= 0).map((op) => `${op.label} ${num(adversarial[op.id].worstFirstCallMs)} ms`).join(', ')}.`, '');

out.push('## Parity of the score with zxcvbn 4.4.2', '');
for (const [id, p] of Object.entries(parity)) {
  out.push(`- ${OPS.find((o) => o.id === id).label}: ${p.equal.toLocaleString('en-US')} of ${p.compared.toLocaleString('en-US')} equal (${(p.fraction * 100).toFixed(2)} %), ${p.differences} different`);
  for (const e of p.examples) out.push(`  - ${JSON.stringify(e.password)} (${e.kind}): zxcvbn ${e.zxcvbn.score} (log10 ${e.zxcvbn.guessesLog10}), ${id} ${e[id].score} (log10 ${e[id].guessesLog10})`);
}
out.push('');

// ---- targets ----
const targets = [];
const target = (what, met, value) => targets.push({ target: what, met, value });
const zxMean = perCall.zxcvbn.mean;
const full = perCall[FULL.id];
target('full check mean ≤ 25 µs', full.mean <= 25, `${num(full.mean)} µs`);
target('full check ≥ 70× faster than zxcvbn 4.4.2 (mean)', zxMean / full.mean >= 70, `${num(zxMean / full.mean)}× (${num(zxMean)} µs vs ${num(full.mean)} µs)`);
for (const op of OPS.filter((o) => o.lib.ours)) target(`every adversarial input ≤ 16 ms: ${op.label}`, !adversarial[op.id].timeouts && !adversarial[op.id].errors && adversarial[op.id].worstMs <= 16, adversarial[op.id].timeouts || adversarial[op.id].errors ? 'timeout or crash' : `${num(adversarial[op.id].worstMs)} ms (${adversarial[op.id].worst.kind}, ${adversarial[op.id].worst.length.toLocaleString('en-US')} chars; slowest first call ${num(adversarial[op.id].worstFirstCallMs)} ms)`);
for (const op of OPS.filter((o) => o.lib.ours && o.role === 'rules')) target(`rules-only check with the 10,000-entry list ≤ 1 µs: ${op.label}`, perCall[op.id].mean <= 1, `${num(perCall[op.id].mean)} µs mean (p50 ${num(perCall[op.id].p50)} µs)`);
target('cold start ≤ 30 ms including the first full check', cold[FULL.id].median <= 30, `${num(cold[FULL.id].median)} ms`);
for (const t of tiers.tiers.filter((x) => x.target !== null)) target(`${t.label} ≤ ${KB(t.target)} KB gzip`, t.met, `${KB(t.gzip)} KB (${t.files.map((f) => f.name).join(' + ')})`);
if (tiers.problems.length) target('the tiers count every file their entries reach', false, tiers.problems.join('; '));
if (pageload) for (const t of pageload.targets) target(`page load: ${t.target}`, t.met, t.value);
else target('page loads (first rules result ≤ 0.8 s, first strength score ≤ 2.5 s on 1.6 Mbit/s)', null, 'not run (--no-pageload)');
for (const [id, p] of Object.entries(parity).filter(([id]) => id.startsWith('passpolicy'))) target(`parity ≥ 99 % with zxcvbn 4.4.2: ${OPS.find((o) => o.id === id).label}`, p.fraction >= 0.99, `${(p.fraction * 100).toFixed(2)} %`);
out.push('## Targets', '');
for (const t of targets) out.push(`- ${t.met === null ? 'NOT MEASURED' : t.met ? 'met' : 'NOT MET'}: ${t.target}: ${t.value}`);
out.push('');

const report = out.join('\n');
process.stdout.write(`${report}\n`);
fs.writeFileSync(path.join(RESULTS, 'latest.md'), `${report}\n`);
const json = {
  env,
  policy: POLICY,
  corpus: { size: N, kinds: kindCounts, timerOverheadUs: overhead },
  libraries: LIBS.map((l) => ({ id: l.id, label: l.label, version: l.version, ours: !!l.ours, note: l.note, bytes: bytes[l.id] })),
  oursEverythingBytes: bytes.oursEverything,
  tiers,
  pageload,
  operations: OPS.map((op) => ({
    id: op.id, label: op.label, library: op.lib.id, role: op.role,
    perCall: { passwords: perCall[op.id].passwords, meanUs: perCall[op.id].mean, p50Us: perCall[op.id].p50, p99Us: perCall[op.id].p99, maxUs: perCall[op.id].max, runs: perCall[op.id].runs, meanUsByKind: byKind[op.id] },
    coldStartMs: cold[op.id],
    adversarial: adversarial[op.id],
    rss: rss[op.id],
  })),
  parity,
  targets,
};
fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
log(`wrote ${path.relative(ROOT, path.join(RESULTS, 'latest.md'))} and latest.json`);
if (pageload?.failures.length) {
  process.stderr.write(`\nbench/run.mjs: FAILED: ${pageload.failures.length} page load(s) broke an assertion (a tier fetched a file it must not, or a page gave no result):\n${pageload.failures.map((f) => `  ${f}`).join('\n')}\n`);
  process.exitCode = 1;
}
