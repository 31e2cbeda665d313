// One place for the Paraglide options, shared by vite.config.ts and the scripts
// that must compile messages before svelte-check, eslint or vitest can run on a
// fresh clone (src/lib/paraglide is generated and never committed).
import { fileURLToPath } from 'node:url';
import { compile } from '@inlang/paraglide-js';

/** @type {{ project: string; outdir: string; strategy: ('localStorage' | 'preferredLanguage' | 'baseLocale')[] }} */
export const i18nOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  // An SPA with no server rendering: remember the user's choice on the device,
  // else follow the browser, else English.
  strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
};

/** Compiles the messages into src/lib/paraglide. */
export async function compileI18n() {
  await compile({ ...i18nOptions });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await compileI18n();
  console.log('paraglide: compiled messages into', i18nOptions.outdir);
}
