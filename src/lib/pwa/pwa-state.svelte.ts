/** The service worker's state, as runes for the update prompt and the settings page. */
class PwaState {
  /** A new version is installed and waiting: the prompt offers "reload". */
  needRefresh = $state(false);
  /** The app shell is cached: the app now opens with no network. */
  offlineReady = $state(false);
  /** Registration failed (e.g. a private window that forbids service workers). */
  error = $state<string | null>(null);
}

export const pwaState = new PwaState();
