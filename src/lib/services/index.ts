/**
 * The data layer's public API: pages import from here (never from dexie or fetch).
 * Reads return promises over the device's database: wrap them in `liveQuery` (re-exported)
 * to re-render on change. Writes validate with src/lib/domain, then store the record AND its
 * outbox entry in one transaction; they work offline and return errors as values
 * (`ServiceResult`: `{ ok: true, record } | { ok: false, code, errors? }`).
 *
 * Reads (src/lib/db/queries)
 *   listMyGroups, getGroup, listMembers, memberNames           groups & members
 *   listBoard, countByStatus, countBoard, boardNeighborhoods   needs board (filters, search, pages)
 *   suggestOpenRequests                                        "other open requests" after a lost claim
 *   getRequestDetail                                           request + timeline + my actions
 *   listOffers, getOffer, offerMatches, matchesForOffer,       offers and what they could meet
 *   isNearby
 *   listMyTasks                                                my tasks: today / upcoming / done
 *   listGroupTasks, getTask, listGroupJobs, getJobDetail        a group's tasks (jobs)
 *   outboxCount, isPending, pendingRecordIds                   "N changes waiting to sync"
 *   listConflicts, conflictsFor, conflictCount,
 *   listNotices, unreadNoticeCount, markNoticeRead, dismissNotice
 *   getSession, getSessionUser, getSettings, setLocale, getSyncState, setSyncState,
 *   getStorageState, setStorageState, getCachedDirectory
 *   exportMyData                                               JSON export of the device's data
 *
 * Local writes (offline-first, queued for sync)
 *   createRequest, updateRequest, transitionRequest (REQUEST_ACTION_TARGET)
 *   appendLog, archiveRecord
 *   offerHelp, withdrawHelpOffer, helpOffersOf                 "I can help" where members may not claim
 *   createOffer, updateOffer, setOfferStatus
 *   createTask, updateTask, transitionTask (TASK_ACTION_TARGET)
 *   updateGroupSettings, updateMyProfile, resolveConflict
 *   applyLocal, actorIn, sessionUser                           replay a mutation (sync rebase)
 *
 * Online-only (API, results stored on the device)
 *   signUp, signIn, signOut, clearLocalData, refreshMe
 *   signOutHere (an offline sign-out ends the server session at the next connection:
 *   sendPendingSignOut), signOutEverywhere
 *   createGroup, previewInvite, joinByCode, listInvites, createInvite, revokeInvite,
 *   approveMember, removeMember, changeRole, searchDirectory (offline: searchCachedDirectory)
 *
 * On this tab only: saveDraft, loadDraft, clearDraft            unsent form drafts (sessionStorage)
 *
 * Test/support: setClock, nowIso, today
 */
export { liveQuery, type Observable } from '../db/live';
export * from '../db/queries/board';
export * from '../db/queries/export';
export * from '../db/queries/groups';
export * from '../db/queries/inbox';
export * from '../db/queries/my-tasks';
export * from '../db/queries/tasks';
export * from '../db/queries/offers';
export * from '../db/queries/request-detail';
export * from '../db/queries/session';
export { outboxCount, isPending, pendingRecordIds } from '../db/outbox';

export * from './result';
export { setClock, nowIso, today } from './clock';
export { applyLocal, type LocalOutcome } from './apply-local';
export { actorIn, sessionUser, type ActorContext } from './actor';
export * from './requests';
export * from './logs';
export * from './offer-help';
export * from './archive';
export * from './offers';
export * from './tasks';
export * from './groups';
export * from './conflicts';
export * from './account';
export * from './group-admin';
export * from './directory';
export * from './drafts';
export * from './sign-out';
