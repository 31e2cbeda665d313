import type { FastifyInstance } from 'fastify';
import type { SyncEvent } from '../../src/lib/protocol';
import { readSession, requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { listMembersOfUser } from '../store/members';
import { ChangeWatcher } from './change-watcher';

const HEARTBEAT_MS = 25_000;
/** Re-check the session and the caller's groups this often (revocation, removal elsewhere). */
const RECHECK_MS = 30_000;
/** Coalesce bursts (a 500-mutation push) into one hint. */
const DEBOUNCE_MS = 150;

/**
 * GET /sync/events: server-sent events. `event: changed` with `{ type, groupIds }` whenever
 * one of the caller's groups changed, or their memberships did (then all their groups are
 * named, so the app pulls and receives any purge). Hints only: the app pulls for the data.
 */
export function eventsRoute(context: ServerContext) {
  const watcher = new ChangeWatcher(context);
  const open = new Set<() => void>();

  return async (api: FastifyInstance): Promise<void> => {
    api.addHook('preClose', async () => {
      for (const close of [...open]) close();
      watcher.stop();
    });

    api.get('/sync/events', async (request, reply) => {
      const session = await requireSession(context, request);
      const loadGroups = async () =>
        new Set(
          (await listMembersOfUser(context, session.userId))
            .filter((m) => m.status === 'active')
            .map((m) => m.groupId),
        );
      let groups = await loadGroups();
      let unwatch = await watcher.watch(groups);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 5000\n\n');

      let pending = new Set<string>();
      let debounce: NodeJS.Timeout | undefined;
      const send = () => {
        debounce = undefined;
        if (pending.size === 0) return;
        const event: SyncEvent = { type: 'changed', groupIds: [...pending].sort() };
        pending = new Set();
        res.write(`event: changed\ndata: ${JSON.stringify(event)}\n\n`);
      };
      const hint = (groupIds: Iterable<string>) => {
        for (const id of groupIds) pending.add(id);
        debounce ??= setTimeout(send, DEBOUNCE_MS);
      };

      const refresh = async () => {
        const now = await loadGroups();
        const previous = unwatch;
        unwatch = await watcher.watch(now);
        previous();
        if (closed) unwatch();
        // Lost groups are named too: pulling them is what delivers the purge.
        hint(new Set([...groups, ...now]));
        groups = now;
      };

      const offGroup = context.changes.onGroup((groupId) => {
        if (groups.has(groupId)) hint([groupId]);
      });
      const offUser = context.changes.onUser((userId) => {
        if (userId === session.userId) refresh().catch(() => undefined);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const recheck = setInterval(() => {
        readSession(context, request)
          .then((still) => (still ? refresh() : close()))
          .catch(() => undefined);
      }, RECHECK_MS);

      let closed = false;
      function close() {
        if (closed) return;
        closed = true;
        open.delete(close);
        clearInterval(heartbeat);
        clearInterval(recheck);
        if (debounce) clearTimeout(debounce);
        offGroup();
        offUser();
        unwatch();
        res.end();
      }
      open.add(close);
      request.raw.on('close', close);
    });
  };
}
