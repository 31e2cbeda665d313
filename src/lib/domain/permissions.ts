import type { Actor } from './actor';
import { isActiveMember, isCoordinator } from './actor';
import { MEMBER_PROFILE_FIELDS } from './membership';
import { OFFER_EDITABLE_FIELDS } from './offer';
import type { AnyRecord } from './record';
import { REQUEST_EDITABLE_FIELDS } from './request';
import { TASK_EDITABLE_FIELDS } from './task';
import { groupSettingsEntries } from './group';

/**
 * Record-level actions of DESIGN.md's permission table. Lifecycle moves (claim, release, …)
 * are decided by `decideRequestAction` / `decideTaskAction`, which use the same actor model.
 */
export type Action =
  | 'view'
  | 'view_private'
  | 'create'
  | 'create_on_behalf'
  | 'edit'
  | 'archive'
  | 'append_log'
  | 'manage_members'
  | 'manage_invites'
  | 'edit_group';

/** The parent a log is appended to: a request or a task. */
export type LogParent = Extract<AnyRecord, { type: 'request' | 'task' }>;

function isRequesterOf(actor: Actor, record: AnyRecord): boolean {
  return record.type === 'request' && record.requesterId === actor.userId;
}

function isAssigneeOf(actor: Actor, record: AnyRecord): boolean {
  return (
    (record.type === 'request' || record.type === 'task') &&
    record.assigneeId !== null &&
    record.assigneeId === actor.userId
  );
}

/**
 * `can(actor, action, record)`: the permission table as one function. The group's settings
 * matter only for lifecycle moves (see the lifecycle modules), so they are not needed here.
 */
export function can(actor: Actor, action: Action, record: AnyRecord): boolean {
  if (!isActiveMember(actor)) return false;
  const coordinator = isCoordinator(actor);
  switch (action) {
    case 'view':
      return true;
    case 'view_private':
      if (record.type === 'request') {
        return coordinator || isRequesterOf(actor, record) || isAssigneeOf(actor, record);
      }
      if (record.type === 'membership') return coordinator || record.userId === actor.userId;
      return true;
    case 'create':
      switch (record.type) {
        case 'request':
          return record.onBehalfOf !== null ? coordinator : record.requesterId === actor.userId;
        case 'offer':
          return record.createdBy === actor.userId;
        case 'task':
          return coordinator;
        case 'log':
          return false; // logs are appended to a parent: see 'append_log'
        case 'group':
        case 'membership':
          return false; // made by the server when a group is created or joined
      }
      return false;
    case 'create_on_behalf':
    case 'manage_members':
    case 'manage_invites':
    case 'edit_group':
      return coordinator;
    case 'edit':
      switch (record.type) {
        case 'request':
          return coordinator || isRequesterOf(actor, record);
        case 'offer':
          return coordinator || record.createdBy === actor.userId;
        case 'task':
          return coordinator || record.createdBy === actor.userId;
        case 'group':
          return coordinator;
        case 'membership':
          return record.userId === actor.userId;
        case 'log':
          return false; // append-only
      }
      return false;
    case 'archive':
      switch (record.type) {
        case 'request':
        case 'offer':
          return coordinator || record.createdBy === actor.userId || isRequesterOf(actor, record);
        case 'task':
        case 'group':
          return coordinator;
        case 'membership':
        case 'log':
          return false;
      }
      return false;
    case 'append_log':
      if (record.type !== 'request' && record.type !== 'task') return false;
      return coordinator || isRequesterOf(actor, record) || isAssigneeOf(actor, record);
  }
}

/** Which fields `actor` may change with an `update` on `record` (empty: none). */
export function editableFields(actor: Actor, record: AnyRecord): readonly string[] {
  if (!can(actor, 'edit', record)) return [];
  switch (record.type) {
    case 'request':
      return REQUEST_EDITABLE_FIELDS.filter(
        (f) => f !== 'onBehalfOf' || (isCoordinator(actor) && record.onBehalfOf !== null),
      );
    case 'offer':
      return OFFER_EDITABLE_FIELDS;
    case 'task':
      return TASK_EDITABLE_FIELDS;
    case 'group':
      return Object.keys(groupSettingsEntries);
    case 'membership':
      return MEMBER_PROFILE_FIELDS;
    case 'log':
      return [];
  }
}
