import type { Actor } from './actor';
import { isActiveMember, isCoordinator } from './actor';
import type { Group } from './group';
import type { HelpOfferKind, Log } from './log';
import type { AnyRecord } from './record';
import type { Request, RequestStatus } from './request';
import { decideRequestAction } from './request-lifecycle';

/*
 * "Offer to help" (DESIGN.md's permission table: where members may not claim, they offer
 * and a coordinator assigns). An offer is an append-only `offer` log entry on the request,
 * with an optional short note; `offer_withdrawn` takes it back. Both are judged here, for
 * the phone's optimistic write and the server's decision alike (through `prepareAppend`).
 */

export const HELP_ACTIONS = ['offer_help', 'withdraw_offer'] as const;
export type HelpAction = (typeof HELP_ACTIONS)[number];

/** The entry kind each action appends. */
export const HELP_ACTION_KIND: Record<HelpAction, HelpOfferKind> = {
  offer_help: 'offer',
  withdraw_offer: 'offer_withdrawn',
};

/** Still waiting for someone to take it on: an offer makes sense. */
const WAITING: readonly RequestStatus[] = ['new', 'open'];
/** Not finished: an offer made earlier may still be taken back. */
const UNFINISHED: readonly RequestStatus[] = ['new', 'open', 'claimed', 'in_progress'];

export type HelpDecision = { ok: true } | { ok: false; code: 'forbidden' | 'illegal_transition' };

type HelpParent = Extract<AnyRecord, { type: 'request' | 'task' }>;

/**
 * May `actor` offer to help on (or withdraw an offer from) `parent` in `group`?
 *
 * `offer_help`: an active member who is not a coordinator (they assign), not the requester
 * and not its assignee, on a request that waits for someone (`new` or `open`) and that they
 * may not simply claim: the group has coordinators assign, or the request still waits for
 * approval. Where they could claim it, they are told `forbidden` (they claim instead).
 *
 * `withdraw_offer`: an active member who is not the requester, while the request is
 * unfinished. A withdrawal with no standing offer changes nothing (see `standingOffers`).
 *
 * Permission first, then the status (`illegal_transition`), as for the lifecycle moves.
 * Tasks take no offers: group jobs are claimed or assigned directly.
 */
export function decideHelpAction(
  actor: Actor,
  action: HelpAction,
  parent: HelpParent,
  group: Pick<Group, 'claiming'>,
): HelpDecision {
  if (!isActiveMember(actor) || parent.type !== 'request') return { ok: false, code: 'forbidden' };
  if (parent.requesterId === actor.userId) return { ok: false, code: 'forbidden' };
  if (action === 'withdraw_offer') {
    return UNFINISHED.includes(parent.status) ? { ok: true } : illegal();
  }
  if (isCoordinator(actor) || parent.assigneeId === actor.userId) {
    return { ok: false, code: 'forbidden' };
  }
  if (!WAITING.includes(parent.status)) return illegal();
  if (decideRequestAction(actor, 'claim', parent, group).ok) {
    return { ok: false, code: 'forbidden' };
  }
  return { ok: true };
}

function illegal(): HelpDecision {
  return { ok: false, code: 'illegal_transition' };
}

/** One member's offer that stands: what a coordinator sees next to Assign. */
export interface StandingOffer {
  userId: string;
  /** Their note ("I can go Tuesday after 5"); '' for none. */
  text: string;
  /** When they offered (their latest offer). */
  at: string;
  /** The `offer` entry's id. */
  logId: string;
}

/**
 * The offers that stand on a request, read from its log, oldest first. Per member the
 * latest entry counts: a second offer replaces the first (its note and time; shown once),
 * a later `offer_withdrawn` or their own `release` of the request ends it. The member who
 * holds the request now is not listed (their offer was taken up).
 */
export function standingOffers(
  request: Pick<Request, 'assigneeId'>,
  logs: readonly Pick<Log, 'id' | 'kind' | 'createdBy' | 'text' | 'at' | 'transition'>[],
): StandingOffer[] {
  const ordered = [...logs].sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.at < b.at ? -1 : 1,
  );
  const standing = new Map<string, StandingOffer>();
  for (const log of ordered) {
    if (log.kind === 'offer') {
      standing.delete(log.createdBy); // re-inserted: ordered by the latest offer
      standing.set(log.createdBy, {
        userId: log.createdBy,
        text: log.text,
        at: log.at,
        logId: log.id,
      });
    } else if (
      log.kind === 'offer_withdrawn' ||
      (log.kind === 'status' && log.transition?.action === 'release')
    ) {
      standing.delete(log.createdBy);
    }
  }
  return [...standing.values()].filter((offer) => offer.userId !== request.assigneeId);
}
