import * as v from 'valibot';
import type { AnyRecord, FieldConflict, FieldError } from '../domain';
import { fieldErrorSchema } from './errors';
import { mutationSchema } from './mutation';
import { MAX_MUTATIONS_PER_PUSH } from './version';

export const pushRequestSchema = v.strictObject({
  mutations: v.pipe(
    v.array(mutationSchema, 'invalid_type'),
    v.minLength(1, 'required'),
    v.maxLength(MAX_MUTATIONS_PER_PUSH, 'too_many'),
  ),
});
export type PushRequest = v.InferOutput<typeof pushRequestSchema>;

/** Codes a single mutation can be rejected with. */
export const REJECT_CODES = [
  'forbidden',
  'invalid',
  'already_claimed',
  'illegal_transition',
  'not_found',
  'conflict',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** One result per mutation, in the order sent, keyed on `status`. */
export type MutationResult =
  | { mid: string; status: 'applied'; record: AnyRecord }
  | { mid: string; status: 'merged'; record: AnyRecord; conflicts: FieldConflict[] }
  | {
      mid: string;
      status: 'rejected';
      code: RejectCode;
      message: string;
      /** The current version, where the author may see it: the app restores it. */
      record?: AnyRecord;
      /** Per-field problems for `invalid`. */
      fields?: FieldError[];
      /** For `already_claimed`: who holds it (user id and display name). */
      holder?: { userId: string; displayName: string };
    };

export interface PushResponse {
  results: MutationResult[];
}

/** Loose runtime check of a push response (the app trusts its server, but not blindly). */
export const pushResponseSchema = v.object({
  results: v.array(
    v.variant('status', [
      v.object({
        mid: v.string(),
        status: v.literal('applied'),
        record: v.record(v.string(), v.unknown()),
      }),
      v.object({
        mid: v.string(),
        status: v.literal('merged'),
        record: v.record(v.string(), v.unknown()),
        conflicts: v.array(
          v.object({ field: v.string(), yours: v.unknown(), theirs: v.unknown() }),
        ),
      }),
      v.object({
        mid: v.string(),
        status: v.literal('rejected'),
        code: v.picklist(REJECT_CODES),
        message: v.string(),
        record: v.optional(v.record(v.string(), v.unknown())),
        fields: v.optional(v.array(fieldErrorSchema)),
        holder: v.optional(v.object({ userId: v.string(), displayName: v.string() })),
      }),
    ]),
  ),
});
