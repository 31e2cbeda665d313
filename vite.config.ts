/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { i18nOptions } from './scripts/i18n.mjs';

// In `npm run dev` the app runs on Vite's dev server and the sync-server runs
// beside it; /api goes to the sync-server so cookies stay same-origin.
const syncServerUrl = process.env.SYNC_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    paraglideVitePlugin(i18nOptions),
    sveltekit(),
    SvelteKitPWA({
      // The root layout registers the worker itself (virtual:pwa-register) and
      // shows a prompt when an update waits; SvelteKit SPAs get no injected script.
      injectRegister: false,
      registerType: 'prompt',
      strategies: 'generateSW',
      kit: {
        // index.html is the SPA shell: precached so offline navigation has a page.
        adapterFallback: 'index.html',
        spa: true,
      },
      manifest: {
        name: 'Neighborly — mutual aid',
        short_name: 'Neighborly',
        description:
          'Requests, offers and tasks for mutual aid groups. Works offline and syncs when a signal returns.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#1d6b57',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['client/**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // Nothing is prerendered (SPA); an explicit, empty prefix map keeps the plugin
        // from adding a `prerendered/**` pattern that matches nothing and warns.
        modifyURLPrefix: {},
        navigateFallback: 'index.html',
        // The API is online-only or synced through IndexedDB: never answer it from a cache.
        navigateFallbackDenylist: [/^\/api\//],
        // The first visit is controlled at once; updates wait for the user's consent.
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // The sync worker (src/lib/sync/sync-worker.ts) is built as an ES module worker: one
  // self-contained file (its own copy of Dexie and the rules, ~45 KiB gzip), precached and
  // fetched after the first screen, never on the first route.
  worker: { format: 'es' },
  ssr: {
    // Kit's server runtime (run at build time to analyse the routes) imports
    // `cookie` 0.6, but fastify hoists cookie 2 to the top of node_modules. Bundling
    // it resolves Kit's own nested copy instead of the hoisted one.
    noExternal: ['cookie'],
  },
  server: {
    proxy: {
      '/api': { target: syncServerUrl, changeOrigin: false },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // `npm run bench --smoke`: needs the built app and Chromium, so npm test runs it
          // after the build and the Chromium check, not with the integration tests.
          name: 'bench',
          include: ['tests/bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
