// Throughput of `passpolicy check` (passwords per second, wall clock of the whole process, startup
// included) on the shared corpus (tests/cli/corpus.mjs), with and without strength scoring.
//   node tests/cli/throughput.mjs [lines=100000] [policy files...]
// Runs the installed bin (tests/node_modules/passpolicy/cli.mjs) or PASSPOLICY_CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, sample, tmpFile } from './helpers.mjs';
import { corpusText } from './corpus.mjs';

const n = Number(process.argv[2] ?? 100_000);
const policies = process.argv.length > 3 ? process.argv.slice(3) : [sample('sumologic.json'), sample('canonical.json'), sample('meraki.json')];
const corpus = tmpFile('corpus.txt', corpusText(n));
console.log(`${CLI}: node ${process.version}, corpus ${n.toLocaleString('en-US')} passwords (${(fs.statSync(corpus).size / 1024).toFixed(0)} KiB)`);
for (const policy of policies) {
  for (const mode of [[], ['--no-strength']]) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, 'check', '--policy', policy, ...mode, '--summary', corpus], { encoding: 'utf8' });
    const secs = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
    const s = JSON.parse(r.stdout);
    console.log(
      `${path.basename(policy).padEnd(20)} ${(mode[0] ?? 'with strength').padEnd(14)} ${Math.round(n / secs).toLocaleString('en-US').padStart(8)} passwords/s  (${secs.toFixed(2)} s; ${s.passed} passed, ${s.failed} failed)`,
    );
  }
}
