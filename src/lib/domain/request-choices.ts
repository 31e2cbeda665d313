/*
 * A request's choices as plain constants, apart from its schema: the device database and
 * the first screen need them (sort ranks, status lists) without loading the validation
 * library that the schemas are built with.
 */
export const REQUEST_STATUSES = [
  'new',
  'open',
  'claimed',
  'in_progress',
  'done',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const URGENCIES = ['urgent', 'soon', 'flexible'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Sort rank: lower first on the needs board. */
export const URGENCY_RANK: Record<Urgency, number> = { urgent: 0, soon: 1, flexible: 2 };

export const CLOSE_REASONS = ['withdrawn', 'duplicate', 'referred', 'expired', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const RECURRENCES = ['weekly', 'fortnightly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
