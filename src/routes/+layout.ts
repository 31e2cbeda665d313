import { redirect } from '@sveltejs/kit';
import { getSessionUser } from '$lib/services';
import type { User } from '$lib/protocol';
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
/**
 * The first read starts when this module is evaluated (Kit loads the root layout while the
 * route's other modules still download), so opening IndexedDB overlaps with that instead of
 * waiting for it. Only the first load uses it; later ones read afresh.
 */
let firstRead: Promise<User | null> | null = null;
if (typeof indexedDB !== 'undefined') {
  firstRead = getSessionUser();
  // Its failure surfaces where the load awaits it; not as an unhandled rejection before.
  firstRead.catch(() => {});
}

export const load: LayoutLoad = async ({ url }) => {
  const early = firstRead;
  firstRead = null;
  const user = await (early ?? getSessionUser());
  if (!user && !PUBLIC.some((re) => re.test(url.pathname))) {
    redirect(307, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return { user };
};
