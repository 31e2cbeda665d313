import type { FastifyInstance } from 'fastify';
import { isId, redact, type AnyRecord } from '../../src/lib/domain';
import { PULL_DEFAULT_LIMIT, pullQuerySchema, type PullResponse } from '../../src/lib/protocol';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { invalid } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { actorOf, listMembersOfUser } from '../store/members';
import { docToRecord, isRecordDoc } from '../store/record-docs';
import { decodeCursor, encodeCursor, type GroupPosition } from './pull-cursor';

/**
 * GET /sync/pull: the caller's groups' records, redacted for them, from one `_changes`
 * feed per group, paged by `limit` and an opaque cursor. Groups the caller lost (removed,
 * left) are listed in `purge` and dropped from the cursor; a new group starts from the
 * beginning. A demotion lists the group in `restart` and sends it again from the beginning:
 * the client must forget the private parts it may no longer hold, yet it is still a member,
 * so its waiting changes and conflicts stay (a purge would turn them into "group lost"). A
 * promotion only sends the group again (to deliver what it may now see: nothing to forget).
 */
export function pullRoute(context: ServerContext) {
  return async (api: FastifyInstance): Promise<void> => {
    api.get('/sync/pull', async (request): Promise<PullResponse> => {
      const session = await requireSession(context, request);
      const query = parseInput(pullQuerySchema, request.query);
      const limit = query.limit ?? PULL_DEFAULT_LIMIT;
      const cursor = decodeCursor(query.cursor);
      if (!cursor) throw invalid('This cursor was not made by this server; pull from the start.');

      const members = (await listMembersOfUser(context, session.userId)).filter(
        (m) => m.status === 'active' && isId(m.groupId),
      );
      members.sort((a, b) => a.groupId.localeCompare(b.groupId));
      const active = new Set(members.map((m) => m.groupId));

      const purge: string[] = [];
      const restart: string[] = [];
      const next = new Map<string, GroupPosition>();
      for (const [groupId] of cursor.groups) {
        if (!active.has(groupId)) purge.push(groupId);
      }

      const records: AnyRecord[] = [];
      let more = false;
      let remaining = 0;
      // Counted in changes read (not records sent), so redaction never stretches a page.
      let consumed = 0;
      for (const member of members) {
        const previous = cursor.groups.get(member.groupId);
        let since: string | number = 0;
        if (previous) {
          const [seq, role] = previous;
          // Demoted: the client drops its copy before this page's records of the group
          // (from the beginning, here or on a later page) are stored.
          if (role === 'coordinator' && member.role !== 'coordinator') restart.push(member.groupId);
          since = role === member.role ? seq : 0;
        }
        const budget = limit - consumed;
        if (budget <= 0) {
          if (previous && since !== 0) next.set(member.groupId, [since, member.role]);
          more = true;
          continue;
        }
        const page = await context.couch.changes(context.names.group(member.groupId), {
          since,
          limit: budget,
          includeDocs: true,
        });
        consumed += page.results.length;
        const actor = actorOf(session.userId, member);
        for (const change of page.results) {
          if (!change.doc || change.deleted || !isRecordDoc(change.doc)) continue;
          const visible = redact(docToRecord(change.doc), actor);
          if (visible) records.push(visible);
        }
        next.set(member.groupId, [page.last_seq, member.role]);
        if (page.results.length >= budget) more = true;
        if (typeof page.pending === 'number') remaining += page.pending;
      }

      const response: PullResponse = {
        records,
        purge,
        restart,
        cursor: encodeCursor({ groups: next }),
        more,
      };
      if (more || remaining > 0) response.remaining = remaining;
      return response;
    });
  };
}
