import * as v from 'valibot';
import { LIMITS } from './limits';
import { baseEntries } from './record-base';
import { CLOSE_REASONS, RECURRENCES, REQUEST_STATUSES, URGENCIES } from './request-choices';
import { category, day, idSchema, requiredText, text } from './validation';

export {
  CLOSE_REASONS,
  RECURRENCES,
  REQUEST_STATUSES,
  URGENCIES,
  URGENCY_RANK,
  type CloseReason,
  type Recurrence,
  type RequestStatus,
  type Urgency,
} from './request-choices';

/** The part of a request that only coordinators, the requester and the assignee may see. */
export const requestPrivateSchema = v.strictObject({
  address: v.optional(text(LIMITS.address)),
  phone: v.optional(text(LIMITS.phone)),
  accessNotes: v.optional(text(LIMITS.accessNotes)),
});
export type RequestPrivate = v.InferOutput<typeof requestPrivateSchema>;

export const requestSchema = v.pipe(
  v.strictObject({
    ...baseEntries,
    type: v.literal('request', 'invalid_choice'),
    category,
    title: requiredText(LIMITS.title),
    details: text(LIMITS.details),
    neighborhood: text(LIMITS.neighborhood),
    urgency: v.picklist(URGENCIES, 'invalid_choice'),
    neededBy: v.nullable(day),
    contactless: v.boolean('invalid_type'),
    recurring: v.nullable(v.picklist(RECURRENCES, 'invalid_choice')),
    status: v.picklist(REQUEST_STATUSES, 'invalid_choice'),
    closeReason: v.nullable(v.picklist(CLOSE_REASONS, 'invalid_choice')),
    closeNote: text(LIMITS.closeNote),
    /** The member who asked; null when a coordinator entered it for a neighbour. */
    requesterId: v.nullable(idSchema),
    /** The neighbour's name when a coordinator entered the request on their behalf. */
    onBehalfOf: v.nullable(requiredText(LIMITS.onBehalfOf)),
    assigneeId: v.nullable(idSchema),
    /** Absent when redacted for the viewer (or never given). */
    private: v.optional(requestPrivateSchema),
  }),
  v.check((r) => (r.requesterId === null) !== (r.onBehalfOf === null), 'requester_or_on_behalf_of'),
);
export type Request = v.InferOutput<typeof requestSchema>;

/** Fields an `update` may change; status, assignee and close reason move only by transitions. */
export const REQUEST_EDITABLE_FIELDS = [
  'category',
  'title',
  'details',
  'neighborhood',
  'urgency',
  'neededBy',
  'contactless',
  'recurring',
  'onBehalfOf',
  'private',
] as const;
