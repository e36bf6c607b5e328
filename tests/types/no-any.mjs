// Fails when the installed package's declarations use `any` or differ between .d.ts and .d.cts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('passpolicy/package.json'));
const dts = fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8');
const dcts = fs.readFileSync(path.join(dir, 'index.d.cts'), 'utf8');
if (dts !== dcts) throw new Error('index.d.ts and index.d.cts differ');
const code = dts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'/g, "''");
const hits = code.split('\n').map((l, i) => [i + 1, l]).filter(([, l]) => /\bany\b/.test(l));
if (hits.length) throw new Error(`index.d.ts uses any:\n${hits.map(([n, l]) => `  ${n}: ${l.trim()}`).join('\n')}`);
for (const name of ['Policy', 'Report', 'RuleResult', 'Strength', 'Context', 'Warning', 'NormalizeResult', 'PassPolicyError']) {
  if (!new RegExp(`export (interface|type) ${name}\\b`).test(dts)) throw new Error(`index.d.ts does not export ${name}`);
}
if (!/code: PassPolicyErrorCode;/.test(dts) || !/path: string \| null;/.test(dts)) throw new Error('PassPolicyError lacks code/path types');
console.log(`no-any: ${path.join(dir, 'index.d.ts')} ok (${dts.length} chars, no any)`);

// passpolicy/rules: the same checks on its declarations.
const rdts = fs.readFileSync(path.join(dir, 'rules.d.ts'), 'utf8');
if (rdts !== fs.readFileSync(path.join(dir, 'rules.d.cts'), 'utf8')) throw new Error('rules.d.ts and rules.d.cts differ');
const rcode = rdts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'/g, "''");
if (/\bany\b/.test(rcode)) throw new Error('rules.d.ts uses any');
for (const name of ['init', 'ready', 'isPassPolicyError']) {
  if (!new RegExp(`export function ${name}\\b`).test(rdts)) throw new Error(`rules.d.ts does not declare ${name}`);
}
if (!/export class PasswordPolicy\b/.test(rdts) || /\bcheck\(password/.test(rdts.slice(rdts.indexOf('export class PasswordPolicy')))) throw new Error('rules.d.ts: PasswordPolicy is not the rules class');
console.log(`no-any: ${path.join(dir, 'rules.d.ts')} ok (${rdts.length} chars, no any)`);
