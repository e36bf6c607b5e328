// Runs every ```js block of README.md against the installed package, as a user would paste it.
// `console.log(x); // value` lines are checked: when the comment is a plain value (no "…"), the
// logged values must equal it (compared as JSON, ignoring whitespace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(path.join(here, '..', '..', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

const checkable = (comment) => !comment.includes('…') && /^("|\[|\{|-?\d|true|false|null)/.test(comment);

function instrument(code) {
  let checks = 0;
  const out = code
    .split('\n')
    .map((line) => {
      const m = line.match(/^(\s*)console\.log\((.*)\);\s*\/\/\s*(.*)$/);
      if (!m || !checkable(m[3].trim())) return line;
      checks += 1;
      return `${m[1]}__expect([${m[2]}], ${JSON.stringify(m[3].trim())}, ${JSON.stringify(m[2])});`;
    })
    .join('\n');
  return { out, checks };
}

const prelude = `
const __squash = (s) => s.replace(/\\s+/g, '');
const __expect = (values, comment, expr) => {
  const got = __squash(values.map((v) => JSON.stringify(v)).join(' '));
  if (got !== __squash(comment)) throw new Error('README: console.log(' + expr + ') gave ' + got + ', the README says ' + comment);
};
`;

test('the README has examples', () => {
  assert.ok(blocks.length >= 2, `found ${blocks.length} js blocks`);
});

blocks.forEach((code, i) => {
  test(`README example ${i + 1} runs and logs what the README says`, async () => {
    const { out, checks } = instrument(code);
    assert.ok(checks > 0 || !code.includes('console.log'), 'no checkable console.log in the example');
    const file = path.join(here, `.readme-example-${i + 1}.mjs`);
    writeFileSync(file, prelude + out);
    const logged = [];
    const original = console.log;
    console.log = (...args) => logged.push(args);
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = original;
      rmSync(file, { force: true });
    }
  });
});
