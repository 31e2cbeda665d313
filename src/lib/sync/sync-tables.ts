import { RECORD_TABLES } from '$lib/db/tables';

/** Every table a sync step touches: the records plus the outbox, inboxes and meta. */
export const SYNC_TABLES = [...RECORD_TABLES, 'outbox', 'conflicts', 'notices', 'meta'];
