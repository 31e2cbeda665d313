import * as v from 'valibot';
import { LIMITS } from './limits';
import { idSchema, text, timestamp } from './validation';

export const RECORD_TYPES = ['group', 'membership', 'request', 'offer', 'task', 'log'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * Fields every record has. `updatedAt` and `rev` are the server's: a record made on the
 * device has no `rev` until its first sync, and its `updatedAt` is the device's clock until then.
 */
export const baseEntries = {
  id: idSchema,
  groupId: idSchema,
  createdAt: timestamp,
  createdBy: idSchema,
  updatedAt: timestamp,
  rev: v.optional(text(LIMITS.rev)),
  archived: v.boolean('invalid_type'),
};
