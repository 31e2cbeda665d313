import type { Actor } from './actor';
import { isActiveMember, isCoordinator } from './actor';
import type { Group } from './group';
import { groupSettingsEntries } from './group';
import { decideHelpAction, HELP_ACTIONS, type HelpAction } from './help-offers';
import type { LifecycleAction } from './log';
import { MEMBER_PROFILE_FIELDS } from './membership';
import { OFFER_EDITABLE_FIELDS } from './offer';
import type { AnyRecord } from './record';
import { REQUEST_EDITABLE_FIELDS } from './request';
import { decideRequestAction, REQUEST_ACTIONS } from './request-lifecycle';
import { TASK_EDITABLE_FIELDS } from './task';
import { decideTaskAction, TASK_ACTIONS } from './task-lifecycle';

/** Record-level actions of DESIGN.md's permission table: the group's settings play no part. */
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

/** The group settings the permission table depends on (who may claim). */
export type GroupRules = Pick<Group, 'claiming'>;

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
 * `can(actor, action, record, group)`: the permission table as one function. Lifecycle moves
 * (claim, approve, …) ask whether the move is allowed now, in the record's current status and
 * under the group's `claiming` setting, and so need `group`; the record-level actions do not.
 * `approve` does not depend on `requestsNeedApproval`: that setting decides only whether a new
 * request starts `new`, and a `new` request stays approvable after the setting is turned off.
 * `offer_help` and `withdraw_offer` (help-offers.ts) also depend on `claiming`: a member offers
 * where they may not claim.
 */
export function can(actor: Actor, action: Action, record: AnyRecord, group?: GroupRules): boolean;
export function can(
  actor: Actor,
  action: LifecycleAction | HelpAction,
  record: AnyRecord,
  group: GroupRules,
): boolean;
export function can(
  actor: Actor,
  action: Action | LifecycleAction | HelpAction,
  record: AnyRecord,
  group?: GroupRules,
): boolean {
  if (isHelpAction(action)) {
    return (
      group !== undefined &&
      (record.type === 'request' || record.type === 'task') &&
      decideHelpAction(actor, action, record, group).ok
    );
  }
  if (isLifecycleAction(action))
    return group !== undefined && canMove(actor, action, record, group);
  return canOnRecord(actor, action, record);
}

const HELP_ACTION_SET: ReadonlySet<string> = new Set<string>(HELP_ACTIONS);

function isHelpAction(action: string): action is HelpAction {
  return HELP_ACTION_SET.has(action);
}

const LIFECYCLE_ACTIONS: ReadonlySet<string> = new Set<string>(REQUEST_ACTIONS);

function isLifecycleAction(action: Action | LifecycleAction): action is LifecycleAction {
  return LIFECYCLE_ACTIONS.has(action);
}

/** An assignment is asked about with the actor as the one named: what the buttons offer. */
function canMove(actor: Actor, action: LifecycleAction, record: AnyRecord, group: GroupRules) {
  const assigneeId = action === 'assign' ? actor.userId : undefined;
  if (record.type === 'request') {
    return decideRequestAction(actor, action, record, group, assigneeId).ok;
  }
  if (record.type === 'task') {
    const taskAction = TASK_ACTIONS.find((a) => a === action);
    return (
      taskAction !== undefined && decideTaskAction(actor, taskAction, record, group, assigneeId).ok
    );
  }
  return false;
}

function canOnRecord(actor: Actor, action: Action, record: AnyRecord): boolean {
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
