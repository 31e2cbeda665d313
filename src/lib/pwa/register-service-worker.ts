import { registerSW } from 'virtual:pwa-register';
import { pwaState } from './pwa-state.svelte';

/** How often an open app asks whether a new version was deployed. */
const UPDATE_CHECK_MS = 60 * 60_000;

let update: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Register the Workbox service worker (from the root layout's onMount: a SvelteKit SPA gets
 * no injected registration). A new version waits until the user accepts the prompt, so a
 * form being filled in is never reloaded away.
 */
export function registerServiceWorker(): void {
  if (update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh: () => (pwaState.needRefresh = true),
    onOfflineReady: () => (pwaState.offlineReady = true),
    onRegisterError: (error: unknown) => (pwaState.error = String(error)),
    onRegisteredSW: (_url: string, registration: ServiceWorkerRegistration | undefined) => {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => {});
      }, UPDATE_CHECK_MS);
    },
  });
}

/**
 * Take the new version: activate the waiting worker and reload. Without one waiting (the
 * server said 426 before the worker noticed), look for it first, then reload anyway.
 */
export async function applyUpdate(): Promise<void> {
  if (pwaState.needRefresh && update) {
    await update(true);
    return;
  }
  const registration = await navigator.serviceWorker?.getRegistration();
  await registration?.update().catch(() => {});
  if (registration?.waiting && update) {
    await update(true);
    return;
  }
  location.reload();
}
