import type { RecordType } from './record-base';
import type { FieldError } from './validation';

/*
 * Whether a mutation fits what it acts on, before any record is read: the first check of
 * the phone's optimistic write and of the server's decision alike (see mutations.ts).
 */

export type MutationKind = 'create' | 'update' | 'transition' | 'append' | 'archive';

/** A mutation's envelope: what it acts on. */
export interface MutationEnvelope {
  op: MutationKind;
  type: RecordType;
  id: string;
  groupId: string;
}

/** Why an op does not fit its record type; each is refused as `invalid`, field `type`. */
export type OpMisfit = 'logs_are_appended' | 'only_logs_are_appended' | 'no_lifecycle';

/** Logs are appended, never created; only logs are appended; only requests and tasks move. */
export function opMisfit(op: MutationKind, type: RecordType): OpMisfit | null {
  if (op === 'create' && type === 'log') return 'logs_are_appended';
  if (op === 'append' && type !== 'log') return 'only_logs_are_appended';
  if (op === 'transition' && type !== 'request' && type !== 'task') return 'no_lifecycle';
  return null;
}

export function misfitErrors(misfit: OpMisfit): FieldError[] {
  return [{ path: 'type', code: misfit }];
}

/** A record sent with a create or append must be the one its envelope names. */
export function envelopeErrors(envelope: MutationEnvelope, record: Record<string, unknown>) {
  const errors: FieldError[] = [];
  if (record.id !== envelope.id) errors.push({ path: 'record.id', code: 'invalid_format' });
  if (record.type !== envelope.type) errors.push({ path: 'record.type', code: 'invalid_choice' });
  if (record.groupId !== envelope.groupId)
    errors.push({ path: 'record.groupId', code: 'invalid_format' });
  return errors;
}
