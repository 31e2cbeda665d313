import type { RecordType } from '../domain';
import type { NeighborlyDB } from './database';
import type { RowOf } from './rows';
import type { EntityTable } from 'dexie';

const TABLE_OF = {
  group: 'groups',
  membership: 'memberships',
  request: 'requests',
  offer: 'offers',
  task: 'tasks',
  log: 'logs',
} as const satisfies Record<RecordType, string>;

export type RecordTableName = (typeof TABLE_OF)[RecordType];
export const RECORD_TABLES = Object.values(TABLE_OF) as RecordTableName[];

/** The table that stores records of `type`. */
export function tableOf<T extends RecordType>(
  database: NeighborlyDB,
  type: T,
): EntityTable<RowOf<T>, 'id'> {
  return database.table(TABLE_OF[type]) as unknown as EntityTable<RowOf<T>, 'id'>;
}

export function tableNameOf(type: RecordType): RecordTableName {
  return TABLE_OF[type];
}
