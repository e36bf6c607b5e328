// The command line against hostile or mistaken input: it never quotes a password file, never
// passes a document's control characters to the terminal, reads no file past its limit, and never
// claims success for a run whose output could not be written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { CLI, run, tmpFile } from './helpers.mjs';

const POLICY = tmpFile('hostile-policy.json', JSON.stringify({ minLength: 8, maxLength: 128, mustContainDigits: true }));

test('a malformed --context file is reported without quoting it (it may hold passwords)', async () => {
  const secret = 'Hunter2Secret!';
  const ctx = tmpFile('bad-context.json', `{"previousPasswords":[${secret}]}`);
  const r = await run(['check', '--policy', POLICY, '--context', ctx, '--no-strength'], { input: 'abcdefgh1\n' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not valid JSON/);
  assert.ok(!r.stderr.includes('Hunter2') && !r.stdout.includes('Hunter2'), r.stderr);
  // A password file passed as --context by mistake: its first line is not printed either.
  const passwords = tmpFile('passwords.txt', `${secret}\ncorrect horse\n`);
  const r2 = await run(['check', '--policy', POLICY, '--context', passwords, '--no-strength'], { input: 'x\n' });
  assert.equal(r2.code, 2);
  assert.ok(!r2.stderr.includes('Hunter2'), r2.stderr);
});

test('files are read up to their limit, never whole: /dev/zero and an oversized policy are too_large', async () => {
  for (const args of [['detect', '/dev/zero'], ['describe', '/dev/zero'], ['check', '--policy', '/dev/zero', '--no-strength']]) {
    const r = await run(args, { input: '' });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /larger than 1048576 bytes/, args.join(' '));
    assert.ok(!/internal error|at .*\.mjs/.test(r.stderr), r.stderr);
  }
  const big = tmpFile('big-context.json', `{"username":"${'u'.repeat(5 << 20)}"}`);
  const r = await run(['check', '--policy', POLICY, '--context', big, '--no-strength'], { input: 'abcdefgh1\n' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /context file .* is larger than 4194304 bytes/);
});

test('control characters of a document never reach the terminal raw', async () => {
  const evil = '\u001b]0;owned\u0007\u001b[2J\u001b[1A';
  const doc = tmpFile('evil.json', JSON.stringify({ version: 1, symbols: { chars: `!${evil}` }, classes: [{ class: 'symbol', min: 1 }] }));
  const unknown = tmpFile('evil-key.json', JSON.stringify({ version: 1, [`x${evil}`]: 1 }));
  const outputs = [
    await run(['describe', doc]),
    await run(['describe', unknown]),
    await run(['check', '--policy', unknown, '--no-strength'], { input: 'x\n' }),
    await run(['convert', doc, '--to', 'passwordrules']),
  ];
  for (const r of outputs) {
    for (const text of [r.stdout, r.stderr]) {
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text), JSON.stringify(text));
    }
  }
  assert.match(outputs[1].stderr + outputs[2].stderr, /\\u001b/, 'shown as a visible escape');
});

/** Runs the bin with its stdout closed after the first line (`| head -1`). */
function runHead(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    let seen = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      seen += d;
      if (seen.includes('\n')) child.stdout.destroy();
    });
    child.on('error', reject);
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => resolve({ code, signal, err, seen }));
    child.stdin.end(input);
  });
}

test('| head -1: a run whose output was cut never exits 0', async () => {
  const input = 'short\n'.repeat(200_000);
  const r = await runHead(['check', '--policy', POLICY, '--no-strength'], input);
  assert.notEqual(r.code, 0, `exit ${r.code} ${r.signal ?? ''}`);
  assert.equal(r.code, 141);
  assert.ok(!/internal error|Error:/.test(r.err), r.err);
});

test('> /dev/full: a clear message and exit 2, no stack trace', { skip: !fs.existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const r = await new Promise((resolve, reject) => {
    const full = fs.openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [CLI, 'check', '--policy', POLICY, '--no-strength'], { stdio: ['pipe', full, 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      fs.closeSync(full);
      resolve({ code, err });
    });
    child.stdin.end('abcdefgh1\n'.repeat(1000));
  });
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /cannot write the output \(ENOSPC\)/);
  assert.ok(!/\n\s+at /.test(r.err), r.err);
});
