import type * as v from 'valibot';
import { groupSchema, type Group } from './group';
import { logSchema, type Log } from './log';
import { membershipSchema, type Membership } from './membership';
import { offerSchema, type Offer } from './offer';
import type { RecordType } from './record-base';
import { requestSchema, type Request } from './request';
import { taskSchema, type Task } from './task';
import { validate, type Validated } from './validation';

export type AnyRecord = Group | Membership | Request | Offer | Task | Log;
export type RecordOf<T extends RecordType> = Extract<AnyRecord, { type: T }>;

export const RECORD_SCHEMAS: { [T in RecordType]: v.GenericSchema<unknown, RecordOf<T>> } = {
  group: groupSchema,
  membership: membershipSchema,
  request: requestSchema,
  offer: offerSchema,
  task: taskSchema,
  log: logSchema,
};

/** Validate an untrusted record of a known type (from a form, a push, or a pulled page). */
export function parseRecord<T extends RecordType>(type: T, input: unknown): Validated<RecordOf<T>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', code: 'invalid_type' }] };
  }
  return validate(RECORD_SCHEMAS[type], input) as Validated<RecordOf<T>>;
}
