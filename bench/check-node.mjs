// Times one PasswordPolicy#check() (and checkRules(), from(), strength()) in Node against the
// built package in pkg/ (run `node scripts/build.mjs` first):
//   node bench/check-node.mjs [iterations]          (PASSPOLICY_PKG=/other/pkg to time another build)
// Prints the median and p95 per call in microseconds, per password, plus the module load time.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const t0 = performance.now();
const pkgDir = process.env.PASSPOLICY_PKG ? path.resolve(process.env.PASSPOLICY_PKG) : fileURLToPath(new URL('../pkg/', import.meta.url));
const { PasswordPolicy, strength } = await import(pathToFileURL(path.join(pkgDir, 'node.mjs')).href);
const loadMs = performance.now() - t0;

const iterations = Number(process.argv[2] ?? 2000);
const SAILPOINT = {
  name: 'bench', minLength: 8, maxLength: 0, minAlpha: 1, minNumeric: 1, minUpper: 1, minLower: 1, minSpecial: 1,
  minCharacterTypes: 3, maxRepeatedChars: 2, useIdentityAttributes: true, useDictionary: true,
  validateAgainstAccountId: true, accountIdMinWordLength: 3, validateAgainstAccountName: true, accountNameMinWordLength: 3,
};
const CONTEXT = {
  username: 'jsmith', email: 'john.smith@example.com', accountId: 'E12345', accountName: 'John Smith',
  attributes: { displayName: 'John Smith', phone: '555-555-1234' }, dictionary: ['spring', 'acme', 'welcome'],
};
const PASSWORDS = {
  'short (8)': 'Passw0rd',
  'typical (16)': 'correct-Horse-92',
  'long (64)': 'Tr0ub4dor&3-'.repeat(6).slice(0, 64),
  'emoji (1 grapheme)': '👨‍👩‍👧',
};

function time(fn, n) {
  for (let i = 0; i < Math.min(200, n); i++) fn(i); // warm-up (JIT, zxcvbn's lazy dictionaries)
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn(i);
    samples[i] = performance.now() - s;
  }
  samples.sort();
  return { median: samples[n >> 1] * 1000, p95: samples[Math.floor(n * 0.95)] * 1000 };
}
const fmt = ({ median, p95 }) => `median ${median.toFixed(1).padStart(7)} µs   p95 ${p95.toFixed(1).padStart(7)} µs`;

console.log(`${pkgDir}: node ${process.version}, ${iterations} iterations per row; module load + instantiate ${loadMs.toFixed(1)} ms`);
console.log(`PasswordPolicy.from (normalize + compile) ${fmt(time(() => PasswordPolicy.from(SAILPOINT).free(), Math.min(iterations, 500)))}`);
const policy = PasswordPolicy.from(SAILPOINT);
for (const [label, pw] of Object.entries(PASSWORDS)) {
  console.log(`check()      ${label.padEnd(20)} ${fmt(time(() => policy.check(pw, CONTEXT), iterations))}`);
  console.log(`checkRules() ${label.padEnd(20)} ${fmt(time(() => policy.checkRules(pw, CONTEXT), iterations))}`);
}
console.log(`check() without context, typical (16) ${fmt(time(() => policy.check('correct-Horse-92'), iterations))}`);
console.log(`strength()   typical (16)        ${fmt(time(() => strength('correct-Horse-92'), iterations))}`);
const huge = 'aB3$'.repeat(1 << 18);
console.log(`check()      1 MiB password      ${fmt(time(() => policy.check(huge), 20))}`);
policy.free();
