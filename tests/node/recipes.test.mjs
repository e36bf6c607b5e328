// The README's React recipe (its ```tsx block), as a user would paste it: type-checked with tsc
// under strict settings (with @types/react), compiled with esbuild (the automatic JSX runtime),
// then rendered with react-dom/server against the installed package. (The README's `js` recipes,
// zod and Express, run in readme.test.mjs and compile in tests/types/readme.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { createElement, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { init } from 'passpolicy/rules';

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(path.join(here, '..', '..', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```tsx\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The block as a module of this folder (so that `react` and `passpolicy/rules` resolve as a user's would). */
async function load(code) {
  const { code: js } = transformSync(code, { loader: 'tsx', jsx: 'automatic', format: 'esm' });
  const file = path.join(here, `.recipe-${process.pid}.mjs`);
  writeFileSync(file, js);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

const CANONICAL = { version: 1, length: { min: 10 }, context: { username: { match: 'substring' } } };

/** The checklist items of rendered HTML: [status, text]. */
const items = (html) => [...html.matchAll(/<li data-status="(\w+)">([^<]*(?:<!-- -->[^<]*)*)<\/li>/g)].map((m) => [m[1], m[2].replace(/<!-- -->/g, '')]);

test('the README has one React recipe', () => {
  assert.equal(blocks.length, 1);
});

test('the React recipe compiles under strict TypeScript', () => {
  // In this folder, so that `passpolicy/rules` and `react` resolve as they do for a user.
  const dir = mkdtempSync(path.join(here, '.recipe-tsc-'));
  try {
    writeFileSync(path.join(dir, 'recipe.tsx'), blocks[0]);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, jsx: 'react-jsx', module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
        lib: ['es2022', 'dom', 'esnext.disposable'], types: [], skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true,
      },
      files: ['recipe.tsx'],
    }));
    const tsc = path.join(here, '..', '..', 'node_modules', '.bin', 'tsc');
    const r = spawnSync(tsc, ['-p', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usePasswordPolicy and PasswordField render the checklist of the password', async () => {
  await init();
  const { PasswordField, usePasswordPolicy } = await load(blocks[0]);
  assert.equal(typeof usePasswordPolicy, 'function');
  const render = (props) => renderToString(createElement(StrictMode, null, createElement(PasswordField, props)));

  const empty = render({ canonical: CANONICAL, username: 'marianne' });
  assert.equal(items(empty).length, 2);
  assert.deepEqual(items(empty)[0], ['fail', 'Not met: At least 10 characters']);
  assert.match(empty, /aria-invalid="false"/, 'an empty field is not marked invalid');

  const holds = render({ canonical: CANONICAL, username: 'marianne', initial: 'xmarianne-2024' });
  assert.deepEqual(items(holds), [
    ['pass', 'Met: At least 10 characters'],
    ['fail', 'Not met: Does not contain your username'],
  ]);
  assert.match(holds, /aria-invalid="true"/);

  const good = render({ canonical: CANONICAL, username: 'marianne', initial: 'Tulip-Orbit-7' });
  assert.deepEqual(items(good).map(([s]) => s), ['pass', 'pass']);
  assert.match(good, /aria-describedby="password-rules"/);
});
