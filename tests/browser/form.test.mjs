// Browser tests of passpolicy/form (enhancePasswordInput) in Debian's Chromium, on a signup page
// (tests/browser/form/index.html: username, e-mail, password, a checklist, a submit button) that
// loads pkg/browser.js, pkg/rules.js and pkg/form.js. The user is played with the keyboard (Tab,
// typing, Enter); axe-core (npm axe-core) checks the page and the demo page for violations.
//
//   node --test tests/browser/form.test.mjs      (or: bash scripts/test-browser.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, startServer, stopServer } from './harness.mjs';

/** The README's examples for pages (fenced as ```js browser), run in the signup page. */
const README_BLOCKS = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```js browser\n([\s\S]*?)```/g)].map((m) => m[1]);

// Served by scripts/serve.mjs (the repository root), so that the demo page's CSP (script-src
// 'self') lets it run.
const AXE_PATH = '/node_modules/axe-core/axe.min.js';

/** An Auth0-like policy with personal-data and dictionary rules, as canonical JSON. */
const POLICY = {
  version: 1,
  length: { min: 10, max: 64 },
  types: [{ required: 3, of: [{ class: 'lower', min: 1 }, { class: 'upper', min: 1 }, { class: 'digit', min: 1 }, { class: 'symbol', min: 1 }] }],
  dictionary: { common: true },
  context: { username: { match: 'substring', minTokenLength: 3 }, email: { match: 'substring', minTokenLength: 3 } },
  minStrength: 3,
};

let server;
let formUrl;
let demoUrl;
let browser;

before(async () => {
  let url;
  ({ child: server, url } = await startServer());
  demoUrl = url;
  formUrl = new URL('../tests/browser/form/', url).href;
  browser = await launch({ width: 1000, height: 800 });
});

after(async () => {
  await browser?.close();
  stopServer(server);
});

async function openForm() {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(formUrl);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return { page, errors };
}

/** Binds the password input with `tier` ('root' or 'rules') and these options (JSON-able). */
async function enhance(page, tier, extra = {}) {
  await page.evaluate(
    ({ tier, policy, extra }) => {
      const { root, rules, enhancePasswordInput } = window.form;
      const lib = tier === 'root' ? root : rules;
      const $ = (id) => document.getElementById(id);
      window.reports = [];
      window.policy = lib.PasswordPolicy.from(policy);
      window.binding = enhancePasswordInput($('password'), window.policy, {
        checklist: $('rules'),
        context: () => ({ username: $('username').value || null, email: $('email').value || null }),
        watch: [$('username'), $('email')],
        onReport: (r) => window.reports.push({ strength: r.strength !== undefined, ok: r.ok }),
        ...extra,
      });
    },
    { tier, policy: POLICY, extra },
  );
}

/** The checklist as the user sees it: one line per item. */
function checklist(page) {
  return page.$$eval('#rules > li', (items) =>
    items.map((li) => ({ rule: li.dataset.rule, status: li.dataset.status, text: li.textContent })),
  );
}

const statusOf = (items, rule) => items.find((i) => i.rule === rule)?.status;

async function axe(page) {
  await page.addScriptTag({ url: new URL(AXE_PATH, page.url()).href });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

describe('passpolicy/form', () => {
  test('keyboard: the checklist, the validity message and aria-invalid follow each keystroke', async () => {
    const { page, errors } = await openForm();
    await enhance(page, 'rules');
    const input = page.locator('#password');

    // The attributes of the policy are on the input at once (no maxlength: htmlAttributes()
    // leaves it out, so that a long password is reported, not cut while typing).
    assert.equal(await input.getAttribute('minlength'), '10');
    assert.equal(await input.getAttribute('maxlength'), null);
    assert.equal(await input.getAttribute('autocomplete'), 'new-password');
    assert.match(await input.getAttribute('passwordrules'), /minlength: 10/);
    const listId = await page.getAttribute('#rules', 'id');
    assert.ok((await input.getAttribute('aria-describedby')).split(' ').includes(listId));
    assert.equal(await page.getAttribute('#rules', 'aria-live'), 'polite');

    // The user tabs through the form: username, e-mail, password.
    await page.focus('#username');
    await page.keyboard.type('marianne');
    await page.keyboard.press('Tab');
    await page.keyboard.type('marianne@example.com');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'password');

    await page.keyboard.type('Mari');
    let items = await checklist(page);
    assert.equal(statusOf(items, 'length.min'), 'fail');
    // The status is text, not only colour.
    assert.match(items.find((i) => i.rule === 'length.min').text, /^Not met: /);
    const message = await input.evaluate((el) => el.validationMessage);
    assert.equal(message, items.find((i) => i.status === 'fail').text.replace(/^Not met: /, ''));
    assert.equal(await input.getAttribute('aria-invalid'), 'true');

    // A password holding the username fails the context rule; passpolicy/rules checks no
    // strength (checkRules has no strength.min).
    await page.keyboard.type('anne#2024x');
    items = await checklist(page);
    assert.equal(statusOf(items, 'length.min'), 'pass');
    assert.match(items.find((i) => i.rule === 'length.min').text, /^Met: /);
    assert.equal(statusOf(items, 'context.username'), 'fail');
    assert.equal(statusOf(items, 'strength.min'), undefined);

    // Changing the username (a watched field) re-checks the password without touching it.
    await page.fill('#username', '');
    await page.focus('#username');
    await page.keyboard.type('zoe');
    items = await checklist(page);
    assert.equal(statusOf(items, 'context.username'), 'pass');

    // Enter submits only once every rule passes: the custom validity blocks it before.
    await page.focus('#password');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.submitted ?? 0), 0, 'the form was submitted with a failing password');
    await page.fill('#password', '');
    await page.focus('#password');
    await page.keyboard.type('Tulip-Orbit-7-Canyon');
    items = await checklist(page);
    assert.deepEqual(items.filter((i) => i.status === 'fail'), []);
    assert.equal(await input.evaluate((el) => el.validationMessage), '');
    assert.equal(await input.getAttribute('aria-invalid'), 'false');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.submitted), 1);

    // One report per input event (passpolicy/rules has no strength).
    const reports = await page.evaluate(() => window.reports);
    assert.ok(reports.every((r) => !r.strength));
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('root import: rules at each keystroke, the strength once typing pauses', async () => {
    const { page, errors } = await openForm();
    await enhance(page, 'root', { strengthDelayMs: 200 });
    await page.focus('#password');
    await page.evaluate(() => {
      window.reports = [];
    });
    await page.keyboard.type('Tulip-Orbit-7-Canyon', { delay: 20 });
    let reports = await page.evaluate(() => window.reports);
    assert.ok(reports.length >= 20, `${reports.length} reports`);
    // Typing faster than the pause: no strength yet, or far fewer than the keystrokes.
    assert.ok(reports.filter((r) => r.strength).length < 5, JSON.stringify(reports));
    await page.waitForFunction(() => window.reports.at(-1)?.strength === true);
    reports = await page.evaluate(() => window.reports);
    assert.equal(reports.at(-1).ok, true);
    const items = await checklist(page);
    assert.equal(statusOf(items, 'strength.min'), 'pass');
    // check() runs the full check at once and returns it.
    const now = await page.evaluate(() => window.binding.check().strength.score);
    assert.ok(now >= 3);
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('messages are text: markup in a policy is shown, never parsed', async () => {
    const { page, errors } = await openForm();
    await page.evaluate(() => {
      const { rules, enhancePasswordInput } = window.form;
      const policy = rules.PasswordPolicy.from({ version: 1, sets: [{ name: '<img src=x onerror="window.pwned=1">', chars: { chars: 'xyz' }, min: 1 }] });
      enhancePasswordInput(document.getElementById('password'), policy, { checklist: document.getElementById('rules') });
    });
    assert.equal(await page.locator('#rules img').count(), 0);
    assert.match(await page.textContent('#rules'), /<img src=x/);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('destroy() restores the input and stops listening; wrong options are a TypeError', async () => {
    const { page, errors } = await openForm();
    await page.evaluate(() => {
      const input = document.getElementById('password');
      input.setAttribute('minlength', '3');
      input.setAttribute('aria-describedby', 'help');
    });
    await enhance(page, 'rules');
    assert.equal(await page.getAttribute('#password', 'minlength'), '10');
    const out = await page.evaluate(() => {
      window.binding.destroy();
      const input = document.getElementById('password');
      input.value = 'abc';
      input.dispatchEvent(new Event('input'));
      const { enhancePasswordInput } = window.form;
      const errors = [];
      for (const options of [{ checklst: null }, { context: 5 }, { strengthDelayMs: -1 }, { watch: ['#username'] }, 'x']) {
        try {
          enhancePasswordInput(input, window.policy, options);
          errors.push(null);
        } catch (e) {
          errors.push(`${e.constructor.name}: ${e.message}`);
        }
      }
      return {
        items: document.querySelectorAll('#rules > li').length,
        minlength: input.getAttribute('minlength'),
        passwordrules: input.getAttribute('passwordrules'),
        describedby: input.getAttribute('aria-describedby'),
        invalid: input.getAttribute('aria-invalid'),
        validity: input.validationMessage,
        reports: window.reports.length,
        errors,
      };
    });
    assert.equal(out.items, 0);
    assert.equal(out.minlength, '3');
    assert.equal(out.passwordrules, null);
    assert.equal(out.describedby, 'help');
    assert.equal(out.invalid, null);
    assert.equal(out.validity, '');
    assert.equal(out.reports, 1, 'a destroyed binding still checked');
    assert.equal(out.errors.length, 5);
    for (const e of out.errors) assert.match(e ?? 'null', /^TypeError: enhancePasswordInput: /);
    assert.match(out.errors[0], /options\.checklst is not an option/);
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('the README example for pages runs as written', async () => {
    assert.ok(README_BLOCKS.length >= 1, 'no ```js browser block in the README');
    for (const code of README_BLOCKS) {
      const { page, errors } = await openForm();
      const logged = [];
      page.on('console', (msg) => {
        if (msg.type() === 'log') logged.push(msg.text());
      });
      await page.addScriptTag({ type: 'module', content: `${code}\nwindow.__exampleDone = true;` });
      await page.waitForFunction(() => window.__exampleDone === true, null, { timeout: 10_000 });
      await page.focus('#username');
      await page.keyboard.type('marianne');
      await page.focus('#password');
      await page.keyboard.type('xmariannex');
      let items = await checklist(page);
      assert.equal(statusOf(items, 'length.min'), 'pass');
      assert.equal(statusOf(items, 'context.username'), 'fail');
      await page.keyboard.press('Backspace');
      await page.fill('#password', '');
      await page.keyboard.type('correct horse battery');
      items = await checklist(page);
      assert.deepEqual(items.filter((i) => i.status !== 'pass'), []);
      assert.equal(logged.at(-1), 'true');
      assert.ok(logged.includes('false'));
      await page.close();
      assert.deepEqual(errors, []);
    }
  });

  test('axe-core finds no violation on the signup form and on the demo page', async () => {
    const { page, errors } = await openForm();
    await enhance(page, 'root');
    await page.focus('#password');
    await page.keyboard.type('Mari');
    assert.deepEqual(await axe(page), []);
    await page.close();
    assert.deepEqual(errors, []);

    const demo = await browser.context.newPage();
    await demo.goto(demoUrl);
    await demo.waitForFunction(() => typeof window.__passpolicyReadyMs === 'number', null, { timeout: 15_000 });
    await demo.focus('#password');
    await demo.keyboard.type('abc');
    assert.deepEqual(await axe(demo), []);
    await demo.close();
  });
});
