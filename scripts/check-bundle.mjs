// Bundle budget: the gzip size of all JavaScript a first visit to "/" loads must
// stay within BUDGET_KIB. That is the shell's scripts in build/index.html, the
// nodes of the "/" route (layouts + page) and every module they import statically.
// Dynamic imports (lazy pages, rarely used libraries) are not counted.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KIB = Number(process.env.BUNDLE_BUDGET_KIB ?? 100);
const buildDir = 'build';
const manifestPath = '.svelte-kit/output/client/.vite/manifest.json';
const appPath = '.svelte-kit/generated/client-optimized/app.js';

function fail(message) {
  console.error(`bundle budget: ${message}`);
  process.exit(1);
}

if (!existsSync(join(buildDir, 'index.html')))
  fail('build/index.html is missing; run the build first.');
if (!existsSync(manifestPath)) fail(`${manifestPath} is missing; run the build first.`);

/** @type {Record<string, { file: string; imports?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const keyByFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));

// Scripts the shell loads: modulepreload links and the bootstrap's import("...") calls.
const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
const shellFiles = [
  ...html.matchAll(/<link[^>]+href="\/([^"]+\.js)"[^>]*>/g),
  ...html.matchAll(/import\("\/([^"]+\.js)"\)/g),
].map((match) => match[1]);

// The "/" route's nodes, from Kit's generated route dictionary: `"/": [page, [layouts], [errors]]`.
const routeKeys = [];
const routeLine = readFileSync(appPath, 'utf8').match(/"\/":\s*(\[.*\])\s*,?\s*$/m);
if (routeLine) {
  const [page, layouts = []] = JSON.parse(routeLine[1].replaceAll('~', ''));
  for (const node of [page, ...layouts]) {
    if (typeof node === 'number')
      routeKeys.push(`.svelte-kit/generated/client-optimized/nodes/${node}.js`);
  }
} else {
  console.warn('bundle budget: no "/" route found; counting the shell only');
}

const seen = new Set();
const queue = [
  ...shellFiles.map((file) => keyByFile.get(file) ?? `file:${file}`),
  ...routeKeys.filter((key) => key in manifest),
];
while (queue.length > 0) {
  const key = /** @type {string} */ (queue.shift());
  if (seen.has(key)) continue;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) queue.push(imported);
}

const files = [...seen].map((key) =>
  key.startsWith('file:') ? key.slice(5) : manifest[key]?.file,
);
let total = 0;
for (const file of new Set(files)) {
  if (!file || !file.endsWith('.js')) continue;
  const path = join(buildDir, file);
  if (!existsSync(path)) fail(`${path} is referenced but missing.`);
  total += gzipSync(readFileSync(path), { level: 9 }).length;
}

const kib = total / 1024;
const verdict = kib <= BUDGET_KIB ? 'ok' : 'OVER BUDGET';
console.log(
  `bundle budget: first route loads ${kib.toFixed(1)} KiB of JS (gzip) in ${seen.size} files; budget ${BUDGET_KIB} KiB — ${verdict}`,
);
if (kib > BUDGET_KIB) process.exit(1);
