import { directoryCard, type Group, type Membership } from '../../src/lib/domain';
import type { ServerContext } from '../context';
import { ConflictError } from '../couch/errors';
import { getMember } from '../store/members';
import { docToRecord, getRecord, putRecord } from '../store/record-docs';
import { docIds, type GroupDoc } from '../store/system-docs';

/** The stored group record, or undefined. */
export async function loadGroup(
  context: ServerContext,
  groupId: string,
): Promise<Group | undefined> {
  // A group database that does not exist (an unknown id) reads as "no group" (404).
  const doc = await getRecord(context.couch, context.names.group(groupId), groupId);
  if (!doc || doc.type !== 'group') return undefined;
  return docToRecord(doc) as Group;
}

export async function loadMembership(
  context: ServerContext,
  groupId: string,
  membershipId: string,
): Promise<Membership | undefined> {
  const doc = await getRecord(context.couch, context.names.group(groupId), membershipId);
  if (!doc || doc.type !== 'membership') return undefined;
  return docToRecord(doc) as Membership;
}

/**
 * Read-modify-write of a membership record in the group database with the `_rev` lock:
 * `change` sees the latest stored version at every retry.
 */
export async function updateMembership(
  context: ServerContext,
  groupId: string,
  membershipId: string,
  change: (current: Membership) => Membership,
): Promise<Membership | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    const current = await loadMembership(context, groupId, membershipId);
    if (!current) return undefined;
    const changed = change(current);
    // Nothing to write (a retried approve/remove): keep the record and its rev as they are.
    if (
      JSON.stringify({ ...changed, updatedAt: '' }) ===
      JSON.stringify({ ...current, updatedAt: '' })
    ) {
      return current;
    }
    const next = { ...changed, updatedAt: new Date().toISOString() };
    try {
      return (await putRecord(
        context.couch,
        context.names.group(groupId),
        next,
        current.rev,
      )) as Membership;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 10) throw error;
    }
  }
}

/**
 * Brings the group's membership record in line with the memberships index, which is written
 * first and decides. The entry is read after the record at every attempt, so whichever of
 * two racing changes writes the record last writes the standing that won in the index.
 */
export async function mirrorStanding(
  context: ServerContext,
  groupId: string,
  key: { userId: string; membershipId: string },
): Promise<Membership | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    const current = await loadMembership(context, groupId, key.membershipId);
    if (!current) return undefined;
    const entry = await getMember(context, key.userId, groupId);
    if (!entry || (entry.role === current.role && entry.status === current.status)) {
      return current;
    }
    const next = {
      ...current,
      role: entry.role,
      status: entry.status,
      updatedAt: new Date().toISOString(),
    };
    try {
      return (await putRecord(
        context.couch,
        context.names.group(groupId),
        next,
        current.rev,
      )) as Membership;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 20) throw error;
    }
  }
}

/** Writes a new record, or answers the one already stored under its id (a retry). */
export async function putIfAbsent<T extends Group | Membership>(
  context: ServerContext,
  groupId: string,
  record: T,
): Promise<T> {
  const db = context.names.group(groupId);
  try {
    return (await putRecord(context.couch, db, record, undefined)) as T;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const stored = await getRecord(context.couch, db, record.id);
    if (!stored) throw error;
    return docToRecord(stored) as T;
  }
}

/** Keeps the registry / directory entry of a group in step with its record. */
export async function writeGroupRegistry(context: ServerContext, group: Group): Promise<void> {
  const id = docIds.group(group.id);
  for (let attempt = 0; ; attempt += 1) {
    const stored = await context.couch.get<GroupDoc>(context.names.system, id);
    const doc: GroupDoc = {
      _id: id,
      kind: 'group',
      groupId: group.id,
      name: group.name,
      listed: group.listed && !group.archived,
      joinPolicy: group.joinPolicy,
      card: directoryCard(group),
      createdBy: stored?.createdBy ?? group.createdBy,
      createdAt: stored?.createdAt ?? group.createdAt,
      creatorMembershipId: stored?.creatorMembershipId,
    };
    if (stored?._rev) doc._rev = stored._rev;
    try {
      await context.couch.put(context.names.system, doc);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 10) throw error;
    }
  }
}
