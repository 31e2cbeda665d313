/**
 * The sync engine's inbox, as pages read it: refused changes and notices (with the record
 * they are about) and conflicts grouped per record. The sync engine owns these views; this
 * module is how components reach them, so no component imports src/lib/sync directly.
 * Not re-exported from the services index: its `markNoticeRead` is the engine's (the index
 * has the plain table one).
 */
export {
  listConflictGroups,
  listNoticeViews,
  markNoticeRead,
  type ConflictGroup,
  type NoticeView,
  type RecordRef,
} from '../sync/inbox-views';
export { GROUP_LOST } from '../sync/purge-groups';
