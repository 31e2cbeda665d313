import { OFFER_STATUSES, type Offer, type OfferStatus, type Request } from '../../domain';
import { db } from '../database';
import { neighborhoodKey, toWire } from '../local-fields';
import { pendingRecordIds } from '../outbox';
import type { OfferRow, RequestRow } from '../rows';

export interface OfferItem {
  offer: Offer;
  pending: boolean;
  /** Open requests it could meet, most urgent first (at most `matchLimit`). */
  matches: Request[];
  /** How many open requests it could meet in all (same category, nearby). */
  matchCount: number;
  /** Open requests of its category anywhere in the group: what the board's filter shows. */
  categoryCount: number;
}

/**
 * "Nearby": the same neighbourhood (case and spaces ignored), or either side names none
 * (a helper who gave no neighbourhood may help anywhere; a request without one may be met
 * by anyone). Kept this simple on purpose: groups are neighbourhood-sized.
 */
export function isNearby(a: string, b: string): boolean {
  return !a.trim() || !b.trim() || neighborhoodKey(a) === neighborhoodKey(b);
}

const TOP = '\uffff';

function openInCategory(offer: Pick<Offer, 'groupId' | 'category'>) {
  return db()
    .requests.where('[groupId+_state+category+_sort]')
    .between(
      [offer.groupId, 'open', offer.category, ''],
      [offer.groupId, 'open', offer.category, TOP],
    );
}

/** Open requests of one neighbourhood key ('' = none named), in board order. */
function openInHood(groupId: string, hood: string) {
  return db()
    .requests.where('[groupId+_state+_hood+_sort]')
    .between([groupId, 'open', hood, ''], [groupId, 'open', hood, TOP]);
}

export interface OfferMatches {
  /** The first `limit` matches, in board order (most urgent first). */
  matches: Request[];
  count: number;
  categoryCount: number;
}

/**
 * Open requests an offer could meet, read through the indexes, never every open request of
 * the category: an offer naming no neighbourhood meets the whole category range (the first
 * `limit` rows, and an index-only count); one naming a neighbourhood reads only the open
 * requests of that neighbourhood and of none named, keeping its category.
 */
export async function offerMatches(
  offer: Pick<Offer, 'groupId' | 'category' | 'neighborhood'>,
  limit = 3,
): Promise<OfferMatches> {
  const hood = neighborhoodKey(offer.neighborhood);
  const sameCategory = (r: RequestRow) => r.category === offer.category;
  if (!hood) {
    const [rows, count] = await Promise.all([
      openInCategory(offer).limit(limit).toArray(),
      openInCategory(offer).count(),
    ]);
    return { matches: rows.map((r) => toWire(r) as Request), count, categoryCount: count };
  }
  const [here, unnamed, hereCount, unnamedCount, categoryCount] = await Promise.all([
    openInHood(offer.groupId, hood).filter(sameCategory).limit(limit).toArray(),
    openInHood(offer.groupId, '').filter(sameCategory).limit(limit).toArray(),
    openInHood(offer.groupId, hood).filter(sameCategory).count(),
    openInHood(offer.groupId, '').filter(sameCategory).count(),
    openInCategory(offer).count(),
  ]);
  const matches = [...here, ...unnamed]
    .sort((a, b) => (a._sort < b._sort ? -1 : a._sort > b._sort ? 1 : 0))
    .slice(0, limit)
    .map((r) => toWire(r) as Request);
  return { matches, count: hereCount + unnamedCount, categoryCount };
}

/** Every open request an offer could meet, most urgent first (see `offerMatches`). */
export async function matchesForOffer(
  offer: Pick<Offer, 'groupId' | 'category' | 'neighborhood'>,
): Promise<Request[]> {
  const rows = await openInCategory(offer)
    .filter((r) => isNearby(offer.neighborhood, r.neighborhood))
    .toArray();
  return rows.map((r) => toWire(r) as Request);
}

/**
 * A group's offers (available and paused by default; pass `statuses` for closed ones too),
 * newest first, each with the first open requests it could meet and their counts (closed
 * offers meet none: nothing is read for them). Device only: works offline.
 */
export async function listOffers(
  groupId: string,
  options: {
    statuses?: readonly OfferStatus[];
    mineOnly?: string | null;
    matchLimit?: number;
  } = {},
): Promise<OfferItem[]> {
  const statuses = options.statuses?.length
    ? options.statuses
    : OFFER_STATUSES.filter((s) => s !== 'closed');
  const [lists, pending] = await Promise.all([
    Promise.all(
      statuses.map((status) =>
        db().offers.where('[groupId+status]').equals([groupId, status]).toArray(),
      ),
    ),
    pendingRecordIds(),
  ]);
  const offers = lists
    .flat()
    .filter((o: OfferRow) => !o.archived && (!options.mineOnly || o.createdBy === options.mineOnly))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const limit = options.matchLimit ?? 3;
  return Promise.all(
    offers.map(async (row) => {
      const offer = toWire(row) as Offer;
      const found =
        offer.status === 'closed'
          ? { matches: [], count: 0, categoryCount: 0 }
          : await offerMatches(offer, limit);
      return {
        offer,
        pending: pending.has(offer.id),
        matches: found.matches,
        matchCount: found.count,
        categoryCount: found.categoryCount,
      };
    }),
  );
}

/** One offer (null when not on this device). */
export async function getOffer(id: string): Promise<Offer | null> {
  const row = await db().offers.get(id);
  return row ? (toWire(row) as Offer) : null;
}
