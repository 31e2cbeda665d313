import { m } from '$lib/paraglide/messages';
import { isDefaultCategory } from '$lib/domain';
import type {
  ClaimingMode,
  DefaultCategory,
  CloseReason,
  ExchangeMode,
  JoinPolicy,
  LogKind,
  MembershipStatus,
  OfferStatus,
  Recurrence,
  RequestAction,
  RequestStatus,
  Role,
  TaskAction,
  TaskStatus,
  Urgency,
} from '$lib/domain';

/**
 * Words for the domain's codes. Maps of message functions (not strings) so each lookup
 * reads the current locale. Unknown codes (a group's own category) fall back readably.
 */
type Words<K extends string> = Record<K, () => string>;

/**
 * The words for a code that may come from anyone (a category, a status in a log entry): only
 * the map's own keys count, so `constructor` or `toString` typed by a member is shown as
 * written instead of reaching Object.prototype.
 */
function ownWord(words: Readonly<Record<string, () => string>>, code: string) {
  return Object.hasOwn(words, code) ? words[code] : undefined;
}

const CATEGORY: Words<DefaultCategory> = {
  groceries: m.category_groceries,
  pharmacy: m.category_pharmacy,
  meals: m.category_meals,
  transport: m.category_transport,
  childcare: m.category_childcare,
  pets: m.category_pets,
  companionship: m.category_companionship,
  household: m.category_household,
  money: m.category_money,
  other: m.category_other,
};

/**
 * A category in words: ours are translated; a group's own label ("Pañales", "Niños 0-5") is
 * shown as written; an old-style slug ("baby_supplies") is turned into words.
 */
export function categoryLabel(name: string): string {
  if (isDefaultCategory(name)) return CATEGORY[name]();
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) return name;
  const words = name.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const REQUEST_STATUS: Words<RequestStatus> = {
  new: m.rstatus_new,
  open: m.rstatus_open,
  claimed: m.rstatus_claimed,
  in_progress: m.rstatus_in_progress,
  done: m.rstatus_done,
  cancelled: m.rstatus_cancelled,
};
export const requestStatusLabel = (s: RequestStatus): string => REQUEST_STATUS[s]();

/** A status from a log entry's transition (request or task); unknown values as written. */
export function anyStatusLabel(s: string): string {
  const fn = ownWord(REQUEST_STATUS, s);
  return fn ? fn() : s;
}

const URGENCY: Words<Urgency> = {
  urgent: m.urgency_urgent,
  soon: m.urgency_soon,
  flexible: m.urgency_flexible,
};
export const urgencyLabel = (u: Urgency): string => URGENCY[u]();

const CLOSE_REASON: Words<CloseReason> = {
  withdrawn: m.close_withdrawn,
  duplicate: m.close_duplicate,
  referred: m.close_referred,
  expired: m.close_expired,
  other: m.close_other,
};
export const closeReasonLabel = (r: CloseReason): string => CLOSE_REASON[r]();

const RECURRENCE: Words<Recurrence> = {
  weekly: m.recurring_weekly,
  fortnightly: m.recurring_fortnightly,
  monthly: m.recurring_monthly,
};
export const recurrenceLabel = (r: Recurrence | null): string =>
  r ? RECURRENCE[r]() : m.recurring_none();

const ROLE: Words<Role> = { coordinator: m.role_coordinator, member: m.role_member };
export const roleLabel = (r: Role): string => ROLE[r]();

const MEMBERSHIP_STATUS: Words<MembershipStatus> = {
  pending: m.mstatus_pending,
  active: m.mstatus_active,
  removed: m.mstatus_removed,
};
export const membershipStatusLabel = (s: MembershipStatus): string => MEMBERSHIP_STATUS[s]();

const OFFER_STATUS: Words<OfferStatus> = {
  available: m.ostatus_available,
  paused: m.ostatus_paused,
  closed: m.ostatus_closed,
};
export const offerStatusLabel = (s: OfferStatus): string => OFFER_STATUS[s]();

const TASK_STATUS: Words<TaskStatus> = {
  open: m.tstatus_open,
  claimed: m.tstatus_claimed,
  done: m.tstatus_done,
  cancelled: m.tstatus_cancelled,
};
export const taskStatusLabel = (s: TaskStatus): string => TASK_STATUS[s]();

const LOG_KIND: Words<LogKind> = {
  note: m.logkind_note,
  status: m.logkind_status,
  time: m.logkind_time,
  expense: m.logkind_expense,
  delivered: m.logkind_delivered,
  offer: m.logkind_offer,
  offer_withdrawn: m.logkind_offer_withdrawn,
};
/** A kind this version does not know (a newer app wrote it) shows as its code, never throws. */
export const logKindLabel = (k: LogKind): string => ownWord(LOG_KIND, k)?.() ?? k;

const JOIN_POLICY: Words<JoinPolicy> = {
  code: m.joinpolicy_code,
  approval: m.joinpolicy_approval,
};
export const joinPolicyLabel = (p: JoinPolicy): string => JOIN_POLICY[p]();

const CLAIMING: Words<ClaimingMode> = {
  anyone: m.claiming_anyone,
  coordinators_assign: m.claiming_coordinators_assign,
};
export const claimingLabel = (c: ClaimingMode): string => CLAIMING[c]();

const EXCHANGE: Words<ExchangeMode> = {
  contactless: m.exchange_contactless,
  either: m.exchange_either,
  in_person: m.exchange_in_person,
};
export const exchangeLabel = (e: ExchangeMode): string => EXCHANGE[e]();

const ACTION: Words<RequestAction> = {
  approve: m.action_approve,
  claim: m.action_claim,
  assign: m.action_assign,
  release: m.action_release,
  start: m.action_start,
  complete: m.action_complete,
  cancel: m.action_cancel,
  reopen: m.action_reopen,
};
export const requestActionLabel = (a: RequestAction): string => ACTION[a]();

const TASK_ACTION: Words<TaskAction> = {
  claim: m.taction_claim,
  assign: m.taction_assign,
  release: m.action_release,
  complete: m.action_complete,
  cancel: m.taction_cancel,
  reopen: m.action_reopen,
};
export const taskActionLabel = (a: TaskAction): string => TASK_ACTION[a]();

const LANGUAGE_NAMES: Record<string, () => string> = { en: m.lang_en, es: m.lang_es };
/** A language tag in its own name where we know it, else through Intl. */
export function languageName(tag: string, inLocale: string): string {
  const own = ownWord(LANGUAGE_NAMES, tag);
  if (own) return own();
  try {
    return new Intl.DisplayNames([inLocale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
