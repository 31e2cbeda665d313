// A client-only SPA: every page reads IndexedDB (Dexie), which exists only in the
// browser, and the sync-server serves the static shell for every path.
export const ssr = false;
export const prerender = false;
