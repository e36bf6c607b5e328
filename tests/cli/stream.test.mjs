// `passpolicy check` as a stream: a large input generated on the fly into the child's stdin in
// constant memory (RSS sampled from /proc while it runs, and process.memoryUsage() reported by the
// bin at the end), a slow reader (backpressure), Ctrl-C mid-stream, progress, a closed pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { CLI, run, records, rssKb, sample, tmpFile } from './helpers.mjs';
import { corpusLines } from './corpus.mjs';

const LARGE_LINES = Number(process.env.PASSPOLICY_CLI_LARGE_LINES ?? 1_000_000);
const SIMPLE = tmpFile('simple.json', JSON.stringify({ version: 1, length: { min: 8 }, classes: [{ class: 'digit', min: 1 }] }));

/**
 * Spawns the bin with `args`; `feed(stdin)` writes its input. Collects stdout as counts and the
 * last line (not as one string: the output may be large), samples VmRSS every 50 ms.
 */
function spawnCli(args, { env, onLine, keep = false } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const state = { child, lines: 0, bytes: 0, last: '', kept: [], partial: '', stderr: '', rss: [] };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    state.bytes += d.length;
    const text = state.partial + d;
    const parts = text.split('\n');
    state.partial = parts.pop();
    for (const line of parts) {
      state.lines++;
      state.last = line;
      if (keep) state.kept.push(line);
      onLine?.(line, state);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (state.stderr += d));
  child.stdin.on('error', () => {});
  const timer = setInterval(() => {
    const kb = rssKb(child.pid);
    if (kb !== null) state.rss.push({ lines: state.lines, kb });
  }, 50);
  state.done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal });
    });
  });
  return state;
}

/** Writes the corpus lines into `stream` with backpressure; stops when `stop()` says so. */
async function feed(stream, n, { stop = () => false } = {}) {
  let batch = '';
  let i = 0;
  for (const pw of corpusLines(n)) {
    batch += `${pw}\n`;
    i++;
    if (batch.length >= 1 << 16) {
      if (stop() || stream.destroyed) return i;
      if (!stream.write(batch)) {
        await new Promise((resolve) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('close', done);
        });
      }
      batch = '';
    }
  }
  if (!stream.destroyed) stream.end(batch);
  return i;
}

test(`check: ${LARGE_LINES.toLocaleString('en-US')} lines on stdin in constant memory`, { timeout: 600_000 }, async () => {
  // Check the records as they come, in order, without keeping them.
  let bad = null;
  const s = spawnCli(['check', '--policy', SIMPLE, '--no-strength'], {
    env: { PASSPOLICY_CLI_MEMORY: '1' },
    onLine: (line, st) => {
      if (!bad && JSON.parse(line).line !== st.lines) bad = `record ${st.lines}: ${line}`;
    },
  });
  await feed(s.child.stdin, LARGE_LINES);
  const { code } = await s.done;
  assert.equal(bad, null);
  assert.equal(s.partial, '', 'the output ends with a line ending');
  assert.equal(s.lines, LARGE_LINES);
  assert.equal(JSON.parse(s.last).line, LARGE_LINES);
  assert.equal(code, 1, 'the corpus has failing passwords');

  // The bin's own report (PASSPOLICY_CLI_MEMORY=1): heap and RSS at the end.
  const mem = JSON.parse(s.stderr.trim().split('\n').pop());
  assert.equal(mem.lines, LARGE_LINES);
  const mb = (b) => b / (1 << 20);
  assert.ok(mb(mem.memoryUsage.heapUsed) < 64, `heapUsed ${mb(mem.memoryUsage.heapUsed).toFixed(1)} MiB`);
  assert.ok(mb(mem.memoryUsage.rss) < 200, `rss ${mb(mem.memoryUsage.rss).toFixed(1)} MiB`);

  // Sampled RSS: a generous absolute bound, and no growth with the input after the first quarter
  // (V8's heap is still growing to its working size over the first ~200,000 lines: measured
  // 79 MiB at 10% and 103 MiB at 20% of a million, then flat to 3 million lines).
  assert.ok(s.rss.length > 10, 'RSS was sampled while the bin ran');
  const peak = Math.max(...s.rss.map((x) => x.kb)) / 1024;
  const early = Math.max(...s.rss.filter((x) => x.lines <= LARGE_LINES / 4).map((x) => x.kb), 0) / 1024;
  const late = Math.max(...s.rss.filter((x) => x.lines >= LARGE_LINES / 2).map((x) => x.kb), 0) / 1024;
  for (let i = 0; i < s.rss.length; i += Math.ceil(s.rss.length / 10)) console.log(`#   after ${s.rss[i].lines} lines: ${(s.rss[i].kb / 1024).toFixed(1)} MiB`);
  console.log(`# RSS: ${s.rss.length} samples, peak ${peak.toFixed(1)} MiB, first quarter ${early.toFixed(1)} MiB, second half ${late.toFixed(1)} MiB; heapUsed at the end ${mb(mem.memoryUsage.heapUsed).toFixed(1)} MiB`);
  assert.ok(peak < 200, `peak RSS ${peak.toFixed(1)} MiB`);
  if (early > 0 && late > 0) assert.ok(late - early < 48, `RSS grew from ${early.toFixed(1)} to ${late.toFixed(1)} MiB`);
});

test('check: a reader that stops reading holds the bin back (backpressure), nothing is lost', { timeout: 300_000 }, async () => {
  const n = 200_000;
  const s = spawnCli(['check', '--policy', SIMPLE, '--no-strength']);
  const fed = feed(s.child.stdin, n);
  // Stop reading for a while once output starts: the pipe fills, the bin must wait, not buffer.
  await new Promise((resolve) => s.child.stdout.once('data', resolve));
  s.child.stdout.pause();
  const rssBefore = rssKb(s.child.pid);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const linesWhilePaused = s.lines;
  const rssPaused = rssKb(s.child.pid);
  s.child.stdout.resume();
  await fed;
  const { code } = await s.done;
  assert.equal(s.lines, n);
  assert.equal(JSON.parse(s.last).line, n);
  assert.equal(code, 1);
  assert.ok(linesWhilePaused < n, 'the output was not all produced while nobody read it');
  if (rssBefore && rssPaused) assert.ok((rssPaused - rssBefore) / 1024 < 32, `RSS grew ${((rssPaused - rssBefore) / 1024).toFixed(1)} MiB while paused`);
});

test('check: Ctrl-C (SIGINT) mid-stream stops with whole JSON lines written and exit 130', { timeout: 120_000 }, async () => {
  for (const extra of [[], ['--no-strength']]) {
    let stopFeeding = false;
    const s = spawnCli(['check', '--policy', sample('sumologic.json'), ...extra], {
      keep: true,
      onLine: (line, st) => {
        if (st.lines === 500) st.child.kill('SIGINT');
      },
    });
    const fed = feed(s.child.stdin, 50_000_000, { stop: () => stopFeeding });
    const { code, signal } = await s.done;
    stopFeeding = true;
    s.child.stdin.destroy();
    await fed;
    assert.equal(signal, null, extra.join(' '));
    assert.equal(code, 130);
    assert.equal(s.partial, '', 'no half line at the end');
    assert.ok(s.lines >= 500);
    s.kept.forEach((line, i) => assert.equal(JSON.parse(line).line, i + 1));
    assert.match(s.stderr, new RegExp(`interrupted after line ${s.lines}; the output up to it is complete`));
  }
});

test('check --summary: Ctrl-C prints the summary so far, marked interrupted', { timeout: 120_000 }, async () => {
  const s = spawnCli(['check', '--policy', sample('sumologic.json'), '--no-strength', '--summary'], { keep: true });
  let stop = false;
  const fed = feed(s.child.stdin, 50_000_000, { stop: () => stop });
  // No output before the end: wait until some input is surely consumed.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  s.child.kill('SIGINT');
  const { code } = await s.done;
  stop = true;
  s.child.stdin.destroy();
  await fed;
  assert.equal(code, 130);
  const summary = JSON.parse(s.kept.join('\n'));
  assert.equal(summary.interrupted, true);
  assert.ok(summary.total > 0);
  assert.equal(summary.passed + summary.failed + summary.errors, summary.total);
});

test('check: progress on stderr only when asked (stderr here is not a terminal)', async () => {
  const file = tmpFile('progress.txt', [...corpusLines(3000)].join('\n'));
  const quiet = await run(['check', '--policy', sample('sumologic.json'), file]);
  assert.equal(quiet.stderr, '');
  const loud = await run(['check', '--policy', sample('sumologic.json'), '--progress', file]);
  assert.equal(loud.stdout, quiet.stdout, 'progress does not touch stdout');
  assert.match(loud.stderr, /\r\x1b\[Kchecked 3,000 passwords in \d+s \([\d,]+\/s\)\n$/);
  // With a known size (a file), the progress lines carry a percentage.
  if (loud.stderr.includes('/s,')) assert.match(loud.stderr, /passwords, [\d,]+\/s, \d+\.\d%/);
  const contradiction = await run(['check', '--policy', sample('sumologic.json'), '--progress', '--no-progress', file]);
  assert.equal(contradiction.code, 2);
});

test('check: a reader that goes away (| head) ends the bin quietly', async () => {
  const s = spawnCli(['check', '--policy', SIMPLE, '--no-strength']);
  const fed = feed(s.child.stdin, 2_000_000);
  await new Promise((resolve) => s.child.stdout.once('data', resolve));
  s.child.stdout.destroy();
  const { code, signal } = await s.done;
  s.child.stdin.destroy();
  await fed;
  assert.equal(signal, null);
  // Quietly, but never as a success: the run did not finish (141, as a shell reports SIGPIPE).
  assert.equal(code, 141, `exit ${code}`);
  assert.doesNotMatch(s.stderr, /Error|at .*cli\.mjs/);
});

test('check: input through `< file` (stdin is a file) and a named file agree', async () => {
  const file = tmpFile('corpus-2k.txt', [...corpusLines(2000)].join('\n'));
  const a = await run(['check', '--policy', sample('meraki.json'), '--no-strength', file]);
  const child = spawn(process.execPath, [CLI, 'check', '--policy', sample('meraki.json'), '--no-strength'], {
    stdio: [fs.openSync(file, 'r'), 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(out, a.stdout);
  assert.equal(code, a.code);
  assert.equal(records(out).length, 2000);
});
