// Browser tests of the demo page (www/), in Debian's Chromium driven by playwright-core.
//
//   node --test tests/browser/demo.test.mjs      (or: bash scripts/test-browser.sh)
//
// Needs the built package (pkg/browser.js: node scripts/build.mjs) and /usr/bin/chromium
// (CHROMIUM=/path overrides). Starts scripts/serve.mjs on a free port, loads /www/ from it, and:
// - for every bundled sample: picks it, checks the detected vendor and the canonical policy,
//   types passwords that pass and that fail specific rules and checks each checklist item and
//   the strength meter; for the later formats (AWS IAM, Cognito, Okta, Auth0, Keycloak,
//   Apple passwordrules) also the description and the HTML attributes;
// - switches the language and checks the checklist, the description and the zxcvbn feedback;
// - generates passwords, uses each one and checks that it passes; an unsatisfiable policy shows
//   the error inline;
// - pastes broken documents and checks the inline error (code, path) and the kept text;
// - records every request after load and asserts that typing or generating makes none (and that
//   no request and no console message ever carries a typed or generated password);
// - checks labels, live regions, keyboard use, the 360 px layout;
// - saves desktop and phone screenshots to tests/browser/screenshots/;
// - measures the time from navigation to the first usable check and prints it.
// Any page error or console error fails the test that caused it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, ROOT, launch, startServer, stopServer } from './harness.mjs';
import { startRangeServer, assertOnlyPrefixes, sha1 } from '../node/range-server.mjs';

const SHOTS = join(ROOT, 'tests/browser/screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

/** Every password typed anywhere in these tests: none may appear in a request or a log line. */
const TYPED = new Set();

let server;
let baseUrl;
let context;
let browser;

before(async () => {
  assert.ok(existsSync(join(ROOT, 'pkg/browser.js')), 'pkg/browser.js is missing: build the package first (node scripts/build.mjs)');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(SHOTS, { recursive: true });
  ({ child: server, url: baseUrl } = await startServer());
  browser = await launch(DESKTOP);
  context = browser.context;
});

after(async () => {
  await browser?.close();
  stopServer(server);
});

/**
 * Opens the page and waits until the first check has rendered. Collects page errors, console
 * errors, every console message and every request (with the time it was made).
 */
async function openPage(viewport = DESKTOP, query = '') {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const log = { errors: [], console: [], requests: [] };
  page.on('pageerror', (err) => log.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    log.console.push(msg.text());
    if (msg.type() === 'error') log.errors.push(`console.error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => log.errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('request', (req) => log.requests.push({ url: req.url(), method: req.method(), body: req.postData() ?? '' }));
  await page.goto(baseUrl + query);
  await page.waitForFunction(() => typeof window.__passpolicyReadyMs === 'number', null, { timeout: 15_000 });
  // Let anything the browser does on its own after load (favicon) finish before recording.
  await page.waitForLoadState('networkidle');
  // What was fetched while loading cannot hold what is typed later (a sample's path may hold the
  // word "password", as tests/fixtures/passwordrules/ does): only later requests are scanned.
  log.loaded = log.requests.length;
  return { page, log };
}

/** No page error, no console error, and no typed password in any request or console message. */
async function finish({ page, log }) {
  await page.close();
  assert.deepEqual(log.errors, [], 'page or console errors');
  for (const pw of TYPED) {
    if (pw.length < 3) continue;
    for (const r of log.requests.slice(log.loaded ?? 0)) {
      assert.ok(!decodeURIComponent(r.url).includes(pw) && !r.body.includes(pw), `a request carries a typed password: ${r.url}`);
    }
    for (const line of log.console) assert.ok(!line.includes(pw), 'a console message carries a typed password');
  }
}

async function selectSample(page, name) {
  await page.selectOption('#sample', name);
  await page.waitForFunction(() => document.querySelector('#doc').value.length > 0 && document.querySelector('#policy-json').dataset.vendor !== undefined);
}

/** Types a password key by key (one `input` event per character) into an emptied field. */
async function typePassword(page, password) {
  TYPED.add(password);
  await page.fill('#password', '');
  await page.locator('#password').pressSequentially(password);
  assert.equal(await page.inputValue('#password'), password);
}

async function rules(page) {
  return page.$$eval('#checklist > li', (items) =>
    items.map((li) => ({
      id: li.dataset.rule,
      index: li.dataset.index,
      status: li.dataset.status,
      message: li.querySelector('.rule-message').textContent,
      numbers: li.querySelector('.rule-numbers').textContent,
    })),
  );
}

async function statusOf(page) {
  const list = await rules(page);
  const out = {};
  for (const r of list) out[r.index === undefined ? r.id : `${r.id}[${r.index}]`] = r.status;
  return out;
}

/** Asserts the status of each named rule (others may exist) and returns all statuses. */
async function expectRules(page, expected, label) {
  const got = await statusOf(page);
  for (const [id, status] of Object.entries(expected)) {
    assert.equal(got[id], status, `${label}: rule ${id} should be ${status}; statuses: ${JSON.stringify(got)}`);
  }
  return got;
}

async function meter(page) {
  return page.evaluate(() => ({
    score: document.querySelector('#meter').dataset.score,
    valuenow: document.querySelector('#meter').getAttribute('aria-valuenow'),
    label: document.querySelector('#score-label').textContent,
    fill: getComputedStyle(document.querySelector('.meter-fill')).backgroundColor,
    width: document.querySelector('.meter-fill').getBoundingClientRect().width,
    crack: [...document.querySelectorAll('.crack-times td')].map((td) => td.textContent),
  }));
}

const LABELS = ['too guessable', 'very guessable', 'somewhat guessable', 'safely unguessable', 'very unguessable'];

async function expectScore(page, score, label) {
  // The bar's width and colour change with a 120 ms CSS transition: measure
  // once it has ended, not on its first frame (where the width can still be 0).
  await page.waitForFunction(
    () => document.querySelector('.meter-fill').getAnimations().length === 0,
    null,
    { timeout: 5000 },
  );
  const m = await meter(page);
  assert.equal(m.score, String(score), `${label}: meter score`);
  assert.equal(m.valuenow, String(score), `${label}: aria-valuenow`);
  assert.equal(m.label, LABELS[score], `${label}: meter label`);
  assert.ok(m.width > 0, `${label}: the meter bar is drawn`);
  for (const t of m.crack) assert.ok(t && t !== '–', `${label}: crack time shown (${m.crack})`);
  return m;
}

async function summary(page) {
  return page.evaluate(() => ({
    text: document.querySelector('#summary').textContent,
    verdict: document.querySelector('#summary').dataset.verdict,
  }));
}

async function lengths(page) {
  return page.evaluate(() => ({
    graphemes: Number(document.querySelector('#len-graphemes').textContent),
    codePoints: Number(document.querySelector('#len-codepoints').textContent),
    utf16: Number(document.querySelector('#len-utf16').textContent),
  }));
}

async function canonicalPolicy(page) {
  const visible = await page.isVisible('#policy-json');
  assert.ok(visible, 'the canonical policy is shown');
  return JSON.parse(await page.textContent('#policy-json'));
}

async function settingText(page, title) {
  return page.$eval(`#settings .setting[data-setting="${title}"] dd`, (dd) => dd.textContent);
}

async function fillContext(page, id, value) {
  await page.fill(id, value);
}

/** The failing rules (as `id` or `id[index]`), sorted. */
async function failing(page) {
  const got = await statusOf(page);
  return Object.keys(got)
    .filter((k) => got[k] === 'fail')
    .sort();
}

async function description(page) {
  return page.evaluate(() => ({
    locale: document.querySelector('#description').dataset.locale,
    rules: [...document.querySelectorAll('#description-rules li')].map((li) => li.textContent),
    settings: [...document.querySelectorAll('#description-settings li')].map((li) => li.textContent),
    codes: [...document.querySelectorAll('#description-rules li, #description-settings li')].map((li) => li.dataset.code),
  }));
}

/** Clicks Generate and returns the passwords shown (each one is added to TYPED). */
async function generate(page) {
  const before = await page.evaluate(() => window.__passpolicyStats.generated);
  await page.click('#generate');
  await page.waitForFunction(
    (n) => window.__passpolicyStats.generated > n || !document.querySelector('#gen-error').hidden,
    before,
  );
  const passwords = await page.$$eval('#gen-list .gen-password', (c) => c.map((x) => x.textContent));
  for (const pw of passwords) TYPED.add(pw);
  return passwords;
}

/**
 * The later formats, as bundled samples: vendor, a password per failing case with the
 * exact set of failing rules, and a passing password (computed with the library in Node first).
 */
const NEW_FORMATS = [
  {
    sample: 'aws-iam',
    vendor: 'aws-iam',
    policy: (p) => assert.deepEqual([p.length.min, p.symbols.chars], [8, "!@#$%^&*()_+-=[]{}|'"]),
    fails: [
      ['abcdefgh', ['chars.digit', 'chars.symbol']],
      ['abc1!', ['length.min']],
    ],
    passes: 'abcdefg1!',
    describes: ['At least 8 characters', "At least 1 symbol (!@#$%^&*()_+-=[]{}|')"],
    attributes: ['minlength="8"', 'passwordrules="minlength: 8; required: digit;'],
  },
  {
    sample: 'aws-cognito',
    vendor: 'aws-cognito',
    policy: (p) => assert.deepEqual([p.source.name, p.length.min, p.length.max], ['MyUserPool', 8, 256]),
    fails: [
      ['abcdefg1', ['chars.upper']],
      ['Ab1', ['length.min']],
    ],
    passes: 'Abcdefg1',
    describes: ['At most 256 characters', 'Password must be changed at first login'],
    attributes: ['minlength="8"', 'required: lower; required: upper; required: digit;'],
  },
  {
    sample: 'okta',
    vendor: 'okta',
    policy: (p) => assert.equal(p.settings.lockout.threshold, 10),
    fails: [['abcdefgh', ['chars.digit', 'chars.upper']]],
    passes: 'Abcdefg1',
    unchecked: ['context.username'],
    describes: ['Must not contain your username', 'Locked after 10 failed attempts'],
    attributes: ['minlength="8"'],
    // The username rule, once the username is known.
    context: { field: '#ctx-username', value: 'jsmith', fails: ['jsmith-Abc1', ['context.username']] },
  },
  {
    sample: 'auth0',
    vendor: 'auth0',
    policy: (p) => assert.deepEqual([p.length.min, p.length.unit, p.maxRepeat, p.history.count], [12, 'utf16', 2, 5]),
    fails: [
      ['Short1!', ['length.min']],
      ['acmeanvils', ['chars.types[0]', 'dictionary.custom', 'length.min']],
      ['aaaaAAAA1111!!!!', ['repeat.max']],
    ],
    passes: 'correct-Horse-battery-9',
    unchecked: ['context.email', 'context.attribute', 'history.reuse'],
    describes: ['At least 12 characters', 'No character more than 2 times in a row', 'Must not be a dictionary word', 'Must not be one of your last 5 passwords'],
    attributes: ['minlength="12"', 'max-consecutive: 2;'],
    unsupported: /types\[0\]: 3 of 4 cannot be expressed/,
  },
  {
    sample: 'keycloak',
    vendor: 'keycloak',
    doc: /^length\(12\) and digits\(1\) and upperCase\(1\) and notUsername\(undefined\) and passwordHistory\(3\)/,
    policy: (p) => assert.deepEqual([p.length.min, p.history.count], [12, 3]),
    fails: [
      ['Short1', ['length.min']],
      ['longenoughpassword', ['chars.digit', 'chars.upper']],
    ],
    passes: 'Longenough12',
    unchecked: ['context.username', 'history.reuse'],
    describes: ['At least 12 characters', 'Must not be your username', 'Must not be one of your last 3 passwords'],
    attributes: ['minlength="12"', 'required: digit; required: upper;'],
  },
  {
    sample: 'passwordrules',
    vendor: 'passwordrules',
    doc: /^minlength: 8; maxlength: 63; required: lower;/,
    policy: (p) => assert.deepEqual([p.length.min, p.length.max, p.sets.length], [8, 63, 3]),
    fails: [
      ['abcdefgh', ['chars.set[1]', 'chars.set[2]']],
      ['Abcdefg1€', ['chars.allowed']],
    ],
    passes: 'Abcdefg1',
    describes: ['At least 8 characters', 'At most 63 characters'],
    // Exact: the round trip gives the same value back, with nothing unsupported, and a pattern.
    attributes: ['maxlength="63"', 'pattern="', 'passwordrules="minlength: 8; maxlength: 63; required: lower; required: upper; required: digit; allowed: ascii-printable;"'],
    unsupported: null,
  },
];

// ---------------------------------------------------------------------------------------------

describe('demo page', () => {
  test('loads from the local server and measures navigation → first usable check', async () => {
    const p = await openPage();
    const { page } = p;
    const readyMs = await page.evaluate(() => window.__passpolicyReadyMs);
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      const lib = performance.getEntriesByName('passpolicy-library-ready')[0];
      return {
        responseEnd: e.responseEnd,
        domContentLoaded: e.domContentLoadedEventEnd,
        wasmLoaded: wasm?.responseEnd ?? NaN,
        libraryReady: lib?.startTime ?? NaN,
      };
    });
    // Cold: fresh Chromium profile, first load of the page, the module and the wasm.
    console.log(
      `# navigation → first usable check: ${readyMs.toFixed(1)} ms (cold profile; HTML ${nav.responseEnd.toFixed(0)} ms, ` +
        `DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms, wasm downloaded ${nav.wasmLoaded.toFixed(0)} ms, ` +
        `library instantiated ${nav.libraryReady.toFixed(0)} ms)`,
    );
    assert.ok(readyMs < 5000, `first usable check after ${readyMs} ms`);
    // Warm: the same page again (HTTP cache, compiled wasm cache).
    await page.reload();
    await page.waitForFunction(() => typeof window.__passpolicyReadyMs === 'number');
    const warm = await page.evaluate(() => window.__passpolicyReadyMs);
    console.log(`# navigation → first usable check: ${warm.toFixed(1)} ms (reload)`);

    // The first check really is usable: controls enabled, the checklist rendered.
    assert.equal(await page.isEnabled('#password'), true);
    assert.equal(await page.textContent('#detected-vendor'), 'meraki');
    assert.ok((await rules(page)).length > 0, 'the checklist is rendered');
    assert.equal(await page.textContent('#load-status'), 'Ready: pick a sample or paste a document, then type a password.');
    // The wasm came with the right MIME type (instantiateStreaming needs application/wasm).
    const wasm = p.log.requests.find((r) => r.url.endsWith('.wasm'));
    assert.ok(wasm, 'the page fetched the wasm file');
    const res = await page.request.get(wasm.url);
    assert.equal(res.headers()['content-type'], 'application/wasm');
    await finish(p);
  });

  test('Meraki sample: strong-password rule, history, settings', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'meraki');
    assert.equal(await page.textContent('#detected-vendor'), 'meraki');
    assert.match(await page.textContent('#vendor-how'), /detected/);
    const policy = await canonicalPolicy(page);
    assert.equal(policy.version, 1);
    assert.equal(policy.length.min, 8);
    assert.equal(policy.types[0].required, 3);
    assert.equal(policy.types[0].of.length, 4);
    assert.equal(policy.history.count, 3);
    assert.ok(Number(await page.textContent('#warning-count')) > 0, 'the adapter warnings are listed');
    assert.equal(
      await page.$$eval('#warnings li', (l) => l.length),
      Number(await page.textContent('#warning-count')),
    );

    await typePassword(page, 'abc');
    let got = await expectRules(page, { 'length.min': 'fail', 'chars.types[0]': 'fail', 'history.reuse': 'unchecked' }, 'abc');
    assert.deepEqual(Object.keys(got).sort(), ['chars.types[0]', 'history.reuse', 'length.min']);
    const list = await rules(page);
    assert.equal(list.find((r) => r.id === 'length.min').numbers, '3 of at least 8');
    assert.equal(list.find((r) => r.id === 'chars.types').numbers, '1 met, 3 needed');
    assert.deepEqual(await lengths(page), { graphemes: 3, codePoints: 3, utf16: 3 });
    assert.equal((await summary(page)).verdict, 'fail');
    assert.equal((await summary(page)).text, 'Fails 2 of 3 rules.');
    await expectScore(page, 0, 'abc');
    assert.ok(await page.isVisible('#checklist li[data-rule="history.reuse"] .rule-hint a'), 'unchecked history points at its field');

    await typePassword(page, 'Tr0ub4dor&3x');
    await expectRules(page, { 'length.min': 'pass', 'chars.types[0]': 'pass', 'history.reuse': 'unchecked' }, 'Tr0ub4dor&3x');
    assert.equal((await summary(page)).verdict, 'pass');
    assert.equal((await summary(page)).text, 'Passes all 2 checked rules; 1 not checked.');
    const m = await meter(page);
    assert.ok(Number(m.score) >= 3, `Tr0ub4dor&3x scores ${m.score}`);
    await expectScore(page, Number(m.score), 'Tr0ub4dor&3x');

    // History: the same password among the previous ones fails; another one passes.
    TYPED.add('Tr0ub4dor&3x');
    await fillContext(page, '#ctx-previous', 'Tr0ub4dor&3x\nolder-one');
    await expectRules(page, { 'history.reuse': 'fail' }, 'reused');
    await fillContext(page, '#ctx-previous', 'something else');
    await expectRules(page, { 'history.reuse': 'pass' }, 'not reused');
    assert.equal((await summary(page)).text, 'Passes all 3 rules.');

    // What a password alone cannot show: the sentences of describe(), grouped.
    assert.match(await settingText(page, 'Password expiry'), /Expires after 90 days/);
    assert.match(await settingText(page, 'Password history'), /Must not be one of your last 3 passwords/);
    assert.match(await settingText(page, 'Account lockout'), /Locked after 3 failed attempts/);
    assert.match(await settingText(page, 'Session'), /Idle sessions end after 30 minutes/);
    assert.match(await settingText(page, 'Multi-factor authentication'), /MFA required/);
    assert.match(await settingText(page, 'Network'), /Login allowed only from 2 IP ranges/);
    assert.match(await settingText(page, 'Network'), /API keys usable only from 2 IP ranges/);
    await finish(p);
  });

  test('Meraki with the flags off: nothing enforced, shown as "not enforced"', async () => {
    const p = await openPage();
    const { page } = p;
    const doc = (await page.inputValue('#doc')).replace(/"enforce(\w+)": true/g, '"enforce$1": false').replace('"enabled": true', '"enabled": false');
    await page.fill('#doc', doc);
    await page.waitForFunction(() => document.querySelector('#settings').textContent.includes('not enforced'));
    assert.equal(await page.inputValue('#sample'), 'custom');
    assert.equal(await page.textContent('#detected-vendor'), 'meraki');
    assert.equal((await rules(page)).length, 0);
    assert.match(await page.textContent('#checklist-empty'), /no rule a password can be checked against/);
    assert.match(await settingText(page, 'Password expiry'), /Expiry not enforced \(90 days\)/);
    assert.match(await settingText(page, 'Account lockout'), /Locked after 3 failed attempts \(not enforced\)/);
    assert.match(await settingText(page, 'Multi-factor authentication'), /MFA not required/);
    await finish(p);
  });

  test('SailPoint list: policy selector, repeats, account id, attributes, forbidden ":"', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'sailpoint');
    assert.equal(await page.textContent('#detected-vendor'), 'sailpoint');
    assert.ok(await page.isVisible('#policy-index'), 'a list shows the policy selector');
    const options = await page.$$eval('#policy-index option', (o) => o.map((x) => x.textContent));
    assert.equal(options.length, 2);
    assert.match(options[1], /Password Policy 1 test/);
    assert.match(await page.textContent('#vendor-how'), /policy 1 of 2/);

    // Policy 1: maxRepeatedChars 4, validateAgainstAccountId with min word length 3.
    let policy = await canonicalPolicy(page);
    assert.equal(policy.maxRepeat, 4);
    await typePassword(page, 'xaaaaa1yz');
    await expectRules(page, { 'length.min': 'pass', 'chars.letter': 'pass', 'chars.digit': 'pass', 'repeat.max': 'fail', 'context.accountId': 'unchecked' }, 'xaaaaa1yz');
    assert.equal((await rules(page)).find((r) => r.id === 'repeat.max').numbers, 'longest run 5, at most 4');
    await typePassword(page, 'xaaaa1yzw');
    await expectRules(page, { 'repeat.max': 'pass' }, 'run of 4');
    await fillContext(page, '#ctx-account-id', 'jdoe42');
    await expectRules(page, { 'context.accountId': 'pass' }, 'account id absent');
    await typePassword(page, 'my-jdoe42-pass');
    await expectRules(page, { 'context.accountId': 'fail' }, 'account id present');

    // Policy 2 (the verbatim example): no repeat rule, identity attributes.
    await page.selectOption('#policy-index', '1');
    assert.match(await page.textContent('#vendor-how'), /policy 2 of 2/);
    policy = await canonicalPolicy(page);
    assert.equal(policy.source.name, 'Password Policy 1 test');
    assert.equal(policy.maxRepeat, undefined);
    let got = await statusOf(page);
    assert.equal(got['repeat.max'], undefined, 'policy 2 has no repeat rule');
    assert.ok('context.attribute' in got, 'policy 2 checks identity attributes');
    await typePassword(page, 'password');
    await expectRules(page, { 'length.min': 'pass', 'chars.digit': 'fail', 'chars.letter': 'pass', 'context.attribute': 'unchecked' }, 'password');
    await expectScore(page, 0, 'password');
    await typePassword(page, 'passw0rd');
    await expectRules(page, { 'length.min': 'pass', 'chars.digit': 'pass', 'chars.allowed': 'pass' }, 'passw0rd');
    await typePassword(page, 'passw0rd:');
    await expectRules(page, { 'chars.allowed': 'fail' }, 'colon');
    await fillContext(page, '#ctx-attributes', 'displayName=John Smith\nphone=555-555-1234');
    await typePassword(page, 'passwordJohn1');
    await expectRules(page, { 'context.attribute': 'fail' }, 'attribute');
    await typePassword(page, 'password5555551234');
    await expectRules(page, { 'context.attribute': 'fail' }, 'phone without dashes');
    await typePassword(page, 'tulip-Garden-77');
    await expectRules(page, { 'context.attribute': 'pass', 'chars.digit': 'pass', 'chars.allowed': 'pass' }, 'clean');
    await finish(p);
  });

  test('Sumo Logic sample: four classes, length', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'sumologic');
    assert.equal(await page.textContent('#detected-vendor'), 'sumologic');
    const policy = await canonicalPolicy(page);
    assert.deepEqual([policy.length.min, policy.length.max], [8, 128]);
    await typePassword(page, 'abcdefgh');
    await expectRules(
      page,
      { 'length.min': 'pass', 'length.max': 'pass', 'chars.lower': 'pass', 'chars.upper': 'fail', 'chars.digit': 'fail', 'chars.symbol': 'fail', 'history.reuse': 'unchecked' },
      'abcdefgh',
    );
    assert.equal((await summary(page)).text, 'Fails 3 of 7 rules.');
    await typePassword(page, 'Abc1!');
    await expectRules(page, { 'length.min': 'fail', 'chars.upper': 'pass', 'chars.digit': 'pass', 'chars.symbol': 'pass' }, 'Abc1!');
    await typePassword(page, 'Abcdefg1!');
    const got = await expectRules(page, { 'length.min': 'pass', 'chars.lower': 'pass', 'chars.upper': 'pass', 'chars.digit': 'pass', 'chars.symbol': 'pass' }, 'Abcdefg1!');
    assert.ok(!Object.values(got).includes('fail'));
    assert.match(await settingText(page, 'Password expiry'), /Expires after 365 days/);
    assert.match(await settingText(page, 'Account lockout'), /Locked after 6 failed attempts/);
    assert.match(await settingText(page, 'Account lockout'), /30 minutes/);
    assert.match(await settingText(page, 'Multi-factor authentication'), /MFA not required/);
    await finish(p);
  });

  test('Scaleway sample: no password rules, every setting shown', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'scaleway');
    assert.equal(await page.textContent('#detected-vendor'), 'scaleway');
    await canonicalPolicy(page);
    await typePassword(page, 'hunter2');
    assert.equal((await rules(page)).length, 0);
    assert.ok(await page.isVisible('#checklist-empty'));
    assert.equal((await summary(page)).text, 'This policy sets no rule on the password itself.');
    assert.deepEqual(await lengths(page), { graphemes: 7, codePoints: 7, utf16: 7 });
    await expectScore(page, Number((await meter(page)).score), 'hunter2');
    assert.match(await settingText(page, 'Password expiry'), /must be changed at first login/);
    assert.match(await settingText(page, 'Password expiry'), /3 days/);
    assert.match(await settingText(page, 'Account lockout'), /Locked after 5 failed attempts/);
    assert.match(await settingText(page, 'Session'), /at most 30 days/);
    assert.match(await settingText(page, 'API keys'), /No maximum lifetime/);
    await finish(p);
  });

  test('LongJump XML sample: letter + digit, history', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'longjump');
    assert.match(await page.inputValue('#doc'), /^<platform>/);
    assert.equal(await page.textContent('#detected-vendor'), 'longjump');
    const policy = await canonicalPolicy(page);
    assert.equal(policy.length.min, 6);
    await typePassword(page, 'abcdef');
    await expectRules(page, { 'length.min': 'pass', 'chars.letter': 'pass', 'chars.digit': 'fail', 'history.reuse': 'unchecked' }, 'abcdef');
    await typePassword(page, 'abc12');
    await expectRules(page, { 'length.min': 'fail', 'chars.digit': 'pass' }, 'abc12');
    await typePassword(page, 'abc123');
    await expectRules(page, { 'length.min': 'pass', 'chars.letter': 'pass', 'chars.digit': 'pass' }, 'abc123');
    await expectScore(page, 0, 'abc123');
    TYPED.add('abc123');
    await fillContext(page, '#ctx-previous', 'abc123');
    await expectRules(page, { 'history.reuse': 'fail' }, 'previous');
    assert.match(await settingText(page, 'Password expiry'), /Passwords do not expire/);
    assert.match(await settingText(page, 'Password expiry'), /2 days/);
    assert.match(await settingText(page, 'Session'), /2 hours/);
    assert.match(await settingText(page, 'Account lockout'), /Locked after 10 failed attempts/);
    assert.match(await settingText(page, 'Account lockout'), /15 minutes/);
    await finish(p);
  });

  test('canonical sample: dictionary, context, strength, unicode lengths', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'canonical');
    assert.equal(await page.textContent('#detected-vendor'), 'canonical');
    const policy = await canonicalPolicy(page);
    assert.equal(policy.minStrength, 3);
    await typePassword(page, 'password');
    await expectRules(
      page,
      { 'length.min': 'fail', 'dictionary.common': 'fail', 'dictionary.custom': 'pass', 'context.username': 'unchecked', 'strength.min': 'fail' },
      'password',
    );
    await expectScore(page, 0, 'password');
    assert.equal(await page.isVisible('#strength-warning'), true, 'zxcvbn warning shown');
    assert.ok((await page.$$eval('#suggestions li', (l) => l.length)) > 0, 'zxcvbn suggestions shown');

    await fillContext(page, '#ctx-username', 'marguerite');
    await fillContext(page, '#ctx-dictionary', 'zeppelin');
    await typePassword(page, 'zeppelin marguerite acme');
    await expectRules(page, { 'context.username': 'fail', 'dictionary.custom': 'fail' }, 'context words');
    await typePassword(page, 'correct horse battery staple');
    const got = await expectRules(page, { 'length.min': 'pass', 'length.max': 'pass', 'dictionary.common': 'pass', 'dictionary.custom': 'pass', 'context.username': 'pass', 'strength.min': 'pass' }, 'passphrase');
    assert.ok(!Object.values(got).includes('fail'));
    const m = await meter(page);
    assert.ok(Number(m.score) >= 3);
    await expectScore(page, Number(m.score), 'passphrase');

    // Unicode: the three counts differ (family emoji = 1 grapheme, 7 code points, 11 UTF-16 units).
    await typePassword(page, 'Größe-👨‍👩‍👧‍👦-e\u0301');
    assert.deepEqual(await lengths(page), { graphemes: 9, codePoints: 16, utf16: 20 });
    await finish(p);
  });

  for (const f of NEW_FORMATS) {
    test(`${f.sample} sample: detected, failing and passing passwords, description, attributes`, async () => {
      const p = await openPage();
      const { page } = p;
      await selectSample(page, f.sample);
      assert.equal(await page.textContent('#detected-vendor'), f.vendor);
      assert.match(await page.textContent('#vendor-how'), /detected/);
      if (f.doc) assert.match(await page.inputValue('#doc'), f.doc);
      f.policy(await canonicalPolicy(page));
      // The sample also compiles with its vendor chosen explicitly.
      await page.selectOption('#vendor', f.vendor);
      assert.equal(await page.isHidden('#doc-error'), true);
      assert.equal(await page.textContent('#vendor-how'), '(chosen above)');
      await page.selectOption('#vendor', '');

      for (const [pw, ids] of f.fails) {
        await typePassword(page, pw);
        assert.deepEqual(await failing(page), [...ids].sort(), `${f.sample}: failing rules of ${pw}`);
        assert.equal((await summary(page)).verdict, 'fail', `${f.sample}: ${pw} fails`);
      }
      await typePassword(page, f.passes);
      assert.deepEqual(await failing(page), [], `${f.sample}: ${f.passes} fails nothing`);
      assert.equal((await summary(page)).verdict, 'pass', `${f.sample}: ${f.passes} passes`);
      const got = await statusOf(page);
      for (const id of f.unchecked ?? []) assert.equal(got[id], 'unchecked', `${f.sample}: ${id} waits for the context`);
      await expectScore(page, Number((await meter(page)).score), `${f.sample}: ${f.passes}`);
      if (f.context) {
        await fillContext(page, f.context.field, f.context.value);
        const [pw, ids] = f.context.fails;
        await typePassword(page, pw);
        assert.deepEqual(await failing(page), ids, `${f.sample}: failing rules of ${pw} with ${f.context.field}`);
      }

      // The description, in English by default, one sentence per rule and setting.
      const d = await description(page);
      assert.equal(d.locale, 'en');
      const sentences = [...d.rules, ...d.settings];
      for (const t of f.describes) assert.ok(sentences.includes(t), `${f.sample}: description has "${t}": ${JSON.stringify(sentences)}`);
      assert.ok(d.codes.every((c) => /^(rule|describe)\./.test(c)), `${f.sample}: sentence codes ${d.codes}`);

      // The HTML attributes.
      const snippet = await page.textContent('#attributes-snippet');
      assert.match(snippet, /^<input type="password"/);
      assert.ok(snippet.includes('autocomplete="new-password"'), snippet);
      for (const a of f.attributes) assert.ok(snippet.includes(a), `${f.sample}: snippet has ${a}: ${snippet}`);
      const value = await page.textContent('#passwordrules-value');
      const escaped = value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      assert.ok(snippet.includes(`passwordrules="${escaped}"`), `the snippet carries the passwordrules value: ${snippet}`);
      const unsupported = await page.$$eval('#unsupported li', (l) => l.map((x) => x.textContent));
      assert.equal(Number(await page.textContent('#unsupported-count')), unsupported.length);
      if (f.unsupported === null) {
        assert.deepEqual(unsupported, []);
        assert.ok(await page.isVisible('#unsupported-empty'));
      } else if (f.unsupported) {
        assert.ok(unsupported.some((u) => f.unsupported.test(u)), `${f.sample}: unsupported ${JSON.stringify(unsupported)}`);
      }
      await finish(p);
    });
  }

  test('word lists: a language pack, fetched on demand, changes the meter and the common-password rule', async () => {
    const p = await openPage();
    const { page, log } = p;
    const canonical = JSON.stringify({ version: 1, length: { min: 8 }, dictionary: { common: true } });
    await page.fill('#doc', canonical);
    await page.waitForFunction(() => document.querySelector('#policy-json').dataset.vendor === 'canonical');
    assert.equal(log.requests.filter((r) => r.url.includes('lang-')).length, 0, 'no pack before it is chosen');
    await typePassword(page, 'Schokolade');
    const english = Number((await meter(page)).score);
    assert.ok(english >= 2, `English model: ${english}`);
    await typePassword(page, 'pässwörd');
    await expectRules(page, { 'dictionary.common': 'pass' }, 'pässwörd, English');

    await page.selectOption('#wordlists', 'en,de');
    await page.waitForFunction(() => document.querySelector('#wordlists').dataset.languages === 'en,de');
    assert.deepEqual(log.requests.filter((r) => r.url.includes('lang-')).map((r) => new URL(r.url).pathname.split('/').pop()), ['lang-de.bin']);
    assert.match(await page.textContent('#wordlists-help'), /de word lists/);
    await expectRules(page, { 'dictionary.common': 'fail' }, 'pässwörd, German pack');
    await typePassword(page, 'Schokolade');
    assert.ok(Number((await meter(page)).score) <= 1, 'Schokolade with the German pack');

    // Back to English: the same scores as before, and no second download of the pack.
    await page.selectOption('#wordlists', 'en');
    await page.waitForFunction(() => document.querySelector('#wordlists').dataset.languages === 'en');
    await expectScore(page, english, 'Schokolade, English again');
    await page.selectOption('#wordlists', 'en,de');
    await page.waitForFunction(() => document.querySelector('#wordlists').dataset.languages === 'en,de');
    assert.equal(log.requests.filter((r) => r.url.includes('lang-')).length, 1, 'the pack is fetched once');
    await finish(p);
  });

  test('language: German, French and Spanish checklist, description and strength feedback', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'meraki');
    const before = await page.evaluate(() => window.__passpolicyStats.compiles);
    await typePassword(page, 'password');
    const english = await rules(page);
    const englishIds = english.map((r) => r.id);
    assert.equal(english[0].message, 'At least 8 characters');
    const englishWarning = await page.textContent('#strength-warning');

    await page.selectOption('#locale', 'de');
    await page.waitForFunction(() => document.querySelector('#description').dataset.locale === 'de');
    const german = await rules(page);
    assert.deepEqual(german.map((r) => r.id), englishIds, 'rule ids do not change with the language');
    assert.ok(german.some((r) => r.message.includes('Mindestens')), `German checklist: ${JSON.stringify(german.map((r) => r.message))}`);
    assert.equal(german.find((r) => r.id === 'length.min').message, 'Mindestens 8 Zeichen');
    assert.equal(await page.getAttribute('#checklist li .rule-message', 'lang'), 'de');
    const d = await description(page);
    assert.ok(d.rules.includes('Mindestens 3 von: Kleinbuchstabe, Großbuchstabe, Ziffer, Sonderzeichen'), JSON.stringify(d.rules));
    assert.ok(d.settings.includes('Konto wird nach 3 Fehlversuchen gesperrt'), JSON.stringify(d.settings));
    // The settings panel is built from the same sentences: it follows the language picker.
    assert.match(await settingText(page, 'Account lockout'), /Konto wird nach 3 Fehlversuchen gesperrt/);
    assert.equal(await page.getAttribute('#description-rules', 'lang'), 'de');
    // zxcvbn feedback too; the password was kept and rechecked.
    assert.equal(await page.inputValue('#password'), 'password');
    const warning = await page.textContent('#strength-warning');
    assert.notEqual(warning, englishWarning);
    assert.match(warning, /Passwörter/);
    assert.equal(await page.getAttribute('#strength-warning', 'data-code'), 'topTen');
    assert.match(await page.textContent('#suggestions'), /Wörter/);
    // One recompile for the language, none per keystroke; the failing rules are the same.
    assert.equal(await page.evaluate(() => window.__passpolicyStats.compiles), before + 1);
    await typePassword(page, 'abc');
    assert.equal(await page.evaluate(() => window.__passpolicyStats.compiles), before + 1);
    assert.deepEqual(await failing(page), ['chars.types[0]', 'length.min']);

    // Another sample keeps the language.
    await selectSample(page, 'keycloak');
    assert.equal((await rules(page)).find((r) => r.id === 'length.min').message, 'Mindestens 12 Zeichen');
    assert.ok((await description(page)).rules.includes('Darf nicht Ihr Benutzername sein'));

    await page.selectOption('#locale', 'fr');
    await page.waitForFunction(() => document.querySelector('#description').dataset.locale === 'fr');
    assert.match((await rules(page)).find((r) => r.id === 'length.min').message, /^Au moins 12/);
    await page.selectOption('#locale', 'es');
    await page.waitForFunction(() => document.querySelector('#description').dataset.locale === 'es');
    assert.notEqual((await rules(page)).find((r) => r.id === 'length.min').message, 'At least 12 characters');
    await page.selectOption('#locale', 'en');
    await page.waitForFunction(() => document.querySelector('#description').dataset.locale === 'en');
    assert.equal((await rules(page)).find((r) => r.id === 'length.min').message, 'At least 12 characters');

    // A broken document still gets the strength feedback in the chosen language.
    await page.selectOption('#locale', 'de');
    await page.fill('#doc', '{"minLength": 8,');
    await page.waitForSelector('#doc-error:not([hidden])');
    await typePassword(page, 'password');
    assert.match(await page.textContent('#strength-warning'), /Passwörter/);
    assert.ok(await page.isVisible('#description-none'));
    assert.ok(await page.isVisible('#attributes-none'));
    await finish(p);
  });

  test('generate: N passwords, each passes when used; look-alikes; length; unsatisfiable inline', async () => {
    const p = await openPage();
    const { page, log } = p;
    const loadRequests = log.requests.length;
    for (const name of ['auth0', 'canonical', 'keycloak', 'aws-cognito', 'passwordrules', 'meraki']) {
      await selectSample(page, name);
      await page.fill('#gen-count', '4');
      const passwords = await generate(page);
      assert.equal(passwords.length, 4, `${name}: 4 passwords`);
      assert.equal(new Set(passwords).size, 4, `${name}: all different`);
      assert.match(await page.textContent('#gen-summary'), /^4 passwords of length \d+, each with at least [\d.]+ bits of entropy/);
      const bits = Number(await page.getAttribute('#gen-summary', 'data-entropy-bits'));
      assert.ok(bits > 60, `${name}: ${bits} bits`);
      for (let i = 0; i < passwords.length; i++) {
        await page.click(`#gen-list li:nth-child(${i + 1}) .use-button`);
        assert.equal(await page.inputValue('#password'), passwords[i], 'Use puts the password into the field');
        assert.deepEqual(await failing(page), [], `${name}: generated password ${i + 1} fails nothing`);
        assert.equal((await summary(page)).verdict, 'pass', `${name}: generated password ${i + 1} passes`);
        assert.equal(await page.getAttribute(`#gen-list li:nth-child(${i + 1})`, 'data-used'), 'true');
      }
      assert.equal(await page.textContent('#gen-used'), `Password 4 is in the password field; see the rules above.`);
    }

    // The context is honoured: a username given below never appears in a generated password.
    await selectSample(page, 'canonical');
    await fillContext(page, '#ctx-username', 'abc');
    await page.fill('#gen-count', '10');
    for (const pw of await generate(page)) assert.ok(!pw.toLowerCase().includes('abc'));
    await fillContext(page, '#ctx-username', '');

    // Look-alike characters left out; an explicit length; the count is capped at 10.
    await page.check('#gen-ambiguous');
    await page.fill('#gen-length', '32');
    await page.fill('#gen-count', '50');
    const plain = await generate(page);
    assert.equal(plain.length, 10);
    assert.equal(await page.inputValue('#gen-count'), '10');
    for (const pw of plain) {
      assert.equal([...pw].length, 32);
      assert.ok(!/[Il1O0]/.test(pw), `no look-alike in ${pw}`);
    }
    // A length the policy forbids: the library's error, inline; the list is emptied.
    await page.fill('#gen-length', '200');
    await generate(page);
    assert.equal(await page.isVisible('#gen-error'), true);
    assert.equal(await page.textContent('#gen-error-code'), 'unsatisfiable');
    assert.equal(await page.textContent('#gen-error-path'), 'options.length');
    assert.equal(await page.$$eval('#gen-list li', (l) => l.length), 0);
    await page.fill('#gen-length', '');
    await page.uncheck('#gen-ambiguous');
    assert.equal((await generate(page)).length, 10);
    assert.equal(await page.isHidden('#gen-error'), true, 'a successful run clears the error');
    // Another language keeps the generated passwords (same rules).
    await page.selectOption('#locale', 'es');
    assert.equal(await page.$$eval('#gen-list li', (l) => l.length), 10);
    await page.selectOption('#locale', 'en');

    // A policy that compiles but admits no password: the conflict is named, nothing is shown.
    await page.fill('#doc', '{"version": 1, "length": {"max": 4}, "minStrength": 4}');
    await page.waitForFunction(() => JSON.parse(document.querySelector('#policy-json').textContent || '{}').minStrength === 4);
    assert.equal(await page.$$eval('#gen-list li', (l) => l.length), 0, 'a new document clears the generated passwords');
    await generate(page);
    assert.equal(await page.getAttribute('#gen-error', 'role'), 'alert');
    assert.equal(await page.textContent('#gen-error-code'), 'unsatisfiable');
    assert.equal(await page.textContent('#gen-error-path'), 'minStrength');
    assert.match(await page.textContent('#gen-error-message'), /maximum length 4 is too short/);
    assert.equal(await page.isHidden('#gen-summary'), true);
    // A broken document: nothing to generate for.
    await page.fill('#doc', '{"version": 1,');
    await page.waitForSelector('#doc-error:not([hidden])');
    assert.equal(await page.isDisabled('#generate'), true);
    assert.equal(await page.isHidden('#gen-error'), true);

    // From the keyboard: Generate with Enter, Use with Space.
    await selectSample(page, 'okta');
    await page.fill('#gen-count', '1');
    await page.focus('#generate');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#gen-list li');
    const [pw] = await page.$$eval('#gen-list .gen-password', (c) => c.map((x) => x.textContent));
    TYPED.add(pw);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Use password 1');
    await page.keyboard.press('Space');
    assert.equal(await page.inputValue('#password'), pw);
    assert.equal((await summary(page)).verdict, 'pass');
    assert.equal(await page.getAttribute('#gen-result', 'aria-live'), 'polite');

    // Generating made no request, and no generated password was logged (checked in finish()).
    await page.waitForTimeout(200);
    assert.deepEqual(log.requests.slice(loadRequests), [], 'generating made requests');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    assert.ok(!stored.includes(pw));
    await finish(p);
  });

  test('HTML attributes: copyable snippet of the input element', async () => {
    const p = await openPage();
    const { page } = p;
    await selectSample(page, 'canonical');
    const snippet = await page.textContent('#attributes-snippet');
    assert.ok(snippet.includes('autocomplete="new-password"'));
    assert.ok(snippet.includes('minlength="12"'));
    assert.ok(snippet.endsWith('>'));
    assert.ok(await page.isVisible('#copy-attributes'));
    await page.click('#copy-attributes');
    // Either the clipboard took it or the snippet is selected for Ctrl+C; both say so.
    await page.waitForFunction(() => document.querySelector('#copy-status').textContent !== '');
    const status = await page.textContent('#copy-status');
    assert.match(status, /Copied|Selected/);
    if (status.startsWith('Selected')) assert.equal(await page.evaluate(() => String(window.getSelection())), snippet);
    // A new document: new attributes, the copy note cleared.
    await selectSample(page, 'sumologic');
    assert.ok((await page.textContent('#attributes-snippet')).includes('passwordrules="minlength: 8; maxlength: 128;'));
    assert.equal(await page.textContent('#copy-status'), '');
    await finish(p);
  });

  test('broken documents: inline error with code and path, typed text kept', async () => {
    const p = await openPage();
    const { page } = p;
    const broken = '{"enforceStrongPasswords": true,, }';
    await page.fill('#doc', broken);
    await page.waitForSelector('#doc-error:not([hidden])');
    assert.equal(await page.textContent('#doc-error-code'), 'invalid_json');
    assert.match(await page.textContent('#doc-error-message'), /line 1, column/);
    assert.equal(await page.inputValue('#doc'), broken, 'the typed text is kept');
    assert.equal(await page.getAttribute('#doc', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#doc-error', 'role'), 'alert');
    assert.equal(await page.textContent('#detected-vendor'), '–');
    // The password still gets its lengths and strength while the document is broken.
    await typePassword(page, 'abc');
    assert.equal((await rules(page)).length, 0);
    assert.match((await summary(page)).text, /document has an error/);
    assert.equal((await lengths(page)).graphemes, 3);
    await expectScore(page, 0, 'abc while broken');

    // A field error names the field's path.
    const badField = '{"version": 1, "length": {"min": "eight"}}';
    await page.fill('#doc', badField);
    await page.waitForFunction(() => document.querySelector('#doc-error-code').textContent === 'invalid_field');
    assert.equal(await page.textContent('#doc-error-path'), 'length.min');
    assert.equal(await page.inputValue('#doc'), badField);

    const unknown = '{"colour": "blue"}';
    await page.fill('#doc', unknown);
    await page.waitForFunction(() => document.querySelector('#doc-error-code').textContent === 'unknown_vendor');
    assert.equal(await page.inputValue('#doc'), unknown);

    const xml = '<platform><passwordPolicy><min_length>6</min_length>';
    await page.fill('#doc', xml);
    await page.waitForFunction(() => document.querySelector('#doc-error-code').textContent === 'invalid_xml');
    assert.equal(await page.inputValue('#doc'), xml);

    const contradiction = '{"version": 1, "length": {"min": 10, "max": 4}}';
    await page.fill('#doc', contradiction);
    await page.waitForFunction(() => document.querySelector('#doc-error-code').textContent === 'unsatisfiable');
    assert.notEqual(await page.textContent('#doc-error-path'), '');

    // An explicit vendor that does not fit the document is an error too; auto-detection fixes it.
    await selectSample(page, 'sumologic');
    await page.selectOption('#vendor', 'scaleway');
    const code = await page.textContent('#doc-error-code');
    if (!(await page.isHidden('#doc-error'))) assert.ok(code.length > 0);
    await page.selectOption('#vendor', '');
    assert.equal(await page.isHidden('#doc-error'), true);
    assert.equal(await page.textContent('#detected-vendor'), 'sumologic');

    // Fixing the document clears the error and brings the checklist back.
    await page.fill('#doc', '{"minLength": 10}');
    await page.waitForSelector('#doc-error', { state: 'hidden' });
    assert.equal(await page.textContent('#detected-vendor'), 'sumologic');
    await expectRules(page, { 'length.min': 'fail' }, 'fixed document, password abc');
    assert.ok(Number(await page.textContent('#warning-count')) > 0, 'defaulted Sumo Logic fields are warned about');
    await finish(p);
  });

  test('privacy: no request while typing, no recompile per keystroke, nothing logged', async () => {
    const p = await openPage();
    const { page, log } = p;
    const loadRequests = log.requests.length;
    assert.ok(loadRequests > 0);
    const before = await page.evaluate(() => ({ ...window.__passpolicyStats }));
    const secret = 'S3cret-Typed-Only-Here!';
    await typePassword(page, secret);
    await page.waitForTimeout(300);
    const afterTyping = await page.evaluate(() => ({ ...window.__passpolicyStats }));
    assert.equal(afterTyping.compiles, before.compiles, 'typing never recompiles the policy');
    assert.ok(afterTyping.checks >= before.checks + secret.length, 'one check per keystroke');
    assert.deepEqual(log.requests.slice(loadRequests), [], 'typing made requests');

    // Every sample, the context fields and the toggles: still no request (samples are preloaded).
    const samples = await page.$$eval('#sample option', (o) => o.map((x) => x.value).filter((v) => v !== 'custom'));
    // The vendor ids of the built package's `VendorId` union (written from the adapters' table).
    const union = readFileSync(join(ROOT, 'pkg/index.d.ts'), 'utf8').match(/export type VendorId =([^;]*);/);
    const vendorIds = [...union[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual([...samples].sort(), [...vendorIds].sort(), 'a sample per vendor');
    for (const name of [...samples.filter((n) => n !== 'meraki'), 'meraki']) {
      await selectSample(page, name);
      await typePassword(page, `${secret}-${name}`);
    }
    // Generating, using a generated password and switching the language: no request either.
    await page.fill('#gen-count', '2');
    await generate(page);
    await page.click('#gen-list li:first-child .use-button');
    await page.selectOption('#locale', 'fr');
    await page.selectOption('#locale', 'en');
    await fillContext(page, '#ctx-username', 'someone');
    TYPED.add('previous-Secret-1');
    await fillContext(page, '#ctx-previous', 'previous-Secret-1');
    await page.click('#toggle-password');
    await page.click('#toggle-previous');
    // Enter in the password field submits nothing (there is no form to submit).
    await page.focus('#password');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.deepEqual(log.requests.slice(loadRequests), [], 'no request after load');
    const stats = await page.evaluate(() => ({ ...window.__passpolicyStats }));
    assert.equal(stats.frees, stats.compiles - 1, 'every replaced policy was freed');

    // The password is not in the URL, storage or cookies either.
    assert.ok(!page.url().includes(secret));
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    assert.ok(!stored.includes(secret));
    await finish(p);
  });

  test('breach check: ?breach= points it at a local range API; the checklist shows dictionary.breached decided', async () => {
    const range = await startRangeServer({ 'Password123!': 42 });
    try {
      const p = await openPage(DESKTOP, `?breach=${encodeURIComponent(range.endpoint)}`);
      const { page, log } = p;
      assert.equal(await page.inputValue('#breach-endpoint'), range.endpoint, 'never the public service in tests');
      await page.fill('#doc', '{"version": 1, "length": {"min": 8}, "breached": {"max": 0}}');
      await page.waitForFunction(() => document.querySelector('#checklist [data-rule="dictionary.breached"]') !== null);
      await typePassword(page, 'Password123!');
      assert.equal((await statusOf(page))['dictionary.breached'], 'unchecked', 'typing does not look anything up');
      assert.equal(range.requests.length, 0);
      await page.click('#breach-check');
      await page.waitForFunction(() => document.querySelector('#breach-status').dataset.state === 'breached');
      assert.equal((await statusOf(page))['dictionary.breached'], 'fail');
      assert.match(await page.textContent('#breach-status'), /Found in known data breaches 42 times/);
      // A clean password passes; only 5 hex characters of each hash reached the server.
      await typePassword(page, 'Zq8#clean-breach-demo');
      await page.click('#breach-check');
      await page.waitForFunction(() => document.querySelector('#breach-status').dataset.state === 'clean');
      assert.equal((await statusOf(page))['dictionary.breached'], 'pass');
      const gets = range.requests.filter((r) => r.method === 'GET');
      assert.deepEqual(gets.map((r) => r.url), ['Password123!', 'Zq8#clean-breach-demo'].map((pw) => `/range/${sha1(pw).slice(0, 5)}`));
      assertOnlyPrefixes(assert, range.requests, ['Password123!', 'Zq8#clean-breach-demo']);
      // A failing server: an error in the status line, not a pass.
      range.mode = '500';
      await page.click('#breach-check');
      await page.waitForFunction(() => document.querySelector('#breach-status').dataset.state === 'error');
      assert.match(await page.textContent('#breach-status'), /bad_response/);
      const pageRequests = log.requests.slice(log.loaded).filter((r) => r.url.startsWith(range.origin));
      assert.ok(pageRequests.every((r) => /\/range\/[0-9A-F]{5}$/.test(r.url)), JSON.stringify(pageRequests));
      // The failed request is a console error of the browser's own (HTTP 500): expected here.
      const own = (e) => e.includes(`${range.origin}/range/`) || e.includes('the server responded with a status of 500');
      // The 500 itself, and the body the check stopped reading.
      assert.ok(log.errors.some((e) => e.includes('status of 500')), JSON.stringify(log.errors));
      log.errors = log.errors.filter((e) => !own(e));
      await finish(p);
    } finally {
      await range.close();
    }
  });

  test('accessibility: labels, live regions, keyboard, show/hide, focus ring', async () => {
    const p = await openPage();
    const { page } = p;
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((c) => c.labels.length === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
        .map((c) => c.id || c.outerHTML),
    );
    assert.deepEqual(unlabeled, [], 'every field has a label');
    assert.equal(await page.getAttribute('#checklist', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#summary', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#password', 'type'), 'password');

    // Keyboard only: focus the password with the skip link, type, toggle with the keyboard.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Enter');
    await page.focus('#password');
    TYPED.add('Keyb0ard!pass');
    await page.keyboard.type('Keyb0ard!pass');
    await expectRules(page, { 'length.min': 'pass', 'chars.types[0]': 'pass' }, 'typed by keyboard');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'toggle-password');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(ring, 'none', 'visible focus on the toggle');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#password', 'type'), 'text');
    assert.equal(await page.getAttribute('#toggle-password', 'aria-pressed'), 'true');
    assert.equal(await page.textContent('#toggle-password'), 'Hide');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#password', 'type'), 'password');
    assert.equal(await page.getAttribute('#toggle-password', 'aria-pressed'), 'false');
    // The sample can be changed from the keyboard.
    await page.focus('#sample');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('#detected-vendor').textContent === 'sailpoint');
    await finish(p);
  });

  test('layout: 360 px without horizontal scrolling; desktop and phone screenshots', async () => {
    const shots = [];
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
      ['narrow-360', { width: 360, height: 740 }],
    ]) {
      const p = await openPage(viewport);
      const { page } = p;
      if (name !== 'narrow-360') await page.screenshot({ path: join(SHOTS, `${name}-initial.png`) });
      await selectSample(page, 'meraki');
      await fillContext(page, '#ctx-username', 'jsmith');
      await fillContext(page, '#ctx-previous', 'Winter2023!');
      TYPED.add('Winter2023!');
      await typePassword(page, 'Summer2024');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow} px`);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .filter((e) => !e.closest('pre'))
          .map((e) => e.id || e.className || e.tagName),
      );
      assert.deepEqual(wide, [], `${name}: elements wider than the viewport`);
      await page.fill('#gen-count', '3');
      await generate(page);
      const genOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(genOverflow <= 0, `${name}: with generated passwords the page scrolls sideways by ${genOverflow} px`);
      const file = join(SHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
      if (name !== 'narrow-360') {
        for (const section of ['description', 'generate', 'attributes']) {
          await page.locator(`#${section}-section`).screenshot({ path: join(SHOTS, `${name}-${section}.png`) });
        }
      }
      if (name !== 'narrow-360') {
        // The same page scrolled to the checklist as a user sees it, and the error state.
        await page.locator('#check-section').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `${name}-viewport.png`) });
        await page.fill('#doc', '{"minLength": 8,');
        await page.waitForSelector('#doc-error:not([hidden])');
        await page.locator('#document-section').screenshot({ path: join(SHOTS, `${name}-error.png`) });
      }
      await finish(p);
    }
    console.log(`# screenshots: ${shots.join(', ')}`);
  });

  test('out of memory in the page: a coded too_large error, a fresh instance, the page keeps checking', async () => {
    // Records each wasm instance the page makes, then exhausts the package's memory by growing it
    // to the wasm32 maximum from JS (reserved address space, not committed memory).
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.addInitScript(() => {
      window.__instances = [];
      const keep = (r) => { window.__instances.push(r.instance ?? r); return r; };
      const streaming = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = (...a) => streaming(...a).then(keep);
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = (...a) => instantiate(...a).then(keep);
      const Instance = WebAssembly.Instance;
      WebAssembly.Instance = class extends Instance {
        constructor(...a) { super(...a); window.__instances.push(this); }
      };
    });
    await page.goto(baseUrl);
    await page.waitForFunction(() => typeof window.__passpolicyReadyMs === 'number', null, { timeout: 15_000 });
    const out = await page.evaluate(async () => {
      const pp = await import('../pkg/browser.js');
      await pp.init();
      const ours = () => window.__instances.filter((i) => 'loadStrengthData' in i.exports).at(-1);
      const doc = { version: 1, length: { min: 8 }, dictionary: { common: true } };
      const policy = pp.PasswordPolicy.from(doc);
      const before = ours().exports.memory.buffer.byteLength;
      const count = window.__instances.length;
      const memory = ours().exports.memory;
      memory.grow(65536 - memory.buffer.byteLength / 65536);
      let error;
      try {
        policy.check('password1', { username: 'u'.repeat(3 << 20) });
      } catch (e) {
        error = { name: e.name, code: e.code, message: e.message, coded: pp.isPassPolicyError(e) };
      }
      let stale;
      try {
        policy.checkRules('x');
      } catch (e) {
        stale = e.constructor.name;
      }
      const again = pp.PasswordPolicy.from(doc);
      const report = again.check('password');
      return {
        error, stale, before, after: ours().exports.memory.buffer.byteLength,
        fresh: window.__instances.length - count,
        common: report.rules.find((r) => r.id === 'dictionary.common').status,
        score: report.strength.score,
        ok: again.check('correct horse battery').ok,
      };
    });
    await page.close();
    assert.deepEqual(errors, []);
    assert.equal(out.error?.coded, true, JSON.stringify(out.error));
    assert.equal(out.error.code, 'too_large');
    assert.equal(out.stale, 'TypeError');
    assert.equal(out.fresh, 1);
    assert.ok(out.after <= out.before + (1 << 20), `memory ${out.before} → ${out.after}`);
    assert.equal(out.common, 'fail');
    assert.equal(out.score, 0);
    assert.equal(out.ok, true);
  });
});
