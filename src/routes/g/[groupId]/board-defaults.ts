import type { RequestStatus } from '$lib/domain';

/** Rows per page of the needs board ("Show more" adds another). */
export const PAGE = 50;
/** The board's statuses until the user picks others: what still needs doing. */
export const ACTIVE: RequestStatus[] = ['new', 'open', 'claimed', 'in_progress'];
