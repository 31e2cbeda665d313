// (5) Bundle: gzip size of the JavaScript the first route loads — both as scripts/
// check-bundle.mjs computes it from the build manifest (npm test's gate) and as Chromium
// actually loads it on a first visit to "/" — and of the whole precache (build/sw.js).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchProfile } from '../browser.mjs';

const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** npm test's own budget gate, run as is; its verdict line is the figure. */
function budgetGate(root) {
  const out = spawnSync(process.execPath, ['scripts/check-bundle.mjs'], {
    cwd: root,
    encoding: 'utf8',
  });
  const line =
    `${out.stdout}${out.stderr}`.split('\n').find((l) => l.startsWith('bundle budget:')) ?? '';
  const kib = Number(line.match(/loads ([\d.]+) KiB/)?.[1]);
  return { kib: Number.isFinite(kib) ? kib : null, line, ok: out.status === 0 };
}

/** Every precache entry of the service worker, with raw and gzip sizes. */
export function precache(buildDir) {
  const sw = readFileSync(join(buildDir, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  const missing = [];
  const byKind = {};
  for (const url of urls) {
    const file = join(buildDir, url);
    if (!existsSync(file)) {
      missing.push(url);
      continue;
    }
    const data = readFileSync(file);
    const kind = url.split('.').pop();
    raw += data.length;
    // Images are already compressed: a server sends them as they are.
    const wire = ['png', 'webp', 'jpg', 'woff2'].includes(kind) ? data.length : gzip(data);
    gz += wire;
    byKind[kind] = (byKind[kind] ?? 0) + wire;
  }
  // The service worker script and its Workbox runtime are fetched too.
  for (const file of readdirSync(buildDir)) {
    if ((file === 'sw.js' || /^workbox-[\w-]+\.js$/.test(file)) && !urls.includes(file)) {
      gz += gzip(readFileSync(join(buildDir, file)));
    }
  }
  return { entries: urls.length, rawBytes: raw, gzipBytes: gz, byKindGzip: byKind, missing };
}

/** What Chromium loads on a first visit to "/": every script, gzip-sized from build/. */
async function firstRouteInBrowser(ctx) {
  const profile = await launchProfile(ctx.tmp);
  try {
    const scripts = new Set();
    profile.page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.request().resourceType() === 'script' && url.pathname.startsWith('/_app/')) {
        scripts.add(url.pathname);
      }
    });
    await profile.page.goto(`${ctx.proxyUrl}/`, { waitUntil: 'networkidle' });
    let gz = 0;
    for (const path of scripts) gz += gzip(readFileSync(join(ctx.appDir, path)));
    return { files: scripts.size, gzipBytes: gz };
  } finally {
    await profile.close();
  }
}

export async function bundlePhase(ctx) {
  if (!ctx.appBuilt) return { skipped: 'build/ is missing (run `npm run build`)' };
  return {
    gate: budgetGate(ctx.root),
    browser: await firstRouteInBrowser(ctx),
    precache: precache(ctx.appDir),
  };
}
