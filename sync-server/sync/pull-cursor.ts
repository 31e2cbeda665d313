import type { Role } from '../../src/lib/domain';

/**
 * The pull cursor, opaque to the client: base64url of JSON `{ v: 1, g: { groupId: [seq, role] } }`.
 * One CouchDB `_changes` sequence per group (sequences are opaque too: integers from the
 * embedded server, strings from CouchDB), plus the role the caller had when the group's
 * records were sent, so a role change sends that group again from the beginning (and a
 * demotion lists it in `restart`, so the client first forgets what it may no longer see).
 */
export type GroupPosition = [seq: string | number, role: Role];

export interface PullCursor {
  groups: Map<string, GroupPosition>;
}

export function encodeCursor(cursor: PullCursor): string {
  const g: Record<string, GroupPosition> = {};
  for (const [groupId, position] of [...cursor.groups].sort(([a], [b]) => a.localeCompare(b))) {
    g[groupId] = position;
  }
  return Buffer.from(JSON.stringify({ v: 1, g }), 'utf8').toString('base64url');
}

/** Undefined for a cursor this server did not make (the client then gets 400). */
export function decodeCursor(value: string | undefined): PullCursor | undefined {
  if (!value) return { groups: new Map() };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { v?: unknown }).v !== 1)
    return undefined;
  const g = (parsed as { g?: unknown }).g;
  if (!g || typeof g !== 'object' || Array.isArray(g)) return undefined;
  const groups = new Map<string, GroupPosition>();
  for (const [groupId, position] of Object.entries(g)) {
    if (!Array.isArray(position) || position.length !== 2) return undefined;
    const [seq, role] = position as unknown[];
    if (typeof seq !== 'string' && typeof seq !== 'number') return undefined;
    if (role !== 'coordinator' && role !== 'member') return undefined;
    groups.set(groupId, [seq, role]);
  }
  return { groups };
}
