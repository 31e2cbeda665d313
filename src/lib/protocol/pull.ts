import * as v from 'valibot';
import type { AnyRecord } from '../domain';
import { PULL_MAX_LIMIT } from './version';

/**
 * Query of `GET /api/v1/sync/pull`. The cursor is opaque: the client only stores it. Issues
 * carry codes (as in mutation.ts), which the server sends to the app as `FieldError.code`.
 */
export const pullQuerySchema = v.strictObject(
  {
    cursor: v.optional(
      v.pipe(
        v.string('invalid_type'),
        v.maxLength(20_000, 'too_long'),
        v.regex(/^[A-Za-z0-9_-]*$/, 'invalid_format'),
      ),
    ),
    limit: v.optional(
      v.pipe(
        v.string('invalid_type'),
        v.regex(/^\d{1,5}$/, 'invalid_format'),
        v.transform(Number),
        v.minValue(1, 'out_of_range'),
        v.maxValue(PULL_MAX_LIMIT, 'out_of_range'),
      ),
    ),
  },
  'invalid_type',
);
export type PullQuery = v.InferInput<typeof pullQuerySchema>;

export interface PullResponse {
  /** Redacted for the caller. Archived records come too (the app hides them). */
  records: AnyRecord[];
  /**
   * Group ids the caller lost access to (removed, left): delete every local trace of them,
   * their waiting changes included (those can never sync; the app files them as notices).
   */
  purge: string[];
  /**
   * Group ids sent again from the beginning because what the caller may see in them shrank
   * (a demotion): delete the local copies of their records before storing this page's, but
   * keep waiting changes and conflicts — the caller is still a member. Absent means none.
   */
  restart?: string[];
  cursor: string;
  /** True while there is more to pull now: pull again at once with the new cursor. */
  more: boolean;
  /** Roughly how many changes remain after this page, for a progress bar (may be absent). */
  remaining?: number;
}

export const pullResponseSchema = v.object({
  records: v.array(v.record(v.string(), v.unknown())),
  purge: v.array(v.string()),
  restart: v.optional(v.array(v.string())),
  cursor: v.string(),
  more: v.boolean(),
  remaining: v.optional(v.number()),
});

/** Server-sent event on `GET /api/v1/sync/events`: a hint to pull now. */
export interface SyncEvent {
  type: 'changed';
  groupIds: string[];
}
