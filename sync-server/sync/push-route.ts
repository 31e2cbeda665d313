import type { FastifyInstance } from 'fastify';
import { hasForbiddenKeys } from '../../src/lib/domain';
import {
  MAX_BODY_BYTES,
  MAX_MUTATIONS_PER_PUSH,
  pushRequestSchema,
  type CreateMutation,
  type Mutation,
  type MutationResult,
  type PushResponse,
} from '../../src/lib/protocol';
import { requireSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import type { CouchDoc } from '../couch/couch-client';
import { ApiError, invalid } from '../http/api-error';
import { parseInput } from '../http/parse-input';
import { docIds, type IdempotencyDoc } from '../store/system-docs';
import { applyCreates, applyMutation } from './apply-mutation';
import { PushScope } from './push-context';

/** Idempotency records are written in batches of this many (and at the end of a push). */
const FLUSH_EVERY = 100;

/**
 * POST /sync/push: one result per mutation, in order. Idempotent by `mid` per user: the
 * first result is stored in the idempotency database (surviving restarts) and every repeat
 * gets it back unchanged. Mutations apply one after another, so a later one sees an earlier
 * one (runs of creates go in bulk). If the database fails mid-push the request answers 503;
 * what was applied stays applied, and a retry is answered from the idempotency records or,
 * for the mutations in flight, from the `nbMid` their writes left on the documents.
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
        const keys = [...new Set(mutations.map((m) => docIds.idempotency(userId, m.mid)))];
        for (const doc of await context.couch.allDocs<IdempotencyDoc>(idempotencyDb, { keys })) {
          if (doc.kind === 'idem') known.set(doc.mid, doc.result);
        }

        const scope = new PushScope(context, userId);
        const results: MutationResult[] = [];
        let unsaved: CouchDoc[] = [];
        const flush = async () => {
          if (unsaved.length === 0) return;
          const batch = unsaved;
          unsaved = [];
          // A conflict here means the same mid was pushed concurrently (another tab): its
          // stored result stands, and both answers describe the same single effect.
          await context.couch.bulk(idempotencyDb, batch);
        };
        const remember = async (mutation: Mutation, result: MutationResult) => {
          known.set(mutation.mid, result);
          results.push(result);
          const doc: IdempotencyDoc = {
            _id: docIds.idempotency(userId, mutation.mid),
            kind: 'idem',
            userId,
            mid: mutation.mid,
            result,
            createdAt: new Date().toISOString(),
          };
          unsaved.push(doc);
          if (unsaved.length >= FLUSH_EVERY) await flush();
        };

        for (let i = 0; i < mutations.length;) {
          const mutation = mutations[i]!;
          const previous = known.get(mutation.mid);
          if (previous) {
            results.push(previous);
            i += 1;
            continue;
          }
          // A run of new creates (distinct mids) goes to the database in bulk.
          const run: CreateMutation[] = [];
          const mids = new Set<string>();
          for (let j = i; j < mutations.length && run.length < FLUSH_EVERY; j += 1) {
            const next = mutations[j]!;
            if (next.op !== 'create' || known.has(next.mid) || mids.has(next.mid)) break;
            run.push(next);
            mids.add(next.mid);
          }
          if (run.length > 1) {
            const created = await applyCreates(scope, run);
            for (const [k, result] of created.entries()) await remember(run[k]!, result);
            i += run.length;
            continue;
          }
          await remember(mutation, await applyMutation(scope, mutation));
          i += 1;
        }
        await flush();
        return { results };
      },
    );
  };
}
