// The bin through `npx` from the packed package: `npm pack` (PASSPOLICY_TARBALL, as
// scripts/test-js.sh packs it, or pkg/ packed here), installed into a scratch project under the
// temp directory, then `npx passpolicy ...` there (offline: the bin is local).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, sample } from './helpers.mjs';

const pkgDir = path.join(root, 'pkg');
const skip = !process.env.PASSPOLICY_TARBALL && !fs.existsSync(path.join(pkgDir, 'package.json')) && 'no PASSPOLICY_TARBALL and no pkg/';

test('npx passpolicy: --help, check, detect from the packed tarball in a scratch project', { skip, timeout: 180_000 }, () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'passpolicy-npx-'));
  try {
    const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const sh = (cmd, args, opts = {}) => {
      const r = spawnSync(cmd, args, { cwd: scratch, env, encoding: 'utf8', ...opts });
      if (r.error) throw r.error;
      return r;
    };
    let tarball = process.env.PASSPOLICY_TARBALL;
    if (!tarball) {
      const packed = sh('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: pkgDir });
      assert.equal(packed.status, 0, packed.stderr);
      tarball = path.join(scratch, packed.stdout.trim().split('\n').pop());
    }
    const listing = sh('tar', ['-tvzf', tarball]).stdout;
    assert.match(listing, /^-rwxr-xr-x .* package\/cli\.mjs$/m, 'the tarball ships cli.mjs, executable');
    fs.writeFileSync(path.join(scratch, 'package.json'), '{ "name": "scratch", "private": true }\n');
    const installed = sh('npm', ['install', '--no-package-lock', '--loglevel=error', tarball]);
    assert.equal(installed.status, 0, installed.stderr);
    const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'node_modules', 'passpolicy', 'package.json'), 'utf8'));
    assert.deepEqual(manifest.bin, { passpolicy: './cli.mjs' });

    const help = sh('npx', ['passpolicy', '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^passpolicy \d+\.\d+\.\d+\S*: normalize password-policy documents/);
    assert.match(help.stdout, /Run 'passpolicy <command> --help'/);

    const checkHelp = sh('npx', ['passpolicy', 'check', '--help']);
    assert.match(checkHelp.stdout, /^Usage: passpolicy check --policy FILE/);

    const check = sh('npx', ['passpolicy', 'check', '--policy', sample('sumologic.json')], { input: 'password\r\nZq8#mK2$vL9!pW4x\r\n' });
    assert.equal(check.status, 1, check.stderr);
    assert.deepEqual(
      check.stdout.trim().split('\n').map((l) => JSON.parse(l)),
      [
        { line: 1, ok: false, failed: ['chars.upper', 'chars.digit', 'chars.symbol'], score: 0 },
        { line: 2, ok: true, failed: [], score: 4 },
      ],
    );
    const good = sh('npx', ['passpolicy', 'check', '--policy', sample('sumologic.json'), '--summary'], { input: 'Zq8#mK2$vL9!pW4x\n' });
    assert.equal(good.status, 0);
    assert.equal(JSON.parse(good.stdout).passed, 1);

    const detect = sh('npx', ['passpolicy', 'detect', sample('longjump.xml')]);
    assert.equal(detect.stdout, 'longjump\n');
    const bad = sh('npx', ['passpolicy', 'check', '--policy', sample('sailpoint-list.json')], { input: 'x\n' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /code: invalid_field/);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
