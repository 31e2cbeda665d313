// Bench data: a user signs up and creates a group through the real API; its requests are
// then written straight into the group's database with nano `_bulk_docs` (the storage
// layout of sync-server/store/record-docs.ts: `_id` = record id), the same documents for
// every contender.
import nano from 'nano';
import { monotonicFactory } from 'ulid';
import { makeRequests, toDoc } from './records.mjs';

/** A tiny client for the sync-server's API from Node, keeping the session cookie. */
export function apiClient(baseUrl) {
  let cookie = '';
  async function call(method, path, body) {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie ? { cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie?.() ?? [];
    for (const c of setCookie) {
      if (c.startsWith('nb_session=')) cookie = c.split(';')[0];
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
    }
    return data;
  }
  return {
    call,
    cookie: () => cookie,
  };
}

const ids = monotonicFactory();

/** Signs up `login` and creates one group; returns the ids the bench needs. */
export async function makeUserAndGroup(apiUrl, { login, password, name, groupName }) {
  const client = apiClient(apiUrl);
  const { user } = await client.call('POST', '/auth/signup', { name, login, password });
  const groupId = ids();
  await client.call('POST', '/groups', {
    id: groupId,
    name: groupName,
    description: 'A bench group.',
    area: 'Brooklyn',
    neighborhoods: ['Crown Heights', 'Flatbush', 'Bed-Stuy'],
    languages: ['en', 'es'],
    listed: false,
    contactLinks: [],
    safetyGuidelines: 'Contactless first.',
    categories: [
      'groceries',
      'pharmacy',
      'meals',
      'transport',
      'childcare',
      'pets',
      'companionship',
      'household',
      'money',
      'other',
    ],
    joinPolicy: 'code',
    requestsNeedApproval: false,
    claiming: 'anyone',
    exchangeMode: 'contactless',
  });
  return { client, userId: user.id, groupId, login, password };
}

/** The group's database name (sync-server/couch/database-names.ts, default prefix). */
export function groupDbName(groupId, prefix = 'nb') {
  return `${prefix}_g_${groupId.toLowerCase()}`;
}

/** Writes `count` requests into the group's database in batches; returns the records. */
export async function seedRequests(couchUrl, { groupId, userId, count, seed = 1, batch = 1000 }) {
  const couch = nano(couchUrl);
  const db = couch.use(groupDbName(groupId));
  const people = [userId, ...Array.from({ length: 40 }, () => ids())];
  const records = makeRequests({ groupId, count, people, seed });
  for (let i = 0; i < records.length; i += batch) {
    const result = await db.bulk({ docs: records.slice(i, i + batch).map(toDoc) });
    const failed = result.filter((r) => r.error);
    if (failed.length) throw new Error(`seeding: ${failed.length} failed (${failed[0].error})`);
  }
  return records;
}

/**
 * Changes `count` records on the server (as another member's edits would): new title and
 * details, fresh updatedAt, through nano with the current `_rev`.
 */
export async function changeOnServer(couchUrl, { groupId, ids: recordIds, tag }) {
  const db = nano(couchUrl).use(groupDbName(groupId));
  const { rows } = await db.fetch({ keys: recordIds });
  const now = new Date().toISOString();
  const docs = rows
    .filter((r) => r.doc)
    .map((r) => ({ ...r.doc, title: `${r.doc.title.slice(0, 100)} [${tag}]`, updatedAt: now }));
  const result = await db.bulk({ docs });
  const failed = result.filter((r) => r.error);
  if (failed.length) throw new Error(`server change: ${failed.length} failed (${failed[0].error})`);
  return docs.length;
}
