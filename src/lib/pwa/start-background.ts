import { sendPendingSignOut } from '$lib/services/sign-out';
import { syncWhileSignedIn } from '$lib/sync/sync-engine';
import { requestPersistentStorage } from './persistent-storage';
import { registerServiceWorker } from './register-service-worker';

/**
 * What the app runs beside the pages: the service worker (on every route, deep links
 * included), the sync engine whenever someone is signed in on this device (it starts,
 * stops and resumes itself as the session in IndexedDB changes; after each sign-in it asks
 * for persistent storage), and ending a server session that a sign-out made offline left
 * behind, now and whenever the connection returns. Loaded by the root layout after the
 * first content (its own chunk: none of it is on the path to the first rows). Returns the
 * stop function.
 */
export function startBackground(): () => void {
  void registerServiceWorker();
  const tellServer = () => void sendPendingSignOut();
  tellServer();
  window.addEventListener('online', tellServer);
  const stopSync = syncWhileSignedIn(() => void requestPersistentStorage());
  return () => {
    window.removeEventListener('online', tellServer);
    stopSync();
  };
}
