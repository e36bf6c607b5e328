// The inputs of bench/run.mjs, all deterministic (seeded PRNG, word lists from data/zxcvbn/):
//   benchCorpus(n, seed)        n mixed passwords (common passwords, mangled words, passphrases,
//                               keyboard walks, random printable strings, Unicode, digits/dates, ...)
//   commonPasswords(n)          the n most common passwords of zxcvbn 4.4.2 (data/zxcvbn/passwords.txt)
//   adversarial(kind, length)   one long hostile input of exactly `length` UTF-16 units
//   node bench/corpus.mjs [n]   prints the corpus, one password per line (JSON-escaped), with its kind
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prng } from '../tests/cli/corpus.mjs';

const DATA = fileURLToPath(new URL('../data/zxcvbn/', import.meta.url));
const lists = new Map();
/** The lines of data/zxcvbn/<name>.txt (cached). */
export function wordList(name) {
  if (!lists.has(name)) lists.set(name, fs.readFileSync(`${DATA}${name}.txt`, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')));
  return lists.get(name);
}
export const commonPasswords = (n = 10_000) => wordList('passwords').slice(0, n);

/** mulberry32, the seeded PRNG of the CLI corpus. */
export { prng };

/** zxcvbn's qwerty and keypad graphs: key -> [neighbour field per direction] ("" = none). */
function graphs() {
  const out = {};
  let current = null;
  for (const line of wordList('adjacency_graphs')) {
    const f = line.split('\t');
    if (f[0] === 'graph') out[(current = f[1])] = {};
    else if (current) out[current][f[0]] = f.slice(1);
  }
  return out;
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const L33T = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['5', '$'], t: ['7'], l: ['1', '|'], g: ['9'], b: ['8'] };
const SYMBOLS = '!@#$%^&*?.-_+=~';
const SEPARATORS = [' ', '-', '.', '_', '', ''];
const EMOJI = ['😀', '🔒', '🚀', '❤️', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇳🇴', '🐱', '✨'];
const CJK = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年密码安全春夏秋冬山水火木金土日月';
const SCRIPTS = ['пароль', 'безопасность', 'κωδικός', 'ασφάλεια', 'contraseña', 'größe', 'straße', 'mañana', 'naïve', 'sécurité', 'şifre', 'hasło', 'パスワード', 'סיסמה', 'كلمة'];
const COMBINING = ['\u0301', '\u0300', '\u0308', '\u0303', '\u0327', '\u030a'];

/** The benchmark corpus: `n` passwords, the same on every run for a given seed. */
export function benchCorpus(n = 20_000, seed = 0x5eed2026) {
  const rnd = prng(seed);
  const int = (k) => Math.floor(rnd() * k);
  const pick = (xs) => xs[int(xs.length)];
  const chance = (p) => rnd() < p;
  const passwords = wordList('passwords');
  const wordSources = [wordList('english_wikipedia'), wordList('us_tv_and_film'), wordList('female_names'), wordList('male_names'), wordList('surnames'), passwords];
  // Rank-skewed draw: rank ~ 30000^u, so the top of a list comes up far more often than its tail.
  const ranked = (list, max = list.length) => list[Math.min(list.length, max) ** rnd() - 1 | 0];
  const digits = (k) => Array.from({ length: k }, () => int(10)).join('');
  const year = () => String(1950 + int(80));
  const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
  const word = () => ranked(pick(wordSources), 10_000);
  const l33t = (w) => [...w].map((c) => (L33T[c] && chance(0.6) ? pick(L33T[c]) : c)).join('');
  const g = graphs();
  const walk = () => {
    const graph = g[pick(['qwerty', 'qwerty', 'qwerty', 'dvorak', 'keypad'])];
    const keys = Object.keys(graph);
    let key = pick(keys);
    let dir = int(graph[key].length);
    const shifted = chance(0.2);
    let s = key;
    for (let len = 4 + int(9); s.length < len; ) {
      if (!graph[key]?.[dir] || chance(0.25)) {
        const dirs = graph[key].map((f, d) => (f ? d : -1)).filter((d) => d >= 0);
        if (!dirs.length) break;
        dir = pick(dirs);
      }
      const field = graph[key][dir];
      const next = shifted && field.length > 1 ? field[1] : field[0];
      s += next;
      key = graph[next] ? next : field[0];
    }
    return s;
  };
  const random = (alphabet, len) => Array.from({ length: len }, () => alphabet[int(alphabet.length)]).join('');
  const unicode = () => {
    switch (int(5)) {
      case 0: return word() + pick(EMOJI) + digits(int(4)) + (chance(0.5) ? pick(EMOJI) : '');
      case 1: return random(CJK, 3 + int(8)) + (chance(0.5) ? digits(2 + int(4)) : '');
      case 2: return pick(SCRIPTS) + (chance(0.5) ? year() : digits(int(3)));
      case 3: return [...word()].map((c) => (chance(0.3) ? c + pick(COMBINING) : c)).join('') + digits(int(3));
      default: return `${pick(EMOJI)}${pick(EMOJI)}${pick(EMOJI)}${chance(0.5) ? '\u200d' + pick(EMOJI) : ''}${random(PRINTABLE, int(6))}`;
    }
  };
  const generators = [
    // [weight, kind, generator]
    [20, 'common', () => ranked(passwords)],
    [25, 'mangled', () => {
      let w = word();
      if (chance(0.5)) w = chance(0.8) ? cap(w) : w.toUpperCase();
      if (chance(0.4)) w = l33t(w);
      if (chance(0.7)) w += chance(0.4) ? year() : digits(1 + int(4));
      if (chance(0.35)) w += pick(SYMBOLS);
      if (chance(0.1)) w = [...w].reverse().join('');
      return w;
    }],
    [12, 'passphrase', () => {
      const sep = pick(SEPARATORS);
      const words = Array.from({ length: 3 + int(3) }, () => ranked(wordList('english_wikipedia'), 5_000));
      return words.map((w) => (chance(0.3) ? cap(w) : w)).join(sep) + (chance(0.3) ? digits(1 + int(2)) : '');
    }],
    [10, 'keyboard', () => (chance(0.3) ? walk() + digits(int(4)) : walk())],
    [13, 'random', () => random(PRINTABLE.slice(1), 8 + int(17))],
    [10, 'unicode', unicode],
    [5, 'digits', () => (chance(0.5) ? digits(4 + int(9)) : `${int(31) + 1}${int(12) + 1}${year()}`.padStart(8, '0'))],
    [5, 'repeats', () => (chance(0.5) ? pick(['a', 'x', '1', 'ab', 'abc', '123', 'qwe']).repeat(2 + int(8)) : 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(int(20)).slice(0, 4 + int(10)))],
  ];
  const total = generators.reduce((s, [w]) => s + w, 0);
  const out = [];
  const kinds = [];
  for (let i = 0; i < n; i++) {
    let r = int(total);
    const [, kind, gen] = generators.find(([w]) => (r -= w) < 0);
    out.push(gen());
    kinds.push(kind);
  }
  return { passwords: out, kinds };
}

/** Kinds of adversarial inputs: each is a generator of exactly `length` UTF-16 units. */
export const ADVERSARIAL = {
  random: (length) => {
    const rnd = prng(length);
    let s = '';
    while (s.length < length) s += PRINTABLE[Math.floor(rnd() * 95)];
    return s;
  },
  'a-repeat': (length) => 'a'.repeat(length),
  'abc-repeat': (length) => 'abc'.repeat(Math.ceil(length / 3)).slice(0, length),
  'P@ssw0rd-repeat': (length) => 'P@ssw0rd'.repeat(Math.ceil(length / 8)).slice(0, length),
  'l33t-symbols': (length) => '4@8(3&|!1|0$5+7%2'.repeat(Math.ceil(length / 17)).slice(0, length),
};
export const ADVERSARIAL_LENGTHS = [100, 500, 2000, 1_048_576];
export const adversarial = (kind, length) => ADVERSARIAL[kind](length);

if (import.meta.url === `file://${process.argv[1]}`) {
  const { passwords, kinds } = benchCorpus(Number(process.argv[2] ?? 20_000));
  for (let i = 0; i < passwords.length; i++) process.stdout.write(`${kinds[i]}\t${JSON.stringify(passwords[i])}\n`);
}
