import type { Workbox } from 'workbox-window';
import { pwaState } from './pwa-state.svelte';

/** How often an open app asks whether a new version was deployed. */
const UPDATE_CHECK_MS = 60 * 60_000;

/**
 * The worker's URL and scope, from the site root. `virtual:pwa-register` builds them from
 * Vite's relative base (`./sw.js`, scope `./`), which a deep link such as `/g/<id>` resolves
 * to `/g/sw.js`: a 404, so an app first opened on a deep link never got its worker.
 */
const SW_URL = '/sw.js';
const SW_SCOPE = '/';

let registering: Promise<Workbox | null> | null = null;
/** Set when the user took the update: the next controller change reloads the page. */
let reloadOnControl = false;

/**
 * Register the Workbox service worker, on whichever route the app was opened (the root
 * layout calls this once the first page has its data: registering is not on the path to
 * the first rows). A new version waits until the user accepts the prompt, so a form being
 * filled in is never reloaded away. workbox-window is loaded only now (its own chunk).
 */
export function registerServiceWorker(): Promise<Workbox | null> {
  if (registering) return registering;
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
    return Promise.resolve(null);
  }
  registering = import('workbox-window')
    .then(({ Workbox }) => {
      const wb = new Workbox(SW_URL, { scope: SW_SCOPE });
      let promptShown = false;
      const showPrompt = () => {
        promptShown = true;
        pwaState.needRefresh = true;
      };
      // The same events virtual:pwa-register's "prompt" mode listens to.
      wb.addEventListener('installed', (event) => {
        if (event.isUpdate === undefined && event.isExternal) showPrompt();
        else if (!event.isUpdate && !promptShown) pwaState.offlineReady = true;
      });
      wb.addEventListener('waiting', showPrompt);
      // The new worker controls the page (taken here or in another tab): load its version.
      wb.addEventListener('controlling', (event) => {
        if (reloadOnControl || (event.isUpdate && promptShown)) window.location.reload();
      });
      return wb
        .register({ immediate: true })
        .then((registration) => {
          if (registration) {
            setInterval(() => {
              if (navigator.onLine) void registration.update().catch(() => {});
            }, UPDATE_CHECK_MS);
          }
          return wb;
        })
        .catch((error: unknown) => {
          pwaState.error = String(error);
          return wb;
        });
    })
    .catch((error: unknown) => {
      pwaState.error = String(error);
      return null;
    });
  return registering;
}

/**
 * Take the new version: activate the waiting worker (it reloads the page once it controls
 * it). Without one waiting (the server said 426 before the worker noticed), look for it
 * first, then reload anyway.
 */
export async function applyUpdate(): Promise<void> {
  // Resolves once registered (memoised), so the worker instance knows its registration.
  const wb = await registerServiceWorker();
  const registration = await navigator.serviceWorker?.getRegistration();
  if (!pwaState.needRefresh) await registration?.update().catch(() => {});
  if (wb && registration?.waiting) {
    reloadOnControl = true;
    wb.messageSkipWaiting();
    return;
  }
  location.reload();
}
