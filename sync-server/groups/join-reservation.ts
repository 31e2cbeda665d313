import { randomUUID } from 'node:crypto';
import { newId, type MembershipStatus } from '../../src/lib/domain';
import type { ServerContext } from '../context';
import { writeMemberIndex } from '../store/members';
import { docIds, type MemberDoc } from '../store/system-docs';

/**
 * A join takes the caller's memberships-index entry (`member:<user>:<group>`, unique by id)
 * before it counts an invite use or writes a record, so of several joins at once exactly one
 * goes on and the others answer `already_member`. The reservation grants nothing (its status
 * is `removed`) and carries the membership id, so a join that died half-way is finished by
 * the next one with the same record instead of a second one.
 */
export interface Reservation {
  userId: string;
  groupId: string;
  membershipId: string;
  token: string;
}

interface Joining {
  token: string;
  at: string;
}

/** A join that has not finished in this long died half-way; the next join takes over. */
export const RESERVATION_MS = 30_000;

function joiningOf(doc: MemberDoc): Joining | undefined {
  const joining = doc.joining as Partial<Joining> | undefined;
  return typeof joining?.token === 'string' && typeof joining.at === 'string'
    ? { token: joining.token, at: joining.at }
    : undefined;
}

function withoutJoining(doc: MemberDoc): MemberDoc {
  const { joining: _joining, ...rest } = doc;
  return rest as MemberDoc;
}

/** True while `doc` belongs to someone: a member, a pending one, or a join in progress. */
export function isTaken(doc: MemberDoc | undefined, now = Date.now()): boolean {
  if (!doc) return false;
  if (doc.status !== 'removed') return true;
  const joining = joiningOf(doc);
  return joining !== undefined && Date.parse(joining.at) > now - RESERVATION_MS;
}

/** Reserves the caller's entry, or answers undefined when it is taken (already a member). */
export async function reserveMembership(
  context: ServerContext,
  key: { userId: string; groupId: string },
  groupName: string,
): Promise<Reservation | undefined> {
  const token = randomUUID();
  const entry = await writeMemberIndex(context, key, (stored) => {
    if (isTaken(stored)) return undefined;
    return {
      _id: docIds.member(key.userId, key.groupId),
      kind: 'member',
      userId: key.userId,
      groupId: key.groupId,
      // Someone re-joining keeps their old record; a join that died keeps its new one.
      membershipId: stored?.membershipId ?? newId(),
      role: stored?.role ?? 'member',
      status: 'removed',
      groupName,
      updatedAt: '',
      joining: { token, at: new Date().toISOString() } satisfies Joining,
    };
  });
  if (!entry || joiningOf(entry)?.token !== token) return undefined;
  return { ...key, membershipId: entry.membershipId, token };
}

/** Gives the entry back as it was before (removed) when the join failed. */
export async function releaseReservation(
  context: ServerContext,
  reservation: Reservation,
): Promise<void> {
  await writeMemberIndex(context, reservation, (stored) =>
    stored && joiningOf(stored)?.token === reservation.token ? withoutJoining(stored) : undefined,
  );
}

/**
 * Turns the reservation into the member's standing. Answers undefined when it was lost (the
 * join took longer than RESERVATION_MS and another one took over).
 */
export async function completeReservation(
  context: ServerContext,
  reservation: Reservation,
  status: MembershipStatus,
): Promise<MemberDoc | undefined> {
  const entry = await writeMemberIndex(context, reservation, (stored) =>
    stored && joiningOf(stored)?.token === reservation.token
      ? { ...withoutJoining(stored), role: 'member', status }
      : undefined,
  );
  return entry && !joiningOf(entry) && entry.status === status ? entry : undefined;
}
