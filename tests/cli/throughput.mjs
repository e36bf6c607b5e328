// Throughput of `passpolicy check` on the shared corpus (tests/cli/corpus.mjs), with and without
// strength scoring, in passwords per second:
//   - wall: the whole process (startup, wasm load and reading the file included);
//   - cpu: per second of the bin's CPU time (user + system), which a loaded machine disturbs less.
//   node tests/cli/throughput.mjs [lines=100000] [policy files...]
// Runs the installed bin (tests/node_modules/passpolicy/cli.mjs) or PASSPOLICY_CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, sample, tmpFile } from './helpers.mjs';
import { corpusText } from './corpus.mjs';

const n = Number(process.argv[2] ?? 100_000);
const policies = process.argv.length > 3 ? process.argv.slice(3) : [sample('sumologic.json'), sample('canonical.json'), sample('meraki.json')];
const corpus = tmpFile('corpus.txt', corpusText(n));
const rate = (x) => Math.round(x).toLocaleString('en-US').padStart(8);
console.log(`${CLI}: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`corpus: ${n.toLocaleString('en-US')} passwords (${(fs.statSync(corpus).size / 1024).toFixed(0)} KiB)`);
for (const policy of policies) {
  for (const mode of [[], ['--no-strength']]) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, 'check', '--policy', policy, ...mode, '--summary', corpus], {
      encoding: 'utf8',
      env: { ...process.env, PASSPOLICY_CLI_MEMORY: '1' },
    });
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
    const s = JSON.parse(r.stdout);
    const stats = JSON.parse(r.stderr.trim().split('\n').pop());
    const cpu = (stats.cpuUsage.user + stats.cpuUsage.system) / 1e6;
    console.log(
      `${path.basename(policy).padEnd(16)} ${(mode[0] ?? 'with strength').padEnd(14)} wall ${rate(n / wall)}/s (${wall.toFixed(1)} s)  cpu ${rate(n / cpu)}/s (${cpu.toFixed(1)} s)  ${s.passed} passed, ${s.failed} failed`,
    );
  }
}
