import { redirect } from '@sveltejs/kit';
import { sessionUser } from '$lib/ui/early-session';
import type { LayoutLoad } from './$types';

// A client-only SPA: every page reads IndexedDB (Dexie), which exists only in the
// browser, and the sync-server serves the static shell for every path.
export const ssr = false;
export const prerender = false;

/** Pages anyone may open; everything else needs a profile on this device. */
const PUBLIC = [/^\/$/, /^\/signin\/?$/, /^\/signup\/?$/, /^\/directory\/?$/, /^\/join(\/.*)?$/];

/**
 * The signed-in profile comes from the device (meta.session), never the network: after the
 * first sign-in the app opens offline with it. An expired server session keeps it; the
 * sync engine asks to sign in again.
 */
export const load: LayoutLoad = async ({ url }) => {
  // Read from the client hooks on, for the first navigation (src/lib/ui/early-session.ts).
  const user = await sessionUser();
  if (!user && !PUBLIC.some((re) => re.test(url.pathname))) {
    redirect(307, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return { user };
};
