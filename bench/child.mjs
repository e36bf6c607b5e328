// One measurement in a fresh Node process, forked by bench/run.mjs (results go back over IPC):
//   node bench/child.mjs cold <op>                  import + init + first call, in ms
//   node bench/child.mjs rss <op> <n> <stride>      RSS before and after loading and running the corpus
//   node bench/child.mjs adversarial <op> <kind> <length>...
//                                                   the time of a call on each input (after a warm-up;
//                                                   median of 3 calls when one takes < 250 ms), one
//                                                   message per length; the parent kills it on a timeout
//                                                   (the kinds and lengths are those of bench/corpus.mjs)
// <op> is an operation id of bench/libs.mjs (e.g. zxcvbn, passpolicy:check).
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { findOp } from './libs.mjs';
import { adversarial, benchCorpus } from './corpus.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const send = (msg) => new Promise((resolve) => (process.send ? process.send(msg, resolve) : resolve(console.log(JSON.stringify(msg)))));
const [mode, opId, ...args] = process.argv.slice(2);
const op = findOp(opId);

if (mode === 'cold') {
  const t0 = performance.now();
  const fn = await op.load();
  fn('Tr0ub4dor&3');
  const t1 = performance.now();
  // performance.now() counts from the start of the process: t0 is Node's own start-up.
  await send({ ms: t1 - t0, nodeStartMs: t0 });
} else if (mode === 'rss') {
  const [n, stride] = args.map(Number);
  const passwords = benchCorpus(n).passwords.filter((_, i) => i % stride === 0);
  gc();
  const before = process.memoryUsage();
  const fn = await op.load();
  const loaded = process.memoryUsage();
  let sink = 0;
  for (const pw of passwords) sink += fn(pw) ? 1 : 0;
  const after = process.memoryUsage();
  await send({ passwords: passwords.length, before, loaded, after, sink });
} else if (mode === 'adversarial') {
  const [kind, ...lengths] = args;
  const fn = await op.load();
  // Warm-up on ordinary passwords, and on one long ordinary one (so that the first long input
  // does not pay for one-time growth of buffers or wasm memory alone).
  const warm = benchCorpus(200, 7).passwords;
  for (const pw of warm) fn(pw);
  fn(warm.join(' ').slice(0, 120));
  await send({ ready: true }); // the parent's per-input timeout starts now
  const timed = (input) => {
    gc();
    const t = process.hrtime.bigint();
    fn(input);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (const length of lengths.map(Number)) {
    const input = adversarial(kind, length);
    // One call; when it is quick (< 250 ms), two more, and the median of the three (less noise
    // from the machine, and a long call is never run three times).
    const calls = [timed(input)];
    if (calls[0] < 250) calls.push(timed(input), timed(input));
    const ms = [...calls].sort((a, b) => a - b)[calls.length >> 1];
    await send({ kind, length, ms, calls });
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.exit(0);
