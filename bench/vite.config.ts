// Builds the bench page (bench/web) into BENCH_WEB_OUT (default bench/.tmp/web). It imports the app's real modules
// ($lib/db, $lib/sync, $lib/services) and pouchdb-browser; the bench proxy serves it at /bench/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./web'),
  base: '/bench/',
  logLevel: 'warn',
  resolve: {
    alias: { $lib: here('../src/lib') },
  },
  // The app's sync worker, as the app builds it (a module worker sharing chunks).
  worker: { format: 'es' },
  // pouchdb-browser's CommonJS dependencies expect Node's `global`.
  define: { global: 'globalThis' },
  build: {
    // Each bench run builds into its own folder (bench/run.mjs sets it): runs never share one.
    outDir: process.env.BENCH_WEB_OUT ?? here('./.tmp/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Readable names in the CPU profiles the bench records.
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
  },
});
