import type { CouchClient, CouchDoc } from './couch-client';
import { ConflictError } from './errors';

/*
 * Map functions are strings because CouchDB (and express-pouchdb) evaluate them inside the
 * database. Bump `version` when a view changes so start-up replaces the old design doc.
 */
export const SYSTEM_DESIGN: CouchDoc = {
  _id: '_design/nb',
  version: 1,
  language: 'javascript',
  views: {
    invites_by_group: {
      map: "function (doc) { if (doc.kind === 'invite') { emit(doc.groupId, null); } }",
    },
    members_by_group: {
      map: "function (doc) { if (doc.kind === 'member') { emit(doc.groupId, null); } }",
    },
  },
};

export const GROUP_DESIGN: CouchDoc = {
  _id: '_design/nb',
  version: 1,
  language: 'javascript',
  views: {
    by_type: {
      map: 'function (doc) { if (doc.type) { emit(doc.type, null); } }',
    },
  },
};

/** Writes `design` unless the stored one already has its version (idempotent, race-safe). */
export async function ensureDesignDoc(
  couch: CouchClient,
  db: string,
  design: CouchDoc,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const stored = await couch.get(db, design._id);
    if (stored && stored.version === design.version) return;
    try {
      await couch.put(db, stored?._rev ? { ...design, _rev: stored._rev } : design);
      return;
    } catch (error) {
      // Another sync-server wrote it at the same moment: re-read and compare.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

export async function ensureGroupDatabase(couch: CouchClient, db: string): Promise<void> {
  await couch.ensureDatabase(db);
  await ensureDesignDoc(couch, db, GROUP_DESIGN);
}

export async function ensureSystemDatabase(couch: CouchClient, db: string): Promise<void> {
  await couch.ensureDatabase(db);
  await ensureDesignDoc(couch, db, SYSTEM_DESIGN);
}
