#!/usr/bin/env node
// Regenerates data/lang/<code>/{passwords,words,first_names,last_names}.txt from the
// downloaded source packages (see data/lang/README.md for versions and licences).
//
// Usage:
//   mkdir -p /tmp/lang && cd /tmp/lang
//   npm pack @zxcvbn-ts/language-de@3.0.2 @zxcvbn-ts/language-fr@4.1.2 @zxcvbn-ts/language-es-es@4.1.2
//   # the password lists (SecLists, MIT) as plain files in one folder, see data/lang/README.md
//   node scripts/lang-data.mjs --packages /tmp/lang --seclists /tmp/lang/seclists [--out data/lang] [--only de]
//
// Tarballs are read with the system `tar` (no npm dependencies). Not run by the tests.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const PKG_DIR = opt("--packages", "/tmp/lang");
const SECLISTS = opt("--seclists", path.join(PKG_DIR, "seclists"));
const OUT = opt("--out", path.join(path.dirname(new URL(import.meta.url).pathname), "..", "data", "lang"));

const PACKS = {
  de: {
    tarball: "zxcvbn-ts-language-de-3.0.2.tgz",
    passwords: [{ seclists: "German_common-password-list-top-1000.txt" }],
    // subtitles list and Wikipedia list interleaved by rank
    words: [{ json: "commonWords.json" }, { json: "wikipedia.json" }],
    first_names: [{ json: "firstnames.json" }],
    last_names: [{ json: "lastnames.json" }],
  },
  fr: {
    tarball: "zxcvbn-ts-language-fr-4.1.2.tgz",
    passwords: [{ seclists: "richelieu-french-top5000.txt", lines: 2100 }],
    words: [{ json: "commonWords.json" }, { json: "wikipedia.json" }],
    // In @zxcvbn-ts/language-fr 4.1.2 the two name files are swapped: firstnames.json holds
    // INSEE's surnames (noms), lastnames.json INSEE's first names (prénoms).
    first_names: [{ json: "lastnames.json" }],
    last_names: [{ json: "firstnames.json" }],
  },
  es: {
    tarball: "zxcvbn-ts-language-es-es-4.1.2.tgz",
    passwords: [{ seclists: "ignis-spanish-150.txt" }],
    words: [{ json: "commonWords.json" }, { json: "wikipedia.json" }],
    first_names: [{ json: "firstnames.json" }],
    last_names: [{ json: "lastnames.json" }],
  },
};

const ORDER = ["passwords", "words", "first_names", "last_names"];
const MAX = { passwords: 10000, words: 30000, first_names: 10000, last_names: 10000 };
// Byte budget for the four files of a pack together; the tail of `words` is trimmed first.
const BUDGET = 350 * 1024;
const ONLY = opt("--only", null); // e.g. --only de

// Letters, marks, digits, and the printable ASCII punctuation a password can contain.
const ALLOWED = /^[\p{L}\p{M}\p{N}!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/u;

function normalize(s) {
  const w = s.normalize("NFC").trim().toLowerCase().normalize("NFC");
  const n = [...w].length;
  if (n < 3 || n > 30) return null;
  if (!ALLOWED.test(w)) return null; // also drops spaces and control characters
  return w;
}

function extract(tarball) {
  const dir = path.join(PKG_DIR, "x-" + path.basename(tarball, ".tgz"));
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["xzf", path.join(PKG_DIR, tarball), "-C", dir]);
  }
  return path.join(dir, "package", "src");
}

function readSource(src, srcDir) {
  if (src.json) return JSON.parse(fs.readFileSync(path.join(srcDir, src.json), "utf8"));
  if (src.seclists) {
    const lines = fs.readFileSync(path.join(SECLISTS, src.seclists), "utf8").split(/\r?\n/);
    return src.lines ? lines.slice(0, src.lines) : lines;
  }
  throw new Error("unknown source");
}

// Several ranked lists merged by rank: entry i of each list before entry i+1 of any.
function interleave(lists) {
  const out = [];
  const n = Math.max(...lists.map((l) => l.length));
  for (let i = 0; i < n; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

for (const [code, pack] of Object.entries(PACKS)) {
  if (ONLY && ONLY !== code) continue;
  const srcDir = extract(pack.tarball);
  const seen = new Set();
  const files = {};
  for (const kind of ORDER) {
    const merged = interleave(pack[kind].map((s) => readSource(s, srcDir)));
    const list = [];
    const mine = new Set();
    for (const raw of merged) {
      const w = normalize(String(raw));
      if (w === null || mine.has(w) || seen.has(w)) continue;
      mine.add(w);
      list.push(w);
      if (list.length >= MAX[kind]) break;
    }
    for (const w of list) seen.add(w);
    files[kind] = list;
  }
  const size = () => ORDER.reduce((n, k) => n + Buffer.byteLength(files[k].join("\n") + "\n"), 0);
  let trimmed = 0;
  while (size() > BUDGET) {
    const cut = Math.min(500, files.words.length);
    files.words.length -= cut;
    trimmed += cut;
  }
  fs.mkdirSync(path.join(OUT, code), { recursive: true });
  for (const kind of ORDER) {
    fs.writeFileSync(path.join(OUT, code, kind + ".txt"), files[kind].join("\n") + "\n");
  }
  console.log(code, ORDER.map((k) => `${k}=${files[k].length}`).join(" "), `bytes=${size()}`,
    trimmed ? `(words tail trimmed by ${trimmed})` : "");
}
