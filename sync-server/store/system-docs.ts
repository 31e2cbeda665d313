import type { MutationResult } from '../../src/lib/protocol';
import type {
  AnyRecord,
  DirectoryCard,
  JoinPolicy,
  MembershipStatus,
  Role,
} from '../../src/lib/domain';
import type { CouchDoc } from '../couch/couch-client';

/*
 * Documents of the system database. Ids carry the keys they are looked up by, so every
 * lookup is a single GET or an `_all_docs` range (no view needed on the hot path):
 *   user:<userId>                 account
 *   login:<login>                 unique login → userId (CouchDB's unique _id is the lock)
 *   session:<userId>:<sha256>     one session; the token itself is never stored
 *   member:<userId>:<groupId>     memberships index used for authorization
 *   group:<groupId>               group registry + public directory card
 *   invite:<CODE>                 invite codes
 * and, in the separate idempotency database:
 *   idem:<userId>:<mid>           push idempotency: the result a mutation got, or, for a
 *                                 create or append, the record as it created it
 */
export interface UserDoc extends CouchDoc {
  kind: 'user';
  id: string;
  name: string;
  login: string;
  passwordHash: string;
  createdAt: string;
}

export interface LoginDoc extends CouchDoc {
  kind: 'login';
  userId: string;
}

export interface SessionDoc extends CouchDoc {
  kind: 'session';
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface MemberDoc extends CouchDoc {
  kind: 'member';
  userId: string;
  groupId: string;
  membershipId: string;
  role: Role;
  status: MembershipStatus;
  /** Denormalized for GET /me; refreshed when the group is renamed. */
  groupName: string;
  updatedAt: string;
}

export interface GroupDoc extends CouchDoc {
  kind: 'group';
  groupId: string;
  name: string;
  listed: boolean;
  joinPolicy: JoinPolicy;
  card: DirectoryCard;
  createdBy: string;
  createdAt: string;
  /** The creator's membership id, fixed when the group is created so a retry reuses it. */
  creatorMembershipId?: string | undefined;
}

export interface InviteDoc extends CouchDoc {
  kind: 'invite';
  code: string;
  groupId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revoked: boolean;
}

export interface IdempotencyDoc extends CouchDoc {
  kind: 'idem';
  userId: string;
  mid: string;
  result: MutationResult;
  createdAt: string;
}

/**
 * The record as a create or append made it, kept only once the record is about to change
 * for the first time (until then the record's own document says it): a replay of that
 * create is answered with it. Unredacted; redacted for the caller when it answers a replay.
 */
export interface CreationDoc extends CouchDoc {
  kind: 'created';
  userId: string;
  mid: string;
  record: AnyRecord;
  createdAt: string;
}

export const docIds = {
  user: (userId: string) => `user:${userId}`,
  login: (login: string) => `login:${login}`,
  session: (userId: string, tokenHash: string) => `session:${userId}:${tokenHash}`,
  sessionsOf: (userId: string) => `session:${userId}:`,
  member: (userId: string, groupId: string) => `member:${userId}:${groupId}`,
  membersOf: (userId: string) => `member:${userId}:`,
  group: (groupId: string) => `group:${groupId}`,
  groupsPrefix: 'group:',
  invite: (code: string) => `invite:${code}`,
  idempotency: (userId: string, mid: string) => `idem:${userId}:${mid}`,
};

/** `_all_docs` range for every id starting with `prefix`. */
export function prefixRange(prefix: string): { startkey: string; endkey: string } {
  return { startkey: prefix, endkey: `${prefix}\ufff0` };
}
