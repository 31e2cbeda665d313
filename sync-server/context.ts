import type { ServerConfig } from './config';
import type { CouchClient } from './couch/couch-client';
import type { DatabaseNames } from './couch/database-names';
import type { ChangeHub } from './sync/change-hub';

/** What every route module needs; built once in server.ts. Holds no per-user state. */
export interface ServerContext {
  config: ServerConfig;
  couch: CouchClient;
  names: DatabaseNames;
  databaseKind: 'embedded' | 'couchdb';
  version: string;
  changes: ChangeHub;
}
