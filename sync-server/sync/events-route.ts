import type { FastifyInstance } from 'fastify';
import { isActiveMember } from '../../src/lib/domain';
import type { SyncEvent } from '../../src/lib/protocol';
import { readSession, requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { actorOf, listMembersOfUser } from '../store/members';
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
      // Listened to before anything is awaited: a client gone during the session and group
      // lookups still releases everything acquired after it left.
      const res = reply.raw;
      let closed = false;
      const cleanups: Array<() => void> = [];
      const own = (cleanup: () => void) => {
        if (closed) cleanup();
        else cleanups.push(cleanup);
      };
      function close() {
        if (closed) return;
        closed = true;
        open.delete(close);
        for (const cleanup of cleanups.splice(0)) cleanup();
        if (!res.writableEnded) res.end();
      }
      res.on('close', close);

      const session = await requireSession(context, request);
      const loadGroups = async () =>
        new Set(
          (await listMembersOfUser(context, session.userId))
            .filter((m) => isActiveMember(actorOf(session.userId, m)))
            .map((m) => m.groupId),
        );
      let groups = await loadGroups();
      let unwatch = await watcher.watch(groups);
      own(() => unwatch());

      reply.hijack();
      if (closed || res.destroyed) {
        close();
        return;
      }
      open.add(close);
      res.writeHead(200, {
        ...request.server.securityHeaders(request),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 5000\n\n');

      let pending = new Set<string>();
      let debounce: NodeJS.Timeout | undefined;
      const send = () => {
        debounce = undefined;
        if (pending.size === 0 || closed) return;
        const event: SyncEvent = { type: 'changed', groupIds: [...pending].sort() };
        pending = new Set();
        res.write(`event: changed\ndata: ${JSON.stringify(event)}\n\n`);
      };
      const hint = (groupIds: Iterable<string>) => {
        for (const id of groupIds) pending.add(id);
        debounce ??= setTimeout(send, DEBOUNCE_MS);
      };
      own(() => {
        if (debounce) clearTimeout(debounce);
      });

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

      own(
        context.changes.onGroup((groupId) => {
          if (groups.has(groupId)) hint([groupId]);
        }),
      );
      own(
        context.changes.onUser((userId) => {
          if (userId === session.userId) refresh().catch(() => undefined);
        }),
      );
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      own(() => clearInterval(heartbeat));
      const recheck = setInterval(() => {
        readSession(context, request)
          .then((still) => (still ? refresh() : close()))
          .catch(() => undefined);
      }, RECHECK_MS);
      own(() => clearInterval(recheck));
    });
  };
}
