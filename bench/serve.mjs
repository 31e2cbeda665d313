// The bench's same-origin front door, on loopback only: serves the bench page under
// /bench/, proxies /couch/* to the backend database (only the bench exposes it, for PouchDB
// replication and the floor; the product never does) and everything else (/api/*, the app)
// to the sync-server. Bytes and Content-Encoding pass through untouched, so what Chromium
// receives is what the servers sent — and the proxy's meter counts it: every request of the
// page and of its workers alike (DevTools' Network domain of a page does not see a dedicated
// worker's requests).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, Agent } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

const DECODERS = { br: createBrotliDecompress, gzip: createGunzip, deflate: createInflate };

/**
 * Response bytes passing through, while on: on the wire (status line, headers and body as
 * sent, compressed where the server compressed) and decoded (the body uncompressed).
 */
function createMeter() {
  let current = null;
  return {
    start() {
      current = { wire: 0, decoded: 0, requests: 0, encodings: {}, decoding: [] };
    },
    async stop() {
      const done = current;
      current = null;
      if (!done) return null;
      await Promise.all(done.decoding);
      const { decoding: _decoding, ...bytes } = done;
      return bytes;
    },
    observe(answer) {
      const tally = current;
      if (!tally) return;
      tally.requests += 1;
      const encoding = answer.headers['content-encoding'] ?? 'identity';
      tally.encodings[encoding] = (tally.encodings[encoding] ?? 0) + 1;
      let head = `HTTP/1.1 ${answer.statusCode} ${answer.statusMessage ?? ''}\r\n\r\n`.length;
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        head += `${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}\r\n`.length;
      }
      tally.wire += head;
      const decoder = DECODERS[encoding]?.();
      if (decoder) {
        decoder.on('data', (chunk) => (tally.decoded += chunk.length));
        tally.decoding.push(
          new Promise((resolve) => {
            decoder.on('end', resolve);
            decoder.on('error', resolve);
          }),
        );
      }
      answer.on('data', (chunk) => {
        tally.wire += chunk.length;
        if (decoder) decoder.write(chunk);
        else tally.decoded += chunk.length;
      });
      answer.on('end', () => decoder?.end());
    },
  };
}

function forward(req, res, target, path, meter) {
  const url = new URL(target);
  const upstream = httpRequest(
    {
      host: url.hostname,
      port: url.port,
      method: req.method,
      path,
      // Host stays the browser's (the sync-server checks Origin against it).
      headers: req.headers,
      agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      meter?.observe(answer);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`bench proxy: ${error.message}`);
  });
  req.pipe(upstream);
}

function serveStatic(req, res, root, path) {
  const clean = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, clean);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!file.startsWith(root) || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

/**
 * Starts the proxy on 127.0.0.1 (free port). `api()` and `couch()` return the current
 * upstream URLs (they may change between phases). Resolves with `{ url, meter, close }`.
 */
export function startProxy({ webRoot, api, couch, port = 0 }) {
  const meter = createMeter();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/bench' || path.startsWith('/bench/')) {
      serveStatic(req, res, webRoot, path.slice('/bench'.length).split('?')[0] || '/');
    } else if (path.startsWith('/couch/')) {
      forward(req, res, couch(), path.slice('/couch'.length), meter);
    } else {
      forward(req, res, api(), path, meter);
    }
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        meter,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
