import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// One version per build. `vite build` loads this file more than once (client and server
// environments); Kit's default version (Date.now() at each load) then differs between the
// generated index.html and the client bundle, whose globals no longer match, and the SPA
// never starts. The environment variable carries the first value to every later load.
process.env.NEIGHBORLY_BUILD_VERSION ??= String(Date.now());

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    version: { name: process.env.NEIGHBORLY_BUILD_VERSION },
    // A static SPA: the sync-server serves build/ and answers unknown paths with
    // index.html, so deep links and offline navigation both land in the app.
    adapter: adapter({
      pages: 'build',
      assets: 'build',
      fallback: 'index.html',
      precompress: false,
      strict: true,
    }),
  },
};

export default config;
