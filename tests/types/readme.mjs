// Compiles every ```js block of README.md as a strict TypeScript ES module against the installed
// package (tests/types/.readme/example-N.mts, then `tsc -p tests/types/tsconfig.readme.json`): an
// example a TypeScript user pastes must compile, not only run (tests/node/readme.test.mjs runs them).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
if (blocks.length === 0) throw new Error('README.md has no ```js blocks');
const out = path.join(here, '.readme');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out);
blocks.forEach((code, i) => fs.writeFileSync(path.join(out, `example-${i + 1}.mts`), `${code}\nexport {};\n`));
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
const r = spawnSync(tsc, ['--noEmit', '-p', path.join(here, 'tsconfig.readme.json')], { stdio: 'inherit' });
if (r.status !== 0) throw new Error(`the README's examples do not compile under strict TypeScript (tests/types/.readme/)`);
console.log(`readme: ${blocks.length} examples compile under strict TypeScript`);
