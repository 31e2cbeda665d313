// Builds the app when build/ is missing or older than its sources, so `npm start`
// on a fresh clone (or after a pull) serves the current code without a manual build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileI18n } from '../i18n.mjs';
import { bin, run } from './processes.mjs';

const SOURCES = [
  'src',
  'static',
  'project.inlang/settings.json',
  'svelte.config.js',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
];
// Generated from the messages on every build; its own mtime says nothing.
const GENERATED = new Set([join('src', 'lib', 'paraglide')]);

function newestMtime(path) {
  if (!existsSync(path) || GENERATED.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why a build is needed, or null when build/ is current. */
export function staleReason(buildIndex = join('build', 'index.html')) {
  if (!existsSync(buildIndex)) return 'no build yet';
  const built = statSync(buildIndex).mtimeMs;
  const newest = Math.max(...SOURCES.map(newestMtime));
  return newest > built ? 'sources changed since the last build' : null;
}

/** Builds the app if needed; resolves false when the build failed. */
export async function ensureBuild() {
  const reason = staleReason();
  if (!reason) return true;
  console.log(`Building the app (${reason}) ...`);
  await compileI18n();
  const code = await run(bin('vite'), ['build']);
  if (code !== 0) {
    console.error('The build failed; see the messages above.');
    return false;
  }
  return true;
}
