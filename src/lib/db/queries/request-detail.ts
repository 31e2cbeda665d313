import {
  availableRequestActions,
  can,
  decideRequestAction,
  editableFields,
  type Group,
  type Log,
  type Request,
  type RequestAction,
} from '../../domain';
import { db } from '../database';
import { toWire } from '../local-fields';
import { pendingRecordIds } from '../outbox';
import { getGroup } from './groups';

export type TimelineEntry = Log & { pending: boolean };

export interface RequestDetail {
  request: Request;
  group: Group | null;
  /** The request has changes waiting to sync (e.g. a claim made offline). */
  pending: boolean;
  /** Its log, oldest first (by `at`); entries not yet synced are marked. */
  timeline: TimelineEntry[];
  /** Exactly the transitions my role, the group's settings and the status allow. */
  actions: RequestAction[];
  canEdit: boolean;
  /** The fields my edit may change (the domain's `editableFields`). */
  editable: readonly string[];
  /**
   * I could take it on, but the group has coordinators assign errands: offer help instead
   * (the only thing between me and `claim` is the group's `claiming` setting).
   */
  claimNeedsCoordinator: boolean;
  canLog: boolean;
  canArchive: boolean;
  /** Display names of the people in it (requester, assignee, log authors) by user id. */
  names: Record<string, string>;
}

/** A request with its timeline and what I may do with it; null when not on this device. */
export async function getRequestDetail(id: string): Promise<RequestDetail | null> {
  const database = db();
  const row = await database.requests.get(id);
  if (!row) return null;
  const request = toWire(row) as Request;
  const [view, logs, pending] = await Promise.all([
    getGroup(request.groupId),
    database.logs.where('[parentId+at]').between([id, ''], [id, '\uffff']).toArray(),
    pendingRecordIds(),
  ]);
  const actor = view?.actor ?? null;
  const group = view?.group ?? null;
  const people = new Set<string>(logs.map((l) => l.createdBy));
  for (const userId of [request.requesterId, request.assigneeId, request.createdBy]) {
    if (userId) people.add(userId);
  }
  const members = await database.memberships
    .where('[groupId+userId]')
    .anyOf([...people].map((u) => [request.groupId, u]))
    .toArray();
  return {
    request,
    group,
    pending: pending.has(id),
    timeline: logs.map((l) => ({ ...(toWire(l) as Log), pending: pending.has(l.id) })),
    actions: actor && group ? availableRequestActions(actor, request, group) : [],
    canEdit: actor ? editableFields(actor, request).length > 0 : false,
    editable: actor ? editableFields(actor, request) : [],
    claimNeedsCoordinator:
      !!actor &&
      !!group &&
      !decideRequestAction(actor, 'claim', request, group).ok &&
      decideRequestAction(actor, 'claim', request, { ...group, claiming: 'anyone' }).ok,
    canLog: actor ? can(actor, 'append_log', request) : false,
    canArchive: actor ? can(actor, 'archive', request) : false,
    names: Object.fromEntries(members.map((m) => [m.userId, m.displayName])),
  };
}
