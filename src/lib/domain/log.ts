import * as v from 'valibot';
import { LIMITS } from './limits';
import { baseEntries } from './record-base';
import { REQUEST_STATUSES, type RequestStatus } from './request';
import { REQUEST_ACTIONS, type RequestAction } from './request-lifecycle';
import { TASK_STATUSES, type TaskStatus } from './task';
import { TASK_ACTIONS, type TaskAction } from './task-lifecycle';
import { idSchema, text, timestamp } from './validation';

/**
 * `offer` ("I can help", with an optional short note) and `offer_withdrawn` are a member's
 * offer to help where they may not claim: see help-offers.ts.
 */
export const LOG_KINDS = [
  'note',
  'status',
  'time',
  'expense',
  'delivered',
  'offer',
  'offer_withdrawn',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

// A task's statuses and actions are a subset of a request's, so the request lists name every
// status and action a `status` entry can record. The compiler keeps that true.
const TASK_STATUSES_FIT: readonly RequestStatus[] = TASK_STATUSES;
const TASK_ACTIONS_FIT: readonly RequestAction[] = TASK_ACTIONS;
void TASK_STATUSES_FIT;
void TASK_ACTIONS_FIT;

/** A member's offer to help on a request and its withdrawal (not the `offer` record type). */
export const HELP_OFFER_KINDS = ['offer', 'offer_withdrawn'] as const satisfies readonly LogKind[];
export type HelpOfferKind = (typeof HELP_OFFER_KINDS)[number];

export function isHelpOfferKind(kind: string): kind is HelpOfferKind {
  return kind === 'offer' || kind === 'offer_withdrawn';
}

/** A status of a request or a task, and a move between them. */
export type LifecycleStatus = RequestStatus | TaskStatus;
export type LifecycleAction = RequestAction | TaskAction;

/** What a `status` entry records: the move, as codes the timeline translates. */
export const logTransitionSchema = v.strictObject({
  from: v.picklist(REQUEST_STATUSES, 'invalid_choice'),
  to: v.picklist(REQUEST_STATUSES, 'invalid_choice'),
  action: v.picklist(REQUEST_ACTIONS, 'invalid_choice'),
});

/** Distance from a whole number of cents still taken as that number (binary fractions). */
const CENT_TOLERANCE = 1e-6;

/**
 * Money in major units with at most cents. `4.35` is not exactly representable in binary,
 * so `4.35 * 100` is `434.99999999999994`: a value within a millionth of whole cents is
 * accepted and stored as those cents.
 */
const amountSchema = v.pipe(
  v.number('invalid_type'),
  v.finite('invalid_format'),
  v.minValue(0, 'out_of_range'),
  v.maxValue(LIMITS.logAmount, 'out_of_range'),
  v.check((n) => Math.abs(n - Math.round(n * 100) / 100) <= CENT_TOLERANCE, 'invalid_format'),
  v.transform((n) => Math.round(n * 100) / 100),
);

/**
 * Append-only: a log entry is never edited; a correction is a new entry.
 * `status` entries are written by the rules for every transition and carry `transition`;
 * no other kind may.
 */
export const logSchema = v.pipe(
  v.strictObject({
    ...baseEntries,
    type: v.literal('log', 'invalid_choice'),
    parentId: idSchema,
    kind: v.picklist(LOG_KINDS, 'invalid_choice'),
    text: text(LIMITS.logText),
    minutes: v.nullable(
      v.pipe(
        v.number('invalid_type'),
        v.integer('invalid_format'),
        v.minValue(0, 'out_of_range'),
        v.maxValue(LIMITS.logMinutes, 'out_of_range'),
      ),
    ),
    amount: v.nullable(amountSchema),
    at: timestamp,
    transition: v.optional(logTransitionSchema),
  }),
  v.forward(
    v.check((l) => l.transition === undefined || l.kind === 'status', 'unknown_field'),
    ['transition'],
  ),
  v.forward(
    v.check((l) => l.kind !== 'status' || l.transition !== undefined, 'required'),
    ['transition'],
  ),
  v.check((l) => l.kind !== 'time' || (l.minutes !== null && l.minutes > 0), 'minutes_required'),
  v.check((l) => l.kind !== 'expense' || (l.amount !== null && l.amount > 0), 'amount_required'),
  v.check((l) => l.kind !== 'note' || l.text.trim().length > 0, 'text_required'),
  // An offer to help says when or how in a line or two, and counts no time or money.
  v.forward(
    v.check((l) => !isHelpOfferKind(l.kind) || l.text.length <= LIMITS.offerNote, 'too_long'),
    ['text'],
  ),
  v.forward(
    v.check((l) => !isHelpOfferKind(l.kind) || l.minutes === null, 'unknown_field'),
    ['minutes'],
  ),
  v.forward(
    v.check((l) => !isHelpOfferKind(l.kind) || l.amount === null, 'unknown_field'),
    ['amount'],
  ),
);
export type Log = v.InferOutput<typeof logSchema>;
