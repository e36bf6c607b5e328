#!/usr/bin/env node
// Builds keyboard adjacency graphs (zxcvbn's "slanted" keyboard model) from layout rows and
// writes data/keyboards/qwertz.txt and data/keyboards/azerty.txt in the format of
// data/zxcvbn/adjacency_graphs.txt.
//
//   node scripts/keyboard-graphs.mjs           write data/keyboards/{qwertz,azerty}.txt
//   node scripts/keyboard-graphs.mjs --check   rebuild qwerty and dvorak from the US rows and
//                                              compare them with data/zxcvbn/adjacency_graphs.txt
//                                              (exit 1 on any difference)
//
// Model (as zxcvbn 4.4.2 builds its qwerty and dvorak graphs): every key is a cell (x, y);
// y is the row (0 = the digit row), x the column. The digit row starts at x = 0, every lower
// row's first letter key at x = 1, so each row sits half a key to the right of the row above.
// A key's six neighbours, in this order, are
//   left (x-1, y), upper-left (x, y-1), upper-right (x+1, y-1), right (x+1, y),
//   lower-right (x, y+1), lower-left (x-1, y+1).
// A field holds the unshifted character followed by the shifted one; the graph lists every
// character (unshifted and shifted) of every key with its key's neighbours.
// An ISO keyboard's extra key left of the bottom row's first letter sits at x = 0.

import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), "..");

// Each layout: rows of [first x, unshifted chars, shifted chars] (one character per key).
const LAYOUTS = {
  // US ANSI (reproduces zxcvbn's qwerty graph)
  qwerty: [
    [0, "`1234567890-=", "~!@#$%^&*()_+"],
    [1, "qwertyuiop[]\\", "QWERTYUIOP{}|"],
    [1, "asdfghjkl;'", 'ASDFGHJKL:"'],
    [1, "zxcvbnm,./", "ZXCVBNM<>?"],
  ],
  // US Dvorak (reproduces zxcvbn's dvorak graph)
  dvorak: [
    [0, "`1234567890[]", "~!@#$%^&*(){}"],
    [1, "',.pyfgcrl/=\\", '"<>PYFGCRL?+|'],
    [1, "aoeuidhtns-", "AOEUIDHTNS_"],
    [1, ";qjkxbmwvz", ":QJKXBMWVZ"],
  ],
  // German T1 (DIN 2137-1), ISO; levels 1 and 2 of xkb-data's symbols/de "basic"
  qwertz: [
    [0, "^1234567890ß´", '°!"§$%&/()=?`'],
    [1, "qwertzuiopü+", "QWERTZUIOPÜ*"],
    [1, "asdfghjklöä#", "ASDFGHJKLÖÄ'"],
    [0, "<yxcvbnm,.-", ">YXCVBNM;:_"],
  ],
  // French AZERTY, ISO; levels 1 and 2 of xkb-data's symbols/fr "basic"
  // (the ² key's level 2 is ~ there; Windows' French layout has nothing on Shift+²)
  azerty: [
    [0, "²&é\"'(-è_çà)=", "~1234567890°+"],
    [1, "azertyuiop^$", "AZERTYUIOP¨£"],
    [1, "qsdfghjklmù*", "QSDFGHJKLM%µ"],
    [0, "<wxcvbn,;:!", ">WXCVBN?./§"],
  ],
};

function buildGraph(rows) {
  const cells = new Map(); // "x,y" -> two-character field
  rows.forEach(([x0, lower, upper], y) => {
    const lo = [...lower];
    const up = [...upper];
    if (lo.length !== up.length) throw new Error(`row ${y}: ${lo.length} keys vs ${up.length} shifted`);
    lo.forEach((c, i) => cells.set(`${x0 + i},${y}`, c + up[i]));
  });
  const graph = new Map();
  for (const [pos, field] of cells) {
    const [x, y] = pos.split(",").map(Number);
    const around = [[x - 1, y], [x, y - 1], [x + 1, y - 1], [x + 1, y], [x, y + 1], [x - 1, y + 1]];
    const adj = around.map(([a, b]) => cells.get(`${a},${b}`) ?? "");
    for (const ch of new Set(field)) {
      if (graph.has(ch)) throw new Error(`character ${ch} on two keys`);
      graph.set(ch, adj);
    }
  }
  return graph;
}

// Key order of zxcvbn's lib/adjacency_graphs.js: the JSON's keys sorted by code point, with
// JavaScript's integer-like keys (the digits) first.
function keyOrder(a, b) {
  const da = /^[0-9]$/.test(a);
  const db = /^[0-9]$/.test(b);
  if (da !== db) return da ? -1 : 1;
  return a.codePointAt(0) - b.codePointAt(0);
}

function graphLines(name, graph) {
  const keys = [...graph.keys()].sort(keyOrder);
  return [`graph\t${name}`, ...keys.map((k) => [k, ...graph.get(k)].join("\t"))];
}

function zxcvbnSection(name) {
  const text = fs.readFileSync(path.join(ROOT, "data", "zxcvbn", "adjacency_graphs.txt"), "utf8");
  const lines = text.split("\n");
  const start = lines.indexOf(`graph\t${name}`);
  if (start < 0) throw new Error(`no graph ${name}`);
  let end = start + 1;
  while (end < lines.length && lines[end] !== "" && !lines[end].startsWith("graph\t") && !lines[end].startsWith("# ")) end++; // "#\t…" is the # key
  return lines.slice(start, end);
}

if (process.argv.includes("--check")) {
  let bad = 0;
  for (const name of ["qwerty", "dvorak"]) {
    const want = zxcvbnSection(name).join("\n");
    const got = graphLines(name, buildGraph(LAYOUTS[name])).join("\n");
    if (got === want) {
      console.log(`${name}: identical to data/zxcvbn/adjacency_graphs.txt (${want.split("\n").length - 1} keys)`);
    } else {
      bad++;
      const w = want.split("\n");
      const g = got.split("\n");
      for (let i = 0; i < Math.max(w.length, g.length); i++) {
        if (w[i] !== g[i]) {
          console.error(`${name}: first difference at line ${i + 1} of the section:\n  want ${JSON.stringify(w[i])}\n  got  ${JSON.stringify(g[i])}`);
          break;
        }
      }
    }
  }
  process.exit(bad ? 1 : 0);
}

const HEADERS = {
  qwertz:
    "# German QWERTZ (T1, DIN 2137-1, ISO) adjacency graph, built by scripts/keyboard-graphs.mjs\n" +
    "# with zxcvbn's slanted keyboard model; layout: levels 1-2 of xkb-data 2.35.1 symbols/de \"basic\".\n",
  azerty:
    "# French AZERTY (ISO) adjacency graph, built by scripts/keyboard-graphs.mjs\n" +
    "# with zxcvbn's slanted keyboard model; layout: levels 1-2 of xkb-data 2.35.1 symbols/fr \"basic\".\n",
};
const COMMON =
  "# One key per line: key, then one field per direction (left, upper-left, upper-right, right,\n" +
  "# lower-right, lower-left; empty = no neighbour); TAB-separated.\n" +
  "# In a keyboard field the first character is the unshifted key, the second the shifted one.\n";

const outDir = path.join(ROOT, "data", "keyboards");
fs.mkdirSync(outDir, { recursive: true });
for (const name of ["qwertz", "azerty"]) {
  const lines = graphLines(name, buildGraph(LAYOUTS[name]));
  fs.writeFileSync(path.join(outDir, `${name}.txt`), HEADERS[name] + COMMON + lines.join("\n") + "\n");
  console.log(`data/keyboards/${name}.txt: ${lines.length - 1} keys`);
}
