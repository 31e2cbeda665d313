/**
 * Database naming: one system database, one database per group. CouchDB names must be
 * lowercase and start with a letter; group ids are ULIDs (Crockford base32, no ambiguous
 * letters), so lowercasing them is reversible and collision-free.
 */
export interface DatabaseNames {
  system: string;
  group(groupId: string): string;
}

export function databaseNames(prefix: string): DatabaseNames {
  return {
    system: `${prefix}_system`,
    group: (groupId) => `${prefix}_g_${groupId.toLowerCase()}`,
  };
}
