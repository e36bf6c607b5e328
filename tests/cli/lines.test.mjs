// The line reader of `passpolicy check` (js/lines.mjs) on its own: line endings, the byte order
// mark, the length limit (with "\r\n" at the limit), chunk boundaries anywhere, a last line
// without an ending, stopping, and waiting for the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readLines } from '../../js/lines.mjs';

/** Reads `chunks` (strings or Buffers); returns the lines as strings, '<too long>' for a long one. */
async function read(chunks, options = {}) {
  const out = [];
  const valid = [];
  const count = await readLines(
    (async function* () {
      for (const c of chunks) yield Buffer.isBuffer(c) ? c : Buffer.from(c, 'utf8');
    })(),
    {
      onLine: (bytes, start, end, ok) => {
        out.push(bytes.toString('utf8', start, end));
        valid.push(ok);
      },
      onTooLong: () => {
        out.push('<too long>');
        valid.push(null);
      },
      ...options,
    },
  );
  assert.equal(count, out.length);
  return { lines: out, valid };
}

test('"\\n" and "\\r\\n" endings, a last line without one, empty lines', async () => {
  assert.deepEqual((await read(['a\nb\r\n\nc'])).lines, ['a', 'b', '', 'c']);
  assert.deepEqual((await read(['a\n'])).lines, ['a']);
  assert.deepEqual((await read([''])).lines, []);
  // A lone "\r" inside a line is kept; only the one before "\n" is an ending.
  assert.deepEqual((await read(['a\rb\n'])).lines, ['a\rb']);
  // The last line keeps a final "\r" (it has no "\n" after it).
  assert.deepEqual((await read(['a\r'])).lines, ['a\r']);
});

test('a byte order mark is dropped from the first line only', async () => {
  assert.deepEqual((await read(['\uFEFFpw1\n\uFEFFpw2\n'])).lines, ['pw1', '\uFEFFpw2']);
});

test('every split of the input into two chunks gives the same lines', async () => {
  const text = 'Tr0ub4dor&3\r\ncorrect horse\n😀 emoji\r\n\nlast';
  const bytes = Buffer.from(text, 'utf8');
  const expected = (await read([text])).lines;
  assert.deepEqual(expected, ['Tr0ub4dor&3', 'correct horse', '😀 emoji', '', 'last']);
  for (let i = 0; i <= bytes.length; i++) {
    const { lines, valid } = await read([bytes.subarray(0, i), bytes.subarray(i)]);
    assert.deepEqual(lines, expected, `split at byte ${i}`);
    // A line cut inside a character is pieced together and still marked for checking.
    assert.ok(valid.every((v) => typeof v === 'boolean'));
  }
});

test('validity: a line in a valid chunk is known valid; an invalid chunk is left for checking', async () => {
  const { valid } = await read([Buffer.from([0x61, 0x0a, 0xff, 0x0a])]);
  assert.deepEqual(valid, [false, false]);
  assert.deepEqual((await read(['ok\n'])).valid, [true]);
});

test('the limit is on the line without its ending, "\\r\\n" included, across chunks too', async () => {
  const max = 8;
  const at = 'x'.repeat(max);
  const over = 'x'.repeat(max + 1);
  for (const ending of ['\n', '\r\n']) {
    assert.deepEqual((await read([`${at}${ending}${over}${ending}ok${ending}`], { maxBytes: max })).lines, [at, '<too long>', 'ok'], JSON.stringify(ending));
    // The same, one byte per chunk: a long line is never held whole.
    const bytes = Buffer.from(`${at}${ending}${over}${ending}ok${ending}`);
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    assert.deepEqual((await read(chunks, { maxBytes: max })).lines, [at, '<too long>', 'ok'], `bytewise ${JSON.stringify(ending)}`);
  }
  assert.deepEqual((await read([over], { maxBytes: max })).lines, ['<too long>']);
  assert.deepEqual((await read(['x'.repeat(50), 'x'.repeat(50), '\nok'], { maxBytes: max })).lines, ['<too long>', 'ok']);
});

test('stopped() ends the reading; a pending output is awaited before the next line', async () => {
  let n = 0;
  const count = await readLines(
    (async function* () {
      yield Buffer.from('a\nb\nc\nd\n');
    })(),
    { stopped: () => n >= 2, onLine: () => void n++, onTooLong: () => {} },
  );
  assert.equal(n, 2);
  assert.equal(count, 2);
  const order = [];
  await readLines(
    (async function* () {
      yield Buffer.from('a\nb\n');
    })(),
    {
      onLine: (bytes, s, e) => {
        const line = bytes.toString('utf8', s, e);
        order.push(`line ${line}`);
        if (line === 'a') return new Promise((resolve) => setTimeout(() => (order.push('drained'), resolve()), 20));
        return undefined;
      },
      onTooLong: () => {},
    },
  );
  assert.deepEqual(order, ['line a', 'drained', 'line b']);
});
