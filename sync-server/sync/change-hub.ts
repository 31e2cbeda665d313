import { EventEmitter } from 'node:events';

/**
 * In-process fan-out of "something changed" hints for the SSE stream: a group's records
 * changed, or a user's memberships did. Writes on this server notify at once; the change
 * watcher (change-watcher.ts) adds writes made by other sync-servers sharing the database.
 * Lossy by design: events are hints, and the app also pulls on its own schedule.
 */
export class ChangeHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  groupChanged(groupId: string): void {
    this.emitter.emit('group', groupId);
  }

  userChanged(userId: string): void {
    this.emitter.emit('user', userId);
  }

  onGroup(listener: (groupId: string) => void): () => void {
    this.emitter.on('group', listener);
    return () => this.emitter.off('group', listener);
  }

  onUser(listener: (userId: string) => void): () => void {
    this.emitter.on('user', listener);
    return () => this.emitter.off('user', listener);
  }

  /** Listeners registered now (each open event stream holds two); for health checks and tests. */
  listenerCount(): number {
    return this.emitter.listenerCount('group') + this.emitter.listenerCount('user');
  }
}
