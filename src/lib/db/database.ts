import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  ConflictEntry,
  GroupRow,
  LogRow,
  MembershipRow,
  MetaRow,
  NoticeEntry,
  OfferRow,
  OutboxEntry,
  RequestRow,
  TaskRow,
} from './rows';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './schema';
import { requestLocal, requestText, taskLocal } from './local-fields';
import type { Request, Task } from '../domain';

export const DATABASE_NAME = 'neighborly';

/** The device's database: one per browser profile; signing out deletes its contents. */
export class NeighborlyDB extends Dexie {
  groups!: EntityTable<GroupRow, 'id'>;
  memberships!: EntityTable<MembershipRow, 'id'>;
  requests!: EntityTable<RequestRow, 'id'>;
  offers!: EntityTable<OfferRow, 'id'>;
  tasks!: EntityTable<TaskRow, 'id'>;
  logs!: EntityTable<LogRow, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  conflicts!: EntityTable<ConflictEntry, 'id'>;
  notices!: EntityTable<NoticeEntry, 'id'>;
  meta!: Table<MetaRow, string>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // v1 rows lack the board key and the task day: derive them from the record itself.
        await tx
          .table('requests')
          .toCollection()
          .modify((row: RequestRow) => {
            // Only the fields v2 adds: v1's own local fields stay as they were written.
            const { _state, _sort, _hood } = requestLocal(row as Request);
            row._state = _state;
            row._sort = _sort;
            row._hood = _hood;
          });
        await tx
          .table('tasks')
          .toCollection()
          .modify((row: TaskRow) => {
            Object.assign(row, taskLocal(row as Task));
          });
      });
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        // `_words` (and its index) gave way to `_text`: derive it, drop the old tokens.
        await tx
          .table('requests')
          .toCollection()
          .modify((row: RequestRow & { _words?: string[] }) => {
            const text = requestText(row);
            if (text === undefined) delete row._text;
            else row._text = text;
            delete row._words;
          });
      });
  }
}

let current: NeighborlyDB | null = null;

/** The app's database (opened lazily on first use). */
export function db(): NeighborlyDB {
  current ??= new NeighborlyDB();
  return current;
}

/**
 * Point the data layer at another database (tests: a fresh name per test). Closes the
 * previous one. Returns the new database.
 */
export function useDatabase(name: string): NeighborlyDB {
  current?.close();
  current = new NeighborlyDB(name);
  return current;
}
