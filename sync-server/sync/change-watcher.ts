import type { ServerContext } from '../context';

/**
 * Notices writes made by OTHER sync-servers sharing the database: while anyone listens to a
 * group, its database's `update_seq` is polled and a change becomes a hub event. (Plain
 * polling: express-pouchdb ignores longpoll timeouts, see STACK.md.) Writes made by this
 * server reach the hub directly and only cause one extra, harmless hint here.
 */
export class ChangeWatcher {
  private readonly watched = new Map<
    string,
    { listeners: number; seq: string | number | undefined }
  >();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly context: ServerContext,
    private readonly intervalMs = 2000,
  ) {}

  /**
   * Starts watching `groupIds` and resolves once their current sequences are known, so a
   * write made right after the caller is told "listening" is noticed, not taken as the start.
   */
  async watch(groupIds: Iterable<string>): Promise<() => void> {
    const ids = [...groupIds];
    const fresh: Array<{
      id: string;
      entry: { listeners: number; seq: string | number | undefined };
    }> = [];
    for (const id of ids) {
      const entry = this.watched.get(id);
      if (entry) entry.listeners += 1;
      else {
        const created = { listeners: 1, seq: undefined };
        this.watched.set(id, created);
        fresh.push({ id, entry: created });
      }
    }
    await Promise.all(
      fresh.map(async ({ id, entry }) => {
        const seq = await this.context.couch
          .updateSeq(this.context.names.group(id))
          .catch(() => undefined);
        entry.seq ??= seq;
      }),
    );
    this.timer ??= setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      for (const id of ids) {
        const entry = this.watched.get(id);
        if (!entry) continue;
        entry.listeners -= 1;
        if (entry.listeners <= 0) this.watched.delete(id);
      }
      if (this.watched.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const [groupId, entry] of this.watched) {
        const seq = await this.context.couch
          .updateSeq(this.context.names.group(groupId))
          .catch(() => entry.seq);
        if (entry.seq !== undefined && seq !== undefined && String(seq) !== String(entry.seq)) {
          this.context.changes.groupChanged(groupId);
        }
        entry.seq = seq;
      }
    } finally {
      this.polling = false;
    }
  }
}
