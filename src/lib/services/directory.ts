import type { DirectoryCard } from '../domain';
import { getMeta, setMeta } from '../db/meta';
import { tokenize } from '../db/words';
import { api } from '../sync/api-client';
import { nowIso } from './clock';
import { apiFailure } from './from-api';
import type { ServiceResult } from './result';

/** Cards kept on the phone for offline search (the newest results win). */
const CACHE_LIMIT = 500;

export interface DirectoryResult {
  groups: DirectoryCard[];
  /** True when the answer came from the phone's cache (offline). */
  fromCache: boolean;
  /** When the cache was last filled from the server (null: never). */
  fetchedAt: string | null;
}

/**
 * "Find a group near me". Online: asks the server and adds the answer to the phone's cache.
 * Offline (or server unreachable): searches the cache, every token of `q` and `near`
 * matching a word prefix of the card's name, description, area or neighbourhoods.
 */
export async function searchDirectory(
  query: { q?: string; near?: string } = {},
): Promise<ServiceResult<DirectoryResult>> {
  const res = await api.directory(query);
  if (res.ok) {
    const fetchedAt = nowIso();
    const cached = (await getMeta('directory'))?.groups ?? [];
    const fresh = new Set(res.data.groups.map((g) => g.id));
    const merged = [...res.data.groups, ...cached.filter((g) => !fresh.has(g.id))];
    await setMeta('directory', {
      groups: merged.slice(0, CACHE_LIMIT),
      fetchedAt,
      query: [query.q ?? '', query.near ?? ''].join(' ').trim(),
    });
    return { ok: true, record: { groups: res.data.groups, fromCache: false, fetchedAt } };
  }
  if (res.code !== 'offline' && res.code !== 'unavailable') return apiFailure(res);
  return { ok: true, record: await searchCachedDirectory(query) };
}

/** Search only the cached directory (never the network). */
export async function searchCachedDirectory(
  query: { q?: string; near?: string } = {},
): Promise<DirectoryResult> {
  const cache = await getMeta('directory');
  const tokens = tokenize(`${query.q ?? ''} ${query.near ?? ''}`);
  const groups = (cache?.groups ?? []).filter((card) => {
    const words = tokenize(
      [card.name, card.description, card.area, ...card.neighborhoods].join(' '),
    );
    return tokens.every((t) => words.some((w) => w.startsWith(t)));
  });
  return { groups, fromCache: true, fetchedAt: cache?.fetchedAt ?? null };
}
