import * as v from 'valibot';
import { LIMITS } from './limits';
import { baseEntries } from './record-base';
import { idSchema, text, timestamp } from './validation';

export const LOG_KINDS = ['note', 'status', 'time', 'expense', 'delivered'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/**
 * Append-only: a log entry is never edited; a correction is a new entry.
 * `status` entries are written by the server for every transition and carry `transition`.
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
    amount: v.nullable(
      v.pipe(
        v.number('invalid_type'),
        v.finite('invalid_format'),
        v.minValue(0, 'out_of_range'),
        v.maxValue(LIMITS.logAmount, 'out_of_range'),
        v.check((n) => Math.round(n * 100) === n * 100, 'invalid_format'),
      ),
    ),
    at: timestamp,
    transition: v.optional(
      v.strictObject({
        from: text(20),
        to: text(20),
        action: text(20),
      }),
    ),
  }),
  v.check((l) => l.kind !== 'time' || (l.minutes !== null && l.minutes > 0), 'minutes_required'),
  v.check((l) => l.kind !== 'expense' || (l.amount !== null && l.amount > 0), 'amount_required'),
  v.check((l) => l.kind !== 'note' || l.text.trim().length > 0, 'text_required'),
);
export type Log = v.InferOutput<typeof logSchema>;
