import type { FastifyInstance } from 'fastify';
import type { DirectoryCard } from '../../src/lib/domain';
import { directoryQuerySchema, type DirectoryResponse } from '../../src/lib/protocol';
import type { ServerContext } from '../context';
import { parseInput } from '../http/parse-input';
import { docIds, prefixRange, type GroupDoc } from '../store/system-docs';

const MAX_RESULTS = 100;

function words(value: string | undefined): string[] {
  return (value ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

function haystack(card: DirectoryCard, withText: boolean): string {
  const parts = [card.name, card.area, ...card.neighborhoods];
  if (withText) parts.push(card.description, ...card.languages);
  return parts.join(' \u0000 ').toLowerCase();
}

/**
 * GET /directory?q=&near=: the public cards of `listed` groups, for neighbours looking for
 * help. No session needed; only card fields ever leave (never members or requests).
 * `q` matches name, description, area, neighbourhoods and languages; `near` matches area
 * and neighbourhoods. Every word must match.
 */
export function directoryRoute(context: ServerContext) {
  return async (api: FastifyInstance): Promise<void> => {
    api.get('/directory', async (request): Promise<DirectoryResponse> => {
      const query = parseInput(directoryQuerySchema, request.query);
      const q = words(query.q);
      const near = words(query.near);
      const docs = await context.couch.allDocs<GroupDoc>(
        context.names.system,
        prefixRange(docIds.groupsPrefix),
      );
      const groups = docs
        .filter((doc) => doc.kind === 'group' && doc.listed)
        .map((doc) => doc.card)
        .filter((card) => {
          const all = haystack(card, true);
          const place = haystack(card, false);
          return q.every((w) => all.includes(w)) && near.every((w) => place.includes(w));
        })
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, MAX_RESULTS);
      return { groups };
    });
  };
}
