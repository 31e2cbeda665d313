import * as v from 'valibot';
import { CLOSE_REASONS, LIMITS, RECORD_TYPES, idSchema, text, timestamp } from '../domain';

/** A client-made id for one mutation: the key of push idempotency. */
export const midSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid_format'));

const common = {
  mid: midSchema,
  type: v.picklist(RECORD_TYPES, 'invalid_choice'),
  id: idSchema,
  groupId: idSchema,
  /** The device's clock when the change was made: advisory only. */
  at: timestamp,
};

/** A record as sent: validated in full against its type's schema by the rules. */
const recordPayload = v.pipe(
  v.record(v.string(), v.unknown()),
  v.check((r) => Object.keys(r).length <= 40, 'too_many'),
);

/** Field values as sent; the rules check names and values against the record's schema. */
const fieldMap = v.pipe(
  v.record(
    v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'invalid_format')),
    v.unknown(),
  ),
  v.check((r) => Object.keys(r).length <= 30, 'too_many'),
);

export const createMutationSchema = v.strictObject({
  ...common,
  op: v.literal('create'),
  record: recordPayload,
});

export const updateMutationSchema = v.strictObject({
  ...common,
  op: v.literal('update'),
  set: fieldMap,
  /** Each changed field's value before the edit: the base of the field merge. */
  from: fieldMap,
});

export const transitionMutationSchema = v.strictObject({
  ...common,
  op: v.literal('transition'),
  from: v.pipe(v.string(), v.maxLength(20)),
  to: v.pipe(v.string(), v.maxLength(20)),
  assigneeId: v.optional(v.nullable(idSchema)),
  closeReason: v.optional(v.nullable(v.picklist(CLOSE_REASONS, 'invalid_choice'))),
  closeNote: v.optional(text(LIMITS.closeNote)),
  /** Id for the `status` log entry the transition appends (made on the device). */
  logId: idSchema,
});

export const appendMutationSchema = v.strictObject({
  ...common,
  op: v.literal('append'),
  record: recordPayload,
});

export const archiveMutationSchema = v.strictObject({
  ...common,
  op: v.literal('archive'),
});

export const mutationSchema = v.variant('op', [
  createMutationSchema,
  updateMutationSchema,
  transitionMutationSchema,
  appendMutationSchema,
  archiveMutationSchema,
]);

export type CreateMutation = v.InferOutput<typeof createMutationSchema>;
export type UpdateMutation = v.InferOutput<typeof updateMutationSchema>;
export type TransitionMutation = v.InferOutput<typeof transitionMutationSchema>;
export type AppendMutation = v.InferOutput<typeof appendMutationSchema>;
export type ArchiveMutation = v.InferOutput<typeof archiveMutationSchema>;
export type Mutation = v.InferOutput<typeof mutationSchema>;
export type MutationOp = Mutation['op'];
