#!/usr/bin/env node
// A tiny, dependency-free static file server for the demo page.
//
//   node scripts/serve.mjs            # http://127.0.0.1:8080/www/
//   PORT=3000 node scripts/serve.mjs  # another port; PORT=0 picks a free one
//
// It serves the repository root (so that /www/ can import ../pkg/browser.js) on 127.0.0.1 only,
// GET and HEAD only, with the MIME types browsers insist on (application/wasm for
// WebAssembly.instantiateStreaming, text/javascript for .js/.mjs modules). Dotfiles (.git, …)
// are never served. Nothing is logged about requests.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const HOST = '127.0.0.1';
const PORT = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);

if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) {
  process.stderr.write(`serve: PORT must be an integer from 0 to 65535, not ${JSON.stringify(process.env.PORT)}\n`);
  process.exit(2);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.md': 'text/plain; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** Maps a URL path to a file under ROOT, or null when it leaves ROOT or touches a dotfile. */
function toFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.'))) return null;
  const file = normalize(join(ROOT, ...segments));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return null;
  return file;
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  if (url.pathname === '/') {
    send(res, 302, 'Found: /www/\n', { Location: '/www/' });
    return;
  }
  let file = toFile(url.pathname);
  if (file === null) {
    send(res, 404, 'Not Found\n');
    return;
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        send(res, 301, 'Moved Permanently\n', { Location: `${url.pathname}/${url.search}` });
        return;
      }
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
    res.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  } catch {
    send(res, 404, 'Not Found\n');
  }
});

server.on('error', (err) => {
  process.stderr.write(`serve: ${err.message}\n`);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  process.stdout.write(`passpolicy demo page: http://${HOST}:${port}/www/\n(serving ${ROOT}; Ctrl+C stops)\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
  });
}
