import {
  can,
  HELP_ACTION_KIND,
  standingOffers,
  type Actor,
  type Log,
  type StandingOffer,
} from '../domain';
import type { RequestDetail } from '../db/queries/request-detail';
import { appendEntry } from './append-entry';
import type { ServiceResult } from './result';

/*
 * "I can help": where a member may not claim (the group has coordinators assign, or the
 * request still waits for approval), they offer, and a coordinator assigns. An offer is an
 * `offer` log entry on the request; the domain's `decideHelpAction` says who may offer.
 */

/**
 * Offer to help on a request, with an optional short note ("I can go Tuesday after 5").
 * Offline: stored at once with its outbox entry, like every write.
 */
export async function offerHelp(requestId: string, note = ''): Promise<ServiceResult<Log>> {
  return appendEntry(requestId, {
    kind: HELP_ACTION_KIND.offer_help,
    text: note.trim(),
    minutes: null,
    amount: null,
  });
}

/** Take my offer back (an `offer_withdrawn` entry: the log stays append-only). */
export async function withdrawHelpOffer(requestId: string): Promise<ServiceResult<Log>> {
  return appendEntry(requestId, {
    kind: HELP_ACTION_KIND.withdraw_offer,
    text: '',
    minutes: null,
    amount: null,
  });
}

export type ShownOffer = StandingOffer & { pending: boolean };

/** What the request page shows of offers to help, for me. */
export interface HelpOffersView {
  /** I may offer now and have no offer standing: the "I can help" button. */
  canOffer: boolean;
  /** My offer, if one stands (pending while it waits to sync). */
  mine: ShownOffer | null;
  /** I may take my standing offer back. */
  canWithdraw: boolean;
  /** The offers that stand, for a coordinator who may assign (empty for everyone else). */
  toAssign: ShownOffer[];
}

const NONE: HelpOffersView = { canOffer: false, mine: null, canWithdraw: false, toAssign: [] };

/** Offers to help on a request, read from its timeline, as `actor` may act on them. */
export function helpOffersOf(detail: RequestDetail, actor: Actor | null): HelpOffersView {
  const { request, group, timeline } = detail;
  if (!actor || !group) return NONE;
  const pending = new Set(timeline.filter((l) => l.pending).map((l) => l.id));
  const offers = standingOffers(request, timeline).map((o) => ({
    ...o,
    pending: pending.has(o.logId),
  }));
  // Once someone holds it, "a coordinator will assign" is no longer true: my offer is only
  // mine to see (and take back) while the request waits.
  const waiting = request.status === 'new' || request.status === 'open';
  const mine = (waiting && offers.find((o) => o.userId === actor.userId)) || null;
  return {
    canOffer:
      !offers.some((o) => o.userId === actor.userId) && can(actor, 'offer_help', request, group),
    mine,
    canWithdraw: !!mine && can(actor, 'withdraw_offer', request, group),
    toAssign: can(actor, 'assign', request, group)
      ? offers.filter((o) => o.userId !== actor.userId)
      : [],
  };
}
