import type { FastifyInstance } from 'fastify';
import { hasForbiddenKeys } from '../../src/lib/domain';
import {
  MAX_BODY_BYTES,
  MAX_MUTATIONS_PER_PUSH,
  pushRequestSchema,
  type Mutation,
  type MutationResult,
  type PushResponse,
} from '../../src/lib/protocol';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import type { CouchDoc } from '../couch/couch-client';
import { ApiError, invalid } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { docIds, type CreationDoc, type IdempotencyDoc } from '../store/system-docs';
import { BatchApplier } from './apply-batch';
import { PushScope } from './push-context';

/**
 * POST /sync/push: one result per mutation, in order. Idempotent by `mid` per user: every
 * repeat gets the result the first try got and changes nothing, surviving restarts, in two
 * ways:
 * - an update, transition or archive has its result stored in the idempotency database;
 * - a create or append is its own record: the new document keeps its creating mid
 *   (`nbCreateMid`), so a repeat finds the id taken by itself and is answered from the
 *   document — or, once the record has changed, from the creation kept in the idempotency
 *   database just before its first change (see CreationDoc). So the commonest big push, a
 *   phone's offline entries, writes only its records. A rejected create or append stored
 *   nothing, so its repeat is decided again (rejected again, unless the reason has gone).
 * Mutations are decided one after another, so a later one sees an earlier one, and written
 * in bulk (see BatchApplier). If the database fails mid-push the request answers 503; what
 * was applied stays applied, and a retry is answered from the idempotency records or, for
 * the mutations in flight, from the `nbMid` their writes left on the documents.
 */
export function pushRoute(context: ServerContext) {
  const idempotencyDb = context.names.idempotency;

  return async (api: FastifyInstance): Promise<void> => {
    api.post(
      '/sync/push',
      { bodyLimit: MAX_BODY_BYTES },
      async (request): Promise<PushResponse> => {
        const session = await requireSession(context, request);
        const raw = request.body as { mutations?: unknown } | undefined;
        if (hasForbiddenKeys(raw)) throw invalid('The request contains forbidden keys.');
        if (Array.isArray(raw?.mutations) && raw.mutations.length > MAX_MUTATIONS_PER_PUSH) {
          throw new ApiError(
            'too_many_mutations',
            `At most ${MAX_MUTATIONS_PER_PUSH} mutations per push; send the rest in another push.`,
          );
        }
        const { mutations } = parseInput(pushRequestSchema, raw);
        const userId = session.userId;

        const known = new Map<string, MutationResult>();
        const keys = [
          ...new Set(mutations.filter(keepsResult).map((m) => docIds.idempotency(userId, m.mid))),
        ];
        const lookUp = async () => {
          if (keys.length === 0) return;
          for (const doc of await context.couch.allDocs<IdempotencyDoc>(idempotencyDb, { keys })) {
            if (doc.kind === 'idem') known.set(doc.mid, doc.result);
          }
        };

        const results: MutationResult[] = new Array(mutations.length);
        const unsaved: CouchDoc[] = [];
        const createdAt = new Date().toISOString();
        const scope = new PushScope(context, userId);
        const batch = new BatchApplier(scope, (index, mutation, result) => {
          known.set(mutation.mid, result);
          results[index] = result;
          if (!keepsResult(mutation)) return;
          const doc: IdempotencyDoc = {
            _id: docIds.idempotency(userId, mutation.mid),
            kind: 'idem',
            userId,
            mid: mutation.mid,
            result,
            createdAt,
          };
          unsaved.push(doc);
        });
        // Idempotency records go out in one `_bulk_docs`, always after the records they
        // describe: a crash in between leaves records whose `nbMid` lets a retry recognise
        // them. A conflict here means the same mid was pushed concurrently (another tab): its
        // stored result stands, and both answers describe the same single effect.
        const saveResults = async () => {
          for (const { userId: creator, mid, record } of scope.creations.splice(0)) {
            const doc: CreationDoc = {
              _id: docIds.idempotency(creator, mid),
              kind: 'created',
              userId: creator,
              mid,
              record,
              createdAt,
            };
            unsaved.push(doc);
          }
          if (unsaved.length === 0) return;
          await context.couch.bulk(idempotencyDb, unsaved.splice(0));
        };

        try {
          // Both reads at once; a replay's documents are read for nothing, a cheap price.
          await Promise.all([lookUp(), batch.prefetch(mutations)]);
          for (const [index, mutation] of mutations.entries()) {
            if (batch.isStaged(mutation.mid)) await batch.flush();
            const previous = known.get(mutation.mid);
            if (previous) {
              results[index] = previous;
              continue;
            }
            await batch.apply(index, mutation);
          }
          await batch.flush();
          await saveResults();
        } catch (error) {
          // Keep what was decided before the failure, so a retry need not work it out again.
          await saveResults().catch(() => undefined);
          throw error;
        }
        return { results };
      },
    );
  };
}

/** Whether a mutation's result is kept in the idempotency database (see pushRoute). */
function keepsResult(mutation: Mutation): boolean {
  return mutation.op !== 'create' && mutation.op !== 'append';
}
