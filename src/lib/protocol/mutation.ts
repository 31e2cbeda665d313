import * as v from 'valibot';
import {
  CLOSE_REASONS,
  LIMITS,
  RECORD_TYPES,
  REQUEST_STATUSES,
  idSchema,
  text,
  timestamp,
} from '../domain';

/*
 * Every schema here gives its issues a code (`invalid_type`, `invalid_format`, …), never
 * valibot's English default: the server sends the codes to the app as `FieldError.code`.
 */

/** A client-made id for one mutation: the key of push idempotency. */
export const midSchema = v.pipe(
  v.string('invalid_type'),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid_format'),
);

// A task's statuses are a subset of a request's (see log.ts): these are all there are.
const STATUSES: ReadonlySet<string> = new Set(REQUEST_STATUSES);

/**
 * A request's or a task's status. Checked, not typed as the union, so the mutation's type
 * stays the lifecycle functions' input (a string judged against the record's own lifecycle).
 */
const statusName = v.pipe(
  v.string('invalid_type'),
  v.check((s) => STATUSES.has(s), 'invalid_choice'),
);

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
  v.record(v.string('invalid_type'), v.unknown(), 'invalid_type'),
  v.check((r) => Object.keys(r).length <= 40, 'too_many'),
);

/** Field values as sent; the rules check names and values against the record's schema. */
const fieldMap = v.pipe(
  v.record(
    v.pipe(v.string('invalid_type'), v.regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'invalid_format')),
    v.unknown(),
    'invalid_type',
  ),
  v.check((r) => Object.keys(r).length <= 30, 'too_many'),
);

export const createMutationSchema = v.strictObject({
  ...common,
  op: v.literal('create', 'invalid_choice'),
  record: recordPayload,
});

export const updateMutationSchema = v.strictObject({
  ...common,
  op: v.literal('update', 'invalid_choice'),
  set: fieldMap,
  /** Each changed field's value before the edit: the base of the field merge. */
  from: fieldMap,
});

export const transitionMutationSchema = v.strictObject({
  ...common,
  op: v.literal('transition', 'invalid_choice'),
  /** The status the author saw: the move is refused if the stored one moved on since. */
  from: statusName,
  to: statusName,
  assigneeId: v.optional(v.nullable(idSchema)),
  closeReason: v.optional(v.nullable(v.picklist(CLOSE_REASONS, 'invalid_choice'))),
  closeNote: v.optional(text(LIMITS.closeNote)),
  /** Id for the `status` log entry the transition appends (made on the device). */
  logId: idSchema,
});

export const appendMutationSchema = v.strictObject({
  ...common,
  op: v.literal('append', 'invalid_choice'),
  record: recordPayload,
});

export const archiveMutationSchema = v.strictObject({
  ...common,
  op: v.literal('archive', 'invalid_choice'),
});

export const mutationSchema = v.variant(
  'op',
  [
    createMutationSchema,
    updateMutationSchema,
    transitionMutationSchema,
    appendMutationSchema,
    archiveMutationSchema,
  ],
  'invalid_choice',
);

export type CreateMutation = v.InferOutput<typeof createMutationSchema>;
export type UpdateMutation = v.InferOutput<typeof updateMutationSchema>;
export type TransitionMutation = v.InferOutput<typeof transitionMutationSchema>;
export type AppendMutation = v.InferOutput<typeof appendMutationSchema>;
export type ArchiveMutation = v.InferOutput<typeof archiveMutationSchema>;
export type Mutation = v.InferOutput<typeof mutationSchema>;
export type MutationOp = Mutation['op'];
