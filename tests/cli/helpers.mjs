// Shared helpers of the CLI tests: where the real bin is, running it as a child process, and
// the policy documents the tests use.
//
// The bin is the one of the installed package (tests/node_modules/passpolicy, which
// scripts/test-js.sh packs and installs); PASSPOLICY_CLI=/path/to/cli.mjs runs another one
// (e.g. pkg/cli.mjs while developing).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const fixtures = path.join(here, 'fixtures');
export const installed = path.join(root, 'tests', 'node_modules', 'passpolicy');
export const CLI = process.env.PASSPOLICY_CLI ? path.resolve(process.env.PASSPOLICY_CLI) : path.join(installed, 'cli.mjs');
/** The npm shim of the bin (a symlink to cli.mjs, run through its shebang). */
export const BIN_SHIM = path.join(root, 'tests', 'node_modules', '.bin', 'passpolicy');

if (!fs.existsSync(CLI)) {
  throw new Error(`${CLI} is missing: run scripts/test-js.sh (it packs pkg/ and installs it into tests/node_modules)`);
}

/** The package's API next to the bin (the same build the bin runs). */
export const api = await import(new URL(`file://${path.join(path.dirname(CLI), 'node.mjs')}`).href);

const repoFixtures = path.join(root, 'tests', 'fixtures');
/** The demo page's samples (tests/fixtures documents), by the names these tests use. */
const SAMPLE_FILES = {
  'canonical.json': 'canonical/example.json',
  'meraki.json': 'meraki/example.json',
  'sumologic.json': 'sumologic/openapi.json',
  'scaleway.json': 'scaleway/example.json',
  'longjump.xml': 'longjump/wiki.xml',
  'sailpoint-list.json': 'sailpoint/list.json',
};
export const sample = (name) => {
  if (!(name in SAMPLE_FILES)) throw new Error(`no sample ${name}`);
  return path.join(repoFixtures, SAMPLE_FILES[name]);
};
const vendorsJson = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'node', 'vendors.json'), 'utf8'));

// The vendor examples of tests/node/vendors.json, written to files (the bin reads files).
const scratch = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'passpolicy-cli-test-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
export function tmpFile(name, data) {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, data);
  return file;
}
export const tmpDir = scratch;

/**
 * One policy per vendor sample: { name, file, vendor, index? }. The demo page's samples, the
 * tests/node/vendors.json examples, and a tests/fixtures document of each other vendor.
 */
export const POLICIES = [
  { name: 'samples/canonical', file: sample('canonical.json'), vendor: 'canonical' },
  { name: 'samples/meraki', file: sample('meraki.json'), vendor: 'meraki' },
  { name: 'samples/sumologic', file: sample('sumologic.json'), vendor: 'sumologic' },
  { name: 'samples/scaleway', file: sample('scaleway.json'), vendor: 'scaleway' },
  { name: 'samples/longjump', file: sample('longjump.xml'), vendor: 'longjump' },
  { name: 'samples/sailpoint-list[0]', file: sample('sailpoint-list.json'), vendor: 'sailpoint', index: 0 },
  { name: 'samples/sailpoint-list[1]', file: sample('sailpoint-list.json'), vendor: 'sailpoint', index: 1 },
  { name: 'vendors.json/meraki', file: tmpFile('meraki.json', JSON.stringify(vendorsJson.meraki)), vendor: 'meraki' },
  { name: 'vendors.json/sailpoint', file: tmpFile('sailpoint.json', JSON.stringify(vendorsJson.sailpoint)), vendor: 'sailpoint' },
  { name: 'vendors.json/sumologic', file: tmpFile('sumologic.json', JSON.stringify(vendorsJson.sumologic)), vendor: 'sumologic' },
  { name: 'vendors.json/scaleway', file: tmpFile('scaleway.json', JSON.stringify(vendorsJson.scaleway)), vendor: 'scaleway' },
  { name: 'vendors.json/longjump', file: tmpFile('longjump.xml', vendorsJson.longjumpXml), vendor: 'longjump' },
  { name: 'fixtures/aws-iam', file: path.join(repoFixtures, 'aws-iam', 'example.json'), vendor: 'aws-iam' },
  { name: 'fixtures/aws-cognito', file: path.join(repoFixtures, 'aws-cognito', 'example.json'), vendor: 'aws-cognito' },
  { name: 'fixtures/okta-list[0]', file: path.join(repoFixtures, 'okta', 'list.json'), vendor: 'okta', index: 0 },
  { name: 'fixtures/okta-settings', file: path.join(repoFixtures, 'okta', 'settings-example.json'), vendor: 'okta' },
  { name: 'fixtures/auth0', file: path.join(repoFixtures, 'auth0', 'options-example.json'), vendor: 'auth0' },
  { name: 'fixtures/keycloak', file: path.join(repoFixtures, 'keycloak', 'issue-example.txt'), vendor: 'keycloak' },
  { name: 'fixtures/passwordrules', file: path.join(repoFixtures, 'passwordrules', 'apple.txt'), vendor: 'passwordrules' },
];
export const policyArgs = (p) => ['--policy', p.file, ...(p.index === undefined ? [] : ['--index', String(p.index)])];

/**
 * Runs the bin: `args`, optional `input` (string or Buffer) on stdin, `env` additions.
 * Resolves { code, signal, stdout, stderr } (stdout and stderr as strings).
 */
export function run(args, { input, env, bin = CLI, via = 'node' } = {}) {
  return new Promise((resolve, reject) => {
    const [cmd, cmdArgs] = via === 'node' ? [process.execPath, [bin, ...args]] : [bin, args];
    const child = spawn(cmd, cmdArgs, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // the child may exit before reading everything
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** The JSON lines of a `check` output. */
export function records(stdout) {
  assert(stdout === '' || stdout.endsWith('\n'), 'the output ends with a line ending');
  return stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** What the API says for each password: the record the bin should print. */
export function expectedRecords(p, passwords, { strength = true, context } = {}) {
  const policy = api.PasswordPolicy.from(fs.readFileSync(p.file, 'utf8'), p.index === undefined ? {} : { index: p.index });
  try {
    return passwords.map((pw, i) => {
      const r = strength ? policy.check(pw, context) : policy.checkRules(pw, context);
      return { line: i + 1, ok: r.ok, failed: [...new Set(r.violations.map((v) => v.id))], score: strength ? r.strength.score : null };
    });
  } finally {
    policy.free();
  }
}

/** Reads VmRSS (kB) of a running process, or null once it is gone. */
export function rssKb(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
