// A local Pwned Passwords range API for the tests of the breach check (never the public service).
//
//   const server = await startRangeServer({ 'password1': 3 });   // passwords it knows, and counts
//   server.endpoint            // http://127.0.0.1:PORT/range
//   server.requests            // every request: { method, url, headers }
//   server.maxInFlight         // the most GET requests open at once
//   server.mode = 'lower'      // how the next answers look (see MODES)
//   await server.close();
//
// It answers `GET /range/XXXXX` with the suffixes of the known passwords under that prefix plus
// padding lines of count 0 (whatever `Add-Padding` says), and OPTIONS preflights (for the demo in
// Chromium). Each mode is one way a range API, or what sits in front of it, can misbehave.
import http from 'node:http';
import { createHash } from 'node:crypto';

/** SHA-1 of the UTF-8 of `password`, uppercase hex. */
export function sha1(password) {
  return createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
}

/**
 * - `ok`: uppercase, LF, padding lines; `lower`: lowercase suffixes; `crlf`: CRLF line ends;
 * - `empty`: a 200 with no body; `404`, `500`: that status;
 * - `slow`: headers and no body until after `slowMs`; `reset`: the socket destroyed;
 * - `malformed`: one line is not SUFFIX:COUNT; `huge`: more than 4 MiB of valid-looking lines
 *   (no Content-Length: chunked), `huge-length`: a Content-Length over the cap;
 * - `padding-only`: only count-0 lines, one of them the password's own suffix.
 */
export const MODES = ['ok', 'lower', 'crlf', 'empty', '404', '500', 'slow', 'reset', 'malformed', 'huge', 'huge-length', 'padding-only'];

const hex = '0123456789ABCDEF';
/** A deterministic pseudo-random 35-character suffix. */
function fakeSuffix(seed) {
  let x = (seed * 2654435761) >>> 0 || 1;
  let s = '';
  for (let i = 0; i < 35; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    s += hex[x & 15];
  }
  return s;
}

/**
 * @param {Record<string, number>} known passwords and their breach counts
 * @param {{ slowMs?: number, cors?: boolean }} [options]
 */
export async function startRangeServer(known = {}, { slowMs = 2000, cors = true } = {}) {
  const byPrefix = new Map();
  for (const [password, count] of Object.entries(known)) {
    const h = sha1(password);
    if (!byPrefix.has(h.slice(0, 5))) byPrefix.set(h.slice(0, 5), []);
    byPrefix.get(h.slice(0, 5)).push([h.slice(5), count]);
  }
  const state = { mode: 'ok', requests: [], inFlight: 0, maxInFlight: 0 };
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    state.requests.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    if (req.method === 'GET') {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      res.on('close', () => state.inFlight--);
    }
    if (cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Add-Padding');
      res.setHeader('Access-Control-Allow-Methods', 'GET');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const m = /^\/range\/([0-9A-F]{5})$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !m) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('The hash prefix was not in a valid format');
      return;
    }
    const prefix = m[1];
    const mode = state.mode;
    if (mode === 'reset') {
      req.socket.destroy();
      return;
    }
    if (mode === '404' || mode === '500') {
      res.writeHead(Number(mode), { 'Content-Type': 'text/plain' }).end('nope');
      return;
    }
    if (mode === 'empty') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end();
      return;
    }
    const lines = (byPrefix.get(prefix) ?? []).map(([suffix, count]) => `${suffix}:${count}`);
    for (let i = 0; i < 800; i++) lines.push(`${fakeSuffix(i + 1 + parseInt(prefix, 16))}:${i % 7 === 0 ? 0 : (i % 50) + 1}`);
    // Padding: count-0 lines.
    for (let i = 0; i < 200; i++) lines.push(`${fakeSuffix(100_000 + i)}:0`);
    if (mode === 'padding-only') {
      const own = (byPrefix.get(prefix) ?? []).map(([suffix]) => `${suffix}:0`);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end([...own, ...lines.slice(-200)].join('\n'));
      return;
    }
    lines.sort();
    let body;
    if (mode === 'lower') body = lines.map((l) => l.toLowerCase()).join('\n');
    else if (mode === 'crlf') body = `${lines.join('\r\n')}\r\n`;
    else if (mode === 'malformed') body = [...lines.slice(0, 10), 'this is not a range line', ...lines.slice(10)].join('\n');
    else body = lines.join('\n');
    if (mode === 'huge') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = `${lines.join('\n')}\n`;
      let sent = 0;
      const more = () => {
        while (sent < 6 << 20) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => {});
      more();
      return;
    }
    if (mode === 'huge-length') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(5 << 20) });
      res.write(body);
      // The rest never comes: the client must stop at the header.
      return;
    }
    if (mode === 'slow') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const t = setTimeout(() => res.end(body), slowMs);
      res.on('close', () => clearTimeout(t));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    endpoint: `http://127.0.0.1:${port}/range`,
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get mode() {
      return state.mode;
    },
    /** The most GET requests open at once since the last reset. */
    get maxInFlight() {
      return state.maxInFlight;
    },
    set mode(m) {
      if (!MODES.includes(m)) throw new Error(`unknown mode ${m}`);
      state.mode = m;
    },
    reset() {
      state.requests.length = 0;
      state.mode = 'ok';
      state.maxInFlight = state.inFlight;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Asserts that the requests carried nothing but a 5-character prefix: each is `GET /range/XXXXX`
 * (no query), and no header holds any of `secrets` (passwords, hashes, suffixes) or more of the
 * hash than the prefix.
 * @param {{ method: string, url: string, headers: Record<string, string | string[] | undefined> }[]} requests
 * @param {string[]} passwords
 */
export function assertOnlyPrefixes(assert, requests, passwords) {
  const hashes = passwords.map(sha1);
  for (const r of requests.filter((x) => x.method !== 'OPTIONS')) {
    assert.equal(r.method, 'GET');
    assert.match(r.url, /^\/range\/[0-9A-F]{5}$/, `request path ${r.url}`);
    assert.ok(hashes.some((h) => r.url === `/range/${h.slice(0, 5)}`), `${r.url} is the prefix of a checked password`);
    assert.equal(r.headers['add-padding'], 'true');
    const text = JSON.stringify(r);
    for (const [i, h] of hashes.entries()) {
      assert.ok(!text.includes(passwords[i]), 'a password left in a request');
      assert.ok(!text.toUpperCase().includes(h.slice(5)), 'the suffix left in a request');
    }
    // Only the headers a fetch sends by itself, and ours.
    const allowed = new Set(['host', 'connection', 'add-padding', 'accept', 'accept-language', 'accept-encoding', 'user-agent', 'sec-fetch-mode', 'origin', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-fetch-site', 'sec-fetch-dest', 'cache-control', 'pragma']);
    for (const name of Object.keys(r.headers)) assert.ok(allowed.has(name), `unexpected request header ${name}`);
  }
}
