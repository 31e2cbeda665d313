import type { PullProgress } from './pull-changes';
import type { PauseReason } from './schedule';

/** The one word the status bar shows. */
export type SyncState = 'offline' | 'syncing' | 'up_to_date' | 'needs_attention';

/**
 * What the UI shows about sync, as rune state: written only by the engine (sync-engine.ts),
 * read by the status bar, banners and the settings page.
 */
class SyncStatus {
  /** The browser's idea of the network (`navigator.onLine` and its events). */
  online = $state(true);
  /** False after a sync failed for want of an answer (server down, captive portal). */
  reachable = $state(true);
  running = $state(false);
  /** Changes waiting in the outbox. */
  waiting = $state(0);
  /** Conflicts waiting for a choice, and notices not yet read. */
  conflicts = $state(0);
  unreadNotices = $state(0);
  lastSyncedAt = $state<string | null>(null);
  /** Set while pages are being pulled; `remaining` null when the server gives no estimate. */
  progress = $state<PullProgress | null>(null);
  /** Set when syncing stopped until the user signs in again or takes the app update. */
  paused = $state<PauseReason | null>(null);
  /** The last failure's message (for the details line), cleared by a good sync. */
  lastError = $state<string | null>(null);
  /**
   * Set while the server refuses a waiting change for a reason the engine cannot settle by
   * itself (the change is kept): the server's words, cleared by a good sync.
   */
  refused = $state<string | null>(null);
  failures = $state(0);

  get state(): SyncState {
    if (this.paused) return 'needs_attention';
    if (!this.online || !this.reachable) return 'offline';
    if (this.running) return 'syncing';
    if (this.conflicts > 0 || this.unreadNotices > 0 || this.refused || this.failures >= 3) {
      return 'needs_attention';
    }
    return this.waiting > 0 ? 'syncing' : 'up_to_date';
  }

  /** 0..1 while a sync with an estimate is pulling (a first sync of a big group), else null. */
  get fraction(): number | null {
    const p = this.progress;
    if (!p || p.remaining === null || p.received + p.remaining === 0) return null;
    return p.received / (p.received + p.remaining);
  }
}

export const syncStatus = new SyncStatus();
