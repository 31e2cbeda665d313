/**
 * The browser's idea of being online, as reactive state. It only says whether a network
 * exists, not whether the server answers; the sync engine's status says that.
 */
class OnlineState {
  current = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

  constructor() {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', () => (this.current = true));
    window.addEventListener('offline', () => (this.current = false));
  }
}

export const online = new OnlineState();
