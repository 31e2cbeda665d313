/**
 * The versioned Dexie schema. Every version ever shipped stays here as history: Dexie needs
 * the chain to upgrade an old database. Add a version; never edit a shipped one.
 */

/** Version 1: the tables of DESIGN.md's records with the first local fields (`_rank`, `_words`). */
export const SCHEMA_V1 = {
  groups: 'id',
  memberships: 'id, groupId, userId, [groupId+userId], [groupId+status]',
  requests:
    'id, groupId, [groupId+status], [groupId+status+category], [groupId+_rank+neededBy], requesterId, assigneeId, [groupId+assigneeId], *_words',
  offers: 'id, groupId, [groupId+status], [groupId+category], createdBy',
  tasks: 'id, groupId, [groupId+status], assigneeId, requestId',
  logs: 'id, groupId, parentId, [parentId+at]',
  outbox: '++seq, &mid, recordId, groupId',
  conflicts: '++id, recordId, groupId',
  notices: '++id, recordId, createdAt',
  meta: 'key',
} as const;

/**
 * Version 2: one sortable key per request (`_sort`) and a board partition (`_state`), so the
 * needs board pages in index order per status (and per category or neighbourhood) without
 * loading the group; tasks get `_day`.
 * `null` neededBy cannot be an IndexedDB key, which is why v1's `[groupId+_rank+neededBy]`
 * left undated requests out; `_sort` puts them last instead.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  requests: `${SCHEMA_V1.requests}, [groupId+_state+_sort], [groupId+_state+category+_sort], [groupId+_state+_hood+_sort], [groupId+_sort]`,
  tasks: `${SCHEMA_V1.tasks}, [assigneeId+_day]`,
} as const;

/**
 * Version 3: requests keep only the indexes a query reads, since every index is paid for on
 * every write and a first sync writes thousands of rows:
 * - the board's three `[groupId+_state+…+_sort]` ranges;
 * - `groupId` (a lost group's purge: `anyOf` over a compound index's first part fails);
 * - `requesterId` and `assigneeId` ("mine", my tasks).
 * Gone: v1's `[groupId+status]`, `[groupId+status+category]` (offers now read the board's
 * category range), `[groupId+_rank+neededBy]`, `[groupId+assigneeId]`, v2's
 * `[groupId+_sort]`, and `*_words`: a multi-entry entry per word of every request cost
 * most of a first sync. Search reads the board ranges in `_sort` order and matches each
 * row's `_text` in memory, stopping once a page is full.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  requests:
    'id, groupId, requesterId, assigneeId, [groupId+_state+_sort], [groupId+_state+category+_sort], [groupId+_state+_hood+_sort]',
} as const;

export const CURRENT_VERSION = 3;
