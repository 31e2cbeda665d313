/**
 * Database naming: one system database, one database of push idempotency records (kept
 * apart because it grows with every mutation, and the system database's views should not
 * have to read it), and one database per group. CouchDB names must be
 * lowercase and start with a letter; group ids are ULIDs (Crockford base32, no ambiguous
 * letters), so lowercasing them is reversible and collision-free.
 */
export interface DatabaseNames {
  system: string;
  idempotency: string;
  group(groupId: string): string;
}

export function databaseNames(prefix: string): DatabaseNames {
  return {
    system: `${prefix}_system`,
    idempotency: `${prefix}_idempotency`,
    group: (groupId) => `${prefix}_g_${groupId.toLowerCase()}`,
  };
}
