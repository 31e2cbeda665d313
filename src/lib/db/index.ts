/**
 * The device database (Dexie): schema history, row types, local fields, the outbox.
 * Pages use src/lib/services; the sync engine uses this module directly.
 */
export { NeighborlyDB, DATABASE_NAME, db, useDatabase } from './database';
export { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, CURRENT_VERSION } from './schema';
export * from './rows';
export {
  toRow,
  toWire,
  requestLocal,
  requestText,
  requestSearchParts,
  taskLocal,
  requestSortKey,
  neighborhoodKey,
  NO_DAY,
} from './local-fields';
export { tokenize, searchText, textQuery, matchesText, type TextQuery } from './words';
export { getMeta, setMeta, deleteMeta } from './meta';
export { tableOf, tableNameOf, RECORD_TABLES, type RecordTableName } from './tables';
export {
  commitLocal,
  outboxEntries,
  outboxCount,
  isPending,
  pendingRecordIds,
  pendingFor,
} from './outbox';
export { liveQuery } from './live';
