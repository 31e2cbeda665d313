import type { Group, Log, Membership, Offer, Request, Task } from '../../domain';
import type { Mutation, User } from '../../protocol';
import { db } from '../database';
import { toWire } from '../local-fields';
import type { ConflictEntry, NoticeEntry, SettingsMeta } from '../rows';

export interface DataExport {
  format: 'neighborly-export';
  version: 1;
  exportedAt: string;
  user: User | null;
  settings: SettingsMeta | null;
  groups: Group[];
  memberships: Membership[];
  requests: Request[];
  offers: Offer[];
  tasks: Task[];
  logs: Log[];
  /**
   * Changes made on this device that the server has not confirmed yet, as they will be
   * sent (local bookkeeping such as retry counts left out).
   */
  notYetSynced: { createdAt: string; mutation: Mutation }[];
  conflicts: ConflictEntry[];
  notices: NoticeEntry[];
}

/**
 * Everything this device holds for the signed-in user (the database is per user: signing
 * out clears it), without local-only fields, as one JSON-ready object. Works offline.
 */
export async function exportMyData(exportedAt: string): Promise<DataExport> {
  const database = db();
  return database.transaction('r', database.tables, async () => {
    const [session, settings] = await Promise.all([
      database.meta.get('session'),
      database.meta.get('settings'),
    ]);
    const strip = <T>(rows: object[]) => rows.map((r) => toWire(r) as T);
    return {
      format: 'neighborly-export' as const,
      version: 1 as const,
      exportedAt,
      user: (session?.value as { user: User } | undefined)?.user ?? null,
      settings: (settings?.value as SettingsMeta | undefined) ?? null,
      groups: strip<Group>(await database.groups.toArray()),
      memberships: strip<Membership>(await database.memberships.toArray()),
      requests: strip<Request>(await database.requests.toArray()),
      offers: strip<Offer>(await database.offers.toArray()),
      tasks: strip<Task>(await database.tasks.toArray()),
      logs: strip<Log>(await database.logs.toArray()),
      notYetSynced: (await database.outbox.orderBy('seq').toArray()).map((e) => ({
        createdAt: e.createdAt,
        mutation: e.mutation,
      })),
      conflicts: await database.conflicts.toArray(),
      notices: await database.notices.toArray(),
    };
  });
}
