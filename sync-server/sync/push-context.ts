import type { Actor, AnyRecord, Group } from '../../src/lib/domain';
import type { ServerContext } from '../context';
import { loadGroup } from '../groups/group-records';
import { actorOf, getMember } from '../store/members';
import { docIds, type CreationDoc } from '../store/system-docs';

/** A record as its create made it, to keep before its first change (see CreationDoc). */
export interface Creation {
  userId: string;
  mid: string;
  record: AnyRecord;
}

/**
 * Per-push cache of what every mutation of one group needs: the caller as an actor (from
 * the memberships index, read once per push so a removal mid-push is seen at the next
 * push) and the stored group record (re-read after the push changes it).
 */
export class PushScope {
  private readonly actors = new Map<string, Promise<Actor>>();
  private readonly groups = new Map<string, Promise<Group | undefined>>();
  /** Creations this push must keep (written with its idempotency records). */
  readonly creations: Creation[] = [];

  constructor(
    readonly context: ServerContext,
    readonly userId: string,
  ) {}

  actor(groupId: string): Promise<Actor> {
    let actor = this.actors.get(groupId);
    if (!actor) {
      actor = getMember(this.context, this.userId, groupId).then((m) => actorOf(this.userId, m));
      this.actors.set(groupId, actor);
      actor.catch(() => this.actors.delete(groupId));
    }
    return actor;
  }

  group(groupId: string): Promise<Group | undefined> {
    let group = this.groups.get(groupId);
    if (!group) {
      group = loadGroup(this.context, groupId);
      this.groups.set(groupId, group);
      group.catch(() => this.groups.delete(groupId));
    }
    return group;
  }

  forgetGroup(groupId: string): void {
    this.groups.delete(groupId);
  }

  /** The record as the caller's create `mid` made it, if it was kept (see CreationDoc). */
  async creation(mid: string): Promise<AnyRecord | undefined> {
    const doc = await this.context.couch.get<CreationDoc>(
      this.context.names.idempotency,
      docIds.idempotency(this.userId, mid),
    );
    return doc?.kind === 'created' ? doc.record : undefined;
  }
}
