import * as v from 'valibot';
import { LIMITS } from './limits';
import { baseEntries } from './record-base';
import { category, requiredText, text } from './validation';

export const OFFER_STATUSES = ['available', 'paused', 'closed'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const offerSchema = v.strictObject({
  ...baseEntries,
  type: v.literal('offer', 'invalid_choice'),
  category,
  title: requiredText(LIMITS.title),
  details: text(LIMITS.details),
  neighborhood: text(LIMITS.neighborhood),
  availability: text(LIMITS.availability),
  status: v.picklist(OFFER_STATUSES, 'invalid_choice'),
});
export type Offer = v.InferOutput<typeof offerSchema>;

/** An offer's status is a plain field: pausing or closing it is an `update` by its author. */
export const OFFER_EDITABLE_FIELDS = [
  'category',
  'title',
  'details',
  'neighborhood',
  'availability',
  'status',
] as const;
