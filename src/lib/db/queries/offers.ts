import { OFFER_STATUSES, type Offer, type OfferStatus, type Request } from '../../domain';
import { db } from '../database';
import { neighborhoodKey, toWire } from '../local-fields';
import { pendingRecordIds } from '../outbox';
import type { OfferRow } from '../rows';

export interface OfferItem {
  offer: Offer;
  pending: boolean;
  /** Open requests it could meet, most urgent first (at most `matchLimit`). */
  matches: Request[];
  /** How many open requests it could meet in all. */
  matchCount: number;
}

/**
 * "Nearby": the same neighbourhood (case and spaces ignored), or either side names none
 * (a helper who gave no neighbourhood may help anywhere; a request without one may be met
 * by anyone). Kept this simple on purpose: groups are neighbourhood-sized.
 */
export function isNearby(a: string, b: string): boolean {
  return !a.trim() || !b.trim() || neighborhoodKey(a) === neighborhoodKey(b);
}

/**
 * Open requests an offer could meet: same category (the board's
 * `[groupId+_state+category+_sort]` range: open and not archived, already in board order),
 * nearby; most urgent first.
 */
export async function matchesForOffer(
  offer: Pick<Offer, 'groupId' | 'category' | 'neighborhood'>,
): Promise<Request[]> {
  const rows = await db()
    .requests.where('[groupId+_state+category+_sort]')
    .between(
      [offer.groupId, 'open', offer.category, ''],
      [offer.groupId, 'open', offer.category, '\uffff'],
      true,
      true,
    )
    .filter((r) => isNearby(offer.neighborhood, r.neighborhood))
    .toArray();
  return rows.map((r) => toWire(r) as Request);
}

/**
 * A group's offers (available and paused by default; pass `statuses` for closed ones too),
 * newest first, each with the open requests it could meet. Device only: works offline.
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
  const lists = await Promise.all(
    statuses.map((status) =>
      db().offers.where('[groupId+status]').equals([groupId, status]).toArray(),
    ),
  );
  const offers = lists
    .flat()
    .filter((o: OfferRow) => !o.archived && (!options.mineOnly || o.createdBy === options.mineOnly))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const pending = await pendingRecordIds();
  const limit = options.matchLimit ?? 3;
  return Promise.all(
    offers.map(async (row) => {
      const offer = toWire(row) as Offer;
      const matches = await matchesForOffer(offer);
      return {
        offer,
        pending: pending.has(offer.id),
        matches: matches.slice(0, limit),
        matchCount: matches.length,
      };
    }),
  );
}

/** One offer (null when not on this device). */
export async function getOffer(id: string): Promise<Offer | null> {
  const row = await db().offers.get(id);
  return row ? (toWire(row) as Offer) : null;
}
