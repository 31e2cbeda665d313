import type {
  AnyRecord,
  Group,
  Log,
  Membership,
  Offer,
  Request,
  Task,
  FieldConflict,
  RecordType,
} from '../domain';
import type { DirectoryResponse, MembershipSummary, Mutation, User } from '../protocol';

/**
 * Rows are the domain record plus local-only fields whose names start with `_`.
 * The server rejects `_` fields: everything sent goes through `toWire`.
 */
export type GroupRow = Group;
export type MembershipRow = Membership;
export type OfferRow = Offer;
export type LogRow = Log;

export interface RequestLocal {
  /** URGENCY_RANK of the urgency: 0 urgent, 1 soon, 2 flexible. */
  _rank: number;
  /**
   * Title, details, neighbourhood, category and on-behalf-of, folded for search (lower case,
   * no accents, words each after one space: see `searchText`); absent when that text is
   * plain ASCII, which a search matches as it is. Replaced v1's `_words`, whose multi-entry
   * index cost most of a first sync. (v3)
   */
  _text?: string;
  /** `status`, or `archived` for an archived request: the board's partition key. (v2) */
  _state: string;
  /** Sort key: rank, needed-by (none last), createdAt, id; one string, ascending. (v2) */
  _sort: string;
  /** The neighbourhood, trimmed and lower-cased, for the board's filter index. (v2) */
  _hood: string;
}
export type RequestRow = Request & RequestLocal;

export interface TaskLocal {
  /** The due day, or '9999-12-31' when none: "no date" sorts last and counts as upcoming. (v2) */
  _day: string;
}
export type TaskRow = Task & TaskLocal;

export type AnyRow = GroupRow | MembershipRow | RequestRow | OfferRow | TaskRow | LogRow;
export type RowOf<T extends RecordType> = Extract<AnyRow, { type: T }>;

/** One local change waiting to be pushed; drained in `seq` order by the sync engine. */
export interface OutboxEntry {
  seq?: number;
  mid: string;
  /** Wire form (already `toWire`d). */
  mutation: Mutation;
  recordId: string;
  groupId: string;
  createdAt: string;
  attempts: number;
  lastError?: string;
  /**
   * The server's version of the record when this change was made (wire form), or null when
   * the server had none (a record made on this device). Kept current when a newer server
   * version arrives while the change waits (write-versions.ts). A change the server refuses
   * without sending the record (`not_found`, `invalid`) is rolled back to it. Absent on
   * entries queued before it existed, and on creates and appends.
   */
  base?: AnyRecord | null;
}

/** A field the server merged differently from what this device wrote. */
export interface ConflictEntry {
  id?: number;
  recordId: string;
  type: RecordType;
  groupId: string;
  field: string;
  yours: unknown;
  theirs: unknown;
  createdAt: string;
}

/** Something the user must be told: a rejection, a lost claim, a removal. */
export interface NoticeEntry {
  id?: number;
  mid: string;
  recordId: string;
  groupId: string;
  code: string;
  message: string;
  holder?: { userId: string; displayName: string };
  createdAt: string;
  read: boolean;
}

export interface SessionMeta {
  user: User;
  signedInAt: string;
}
export interface SyncMeta {
  /** Opaque pull cursor from the server. */
  cursor: string | null;
  lastSyncedAt: string | null;
}
export interface SettingsMeta {
  locale: string | null;
}
export interface DirectoryMeta {
  groups: DirectoryResponse['groups'];
  fetchedAt: string;
  /** The query the cache was fetched with ('' = everything listed). */
  query: string;
}
export interface StorageMeta {
  persisted: boolean | null;
  checkedAt: string;
}

/**
 * What `GET /me` said about my groups, so "My groups" works offline before the first pull
 * brings the membership and group records.
 */
export interface MembershipsMeta {
  memberships: MembershipSummary[];
  fetchedAt: string;
}

/** Values of the `meta` key-value table, keyed by their key. */
export interface MetaValues {
  session: SessionMeta;
  memberships: MembershipsMeta;
  sync: SyncMeta;
  settings: SettingsMeta;
  directory: DirectoryMeta;
  storage: StorageMeta;
}
export type MetaKey = keyof MetaValues;
export interface MetaRow<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

export type { AnyRecord, FieldConflict };
