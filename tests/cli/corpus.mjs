// The shared password corpus of the CLI tests and the throughput measurement: a deterministic
// mix (seeded PRNG) of the kinds of passwords an audit meets: common passwords and their
// variants, words with digits, "complex" 8-12 character passwords, random strong strings,
// passphrases, non-ASCII and emoji, empty and whitespace-only lines, and a few long lines.
//
//   import { corpusLines, writeCorpus } from './corpus.mjs';
//   node tests/cli/corpus.mjs 100000 > corpus.txt      (the same lines, to a file)

const COMMON = [
  'password', '123456', '12345678', 'qwerty', 'abc123', 'monkey', 'letmein', 'dragon', 'iloveyou',
  'admin', 'welcome', 'football', 'sunshine', 'princess', 'master', 'shadow', 'P@ssw0rd', 'Passw0rd!',
];
const WORDS = [
  'correct', 'horse', 'battery', 'staple', 'river', 'orange', 'planet', 'silver', 'window', 'garden',
  'rocket', 'acme', 'winter', 'summer', 'coffee', 'yellow', 'tiger', 'castle', 'butter', 'pencil',
];
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = '0123456789';
const SYMBOL = '!@#$%^&*()-_=+[]{};:,.<>/?~';
const UNICODE = ['ä', 'ö', 'ü', 'ß', 'é', 'ñ', 'ø', 'ł', 'Ж', 'λ', '中', '文', '🔒', '👨‍👩‍👧', 'e\u0301'];

/** mulberry32: a small seeded PRNG (the corpus must be the same on every run; bench/ uses it too). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Yields `n` passwords (strings without line breaks). */
export function* corpusLines(n, seed = 20240601) {
  const rnd = prng(seed);
  const int = (k) => Math.floor(rnd() * k);
  const pick = (xs) => xs[int(xs.length)];
  const chars = (alphabet, len) => {
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[int(alphabet.length)];
    return s;
  };
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  for (let i = 0; i < n; i++) {
    const kind = int(100);
    let pw;
    if (kind < 15) pw = pick(COMMON);
    else if (kind < 25) pw = pick(COMMON) + chars(DIGIT, 1 + int(3));
    else if (kind < 40) pw = pick(WORDS) + chars(DIGIT, int(5));
    else if (kind < 55) pw = cap(pick(WORDS)) + chars(DIGIT, 1 + int(2)) + chars(SYMBOL, 1);
    else if (kind < 70) pw = chars(LOWER + UPPER + DIGIT + SYMBOL, 12 + int(13));
    else if (kind < 80) pw = [pick(WORDS), pick(WORDS), pick(WORDS), pick(WORDS)].join(pick([' ', '-', '.', '']));
    else if (kind < 85) pw = chars(LOWER, 3 + int(6));
    else if (kind < 90) pw = pick(WORDS) + pick(UNICODE) + chars(DIGIT, 2) + pick(UNICODE);
    else if (kind < 93) pw = chars(DIGIT, 4 + int(8));
    else if (kind < 95) pw = pick(['', ' ', '  ', '\t']);
    else if (kind < 97) pw = chars('aA1!', 4).repeat(2 + int(4)) + 'zzzzz';
    else if (kind < 99) pw = `${cap(pick(WORDS))} ${pick(WORDS)} ${chars(DIGIT, 4)}!`;
    else pw = chars(LOWER + DIGIT, 80 + int(200));
    yield pw;
  }
}

/** The corpus as one string of LF-terminated lines. */
export function corpusText(n, seed) {
  let s = '';
  for (const pw of corpusLines(n, seed)) s += `${pw}\n`;
  return s;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(corpusText(Number(process.argv[2] ?? 100000)));
}
