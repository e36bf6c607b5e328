// The corpus of real vendor documents (tests/fixtures/real/, see its README) through the npm
// package, as tests/real.rs checks it natively: each document is normalized with detection and
// compared with its .expect.json (vendor or error code, policy count, canonical facts, passwords
// that must pass or fail which rules). Every mismatch is collected and reported in one failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalize, PasswordPolicy, isPassPolicyError } from 'passpolicy';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real');

/** Every document of the corpus (not its expect files), sorted, as paths relative to root. */
function documents() {
  const out = [];
  for (const dir of fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory())) {
    for (const file of fs.readdirSync(path.join(root, dir))) {
      if (!file.endsWith('.expect.json')) out.push(`${dir}/${file}`);
    }
  }
  return out.sort();
}

/** `okta/list.json` → `okta/list.expect.json` (the last extension replaced). */
const expectPath = (doc) => doc.replace(/\.[^./]+$/, '.expect.json');

/** The value at a fact's path (dotted keys, `[i]` indices, `classes.<class>` for that class's min). */
function fact(policy, factPath) {
  let at = policy;
  const segments = factPath.split('.');
  for (let i = 0; i < segments.length; i++) {
    const [key, ...indices] = segments[i].split(/[[\]]/).filter((s) => s !== '');
    if (at == null) return undefined;
    if (key === 'classes' && indices.length === 0 && i + 1 < segments.length) {
      const name = segments[++i];
      const rule = (at.classes ?? []).find((c) => c.class === name);
      at = rule?.min;
      continue;
    }
    at = at[key];
    for (const index of indices) at = at?.[Number(index)];
  }
  return at ?? undefined;
}

const failed = (policy, password, context) =>
  [...new Set(policy.check(password, context).rules.filter((r) => r.status === 'fail').map((r) => r.id))].sort();

function mismatches(doc, expect) {
  const out = [];
  const text = fs.readFileSync(path.join(root, doc), 'utf8');
  let list;
  try {
    const result = normalize(text);
    list = Array.isArray(result) ? result : [result];
  } catch (e) {
    if (!isPassPolicyError(e)) throw e;
    if (expect.error) {
      if (e.code !== expect.error) out.push(`error \`${e.code}\` (${e.message}), expected \`${expect.error}\``);
    } else {
      out.push(`error \`${e.code}\`: ${e.message}`);
    }
    return out;
  }
  if (expect.error) {
    out.push(`normalized as ${list[0]?.vendor ?? 'nothing'} (${list.length} policies), expected the error \`${expect.error}\``);
    return out;
  }
  const other = list.find((n) => n.vendor !== expect.vendor);
  if (expect.vendor && other) out.push(`vendor ${other.vendor}, expected ${expect.vendor}`);
  if (expect.policies !== undefined && list.length !== expect.policies) {
    out.push(`${list.length} policies, expected ${expect.policies}`);
  }
  const index = expect.index ?? 0;
  const normalized = list[index];
  if (!normalized) return [...out, `no policy [${index}]`];
  for (const [factPath, want] of Object.entries(expect.expect ?? {})) {
    const got = fact(normalized.policy, factPath);
    if (JSON.stringify(got ?? null) !== JSON.stringify(want)) {
      out.push(`${factPath} = ${got === undefined ? 'absent' : JSON.stringify(got)}, expected ${want === null ? 'absent' : JSON.stringify(want)}`);
    }
  }
  const codes = new Set(normalized.warnings.map((w) => w.code));
  for (const code of expect.warnings ?? []) {
    if (!codes.has(code)) out.push(`no \`${code}\` warning (warnings: ${[...codes].join(', ')})`);
  }
  for (const prefix of expect.documented ?? []) {
    for (const w of normalized.warnings.filter((w) => w.code === 'unknown_field' && w.path.startsWith(prefix))) {
      out.push(`the documented field \`${w.path}\` is reported unknown_field`);
    }
  }
  let policy;
  try {
    policy = PasswordPolicy.from(text, { index });
  } catch (e) {
    return [...out, `PasswordPolicy.from: ${e.code}: ${e.message}`];
  }
  try {
    for (const password of expect.pass ?? []) {
      const got = failed(policy, password, expect.context);
      if (got.length) out.push(`${JSON.stringify(password)} fails ${JSON.stringify(got)}, expected to pass`);
    }
    for (const [password, ids] of Object.entries(expect.fail ?? {})) {
      const got = failed(policy, password, expect.context);
      const want = [...new Set(ids)].sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        out.push(`${JSON.stringify(password)} fails ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    }
  } finally {
    policy.free();
  }
  return out;
}

test('every real document means what its vendor documents (through the package)', () => {
  const docs = documents();
  assert.ok(docs.length >= 38, `the corpus holds ${docs.length} documents`);
  const lines = [];
  let differing = 0;
  for (const doc of docs) {
    const expectFile = path.join(root, expectPath(doc));
    if (!fs.existsSync(expectFile)) {
      lines.push(`${doc}: no .expect.json beside it`);
      differing++;
      continue;
    }
    const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
    const found = [];
    for (const key of ['source', 'licence']) if (!expect[key]) found.push(`the expect file has no \`${key}\``);
    found.push(...mismatches(doc, expect));
    if (found.length) differing++;
    lines.push(...found.map((m) => `${doc}: ${m}`));
  }
  assert.equal(lines.length, 0, `${differing} of ${docs.length} documents differ from what their vendor documents:\n${lines.join('\n')}`);
});
