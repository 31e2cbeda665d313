// Playwright drives Debian's Chromium (no browser downloads here). Installs it when
// it is missing and we may (root with apt-get); otherwise says how, and fails.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromiumPath } from './chromium.mjs';

const path = chromiumPath();
if (existsSync(path)) {
  console.log(`chromium: ${path}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (isRoot && hasApt && !process.env.CHROMIUM_PATH) {
  console.log("chromium: not found; installing Debian's chromium with apt-get ...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ['apt-get', ['update']],
    ['apt-get', ['install', '-y', '--no-install-recommends', 'chromium']],
  ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`chromium: "${command} ${args.join(' ')}" failed (exit ${result.status}).`);
      process.exit(1);
    }
  }
  if (existsSync(path)) {
    console.log(`chromium: installed at ${path}`);
    process.exit(0);
  }
  console.error(`chromium: apt-get finished but ${path} does not exist.`);
  process.exit(1);
}

console.error(
  [
    `chromium: not found at ${path}. The end-to-end tests need Chromium.`,
    '  On Debian/Ubuntu, as root:  apt-get update && apt-get install -y chromium',
    '  (or run `npm test` as root and it installs it), or point CHROMIUM_PATH at an',
    '  existing Chromium/Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test',
  ].join('\n'),
);
process.exit(1);
