import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/lib/db/database';
import { appendLog } from '../../../src/lib/services/logs';
import {
  createRequest,
  transitionRequest,
  updateRequest,
} from '../../../src/lib/services/requests';
import { archiveRecord } from '../../../src/lib/services/archive';
import type { Mutation } from '../../../src/lib/protocol';
import type { SyncFailure } from '../../../src/lib/sync/sync-transport';
import { pullChanges } from '../../../src/lib/sync/pull-changes';
import { pushOutbox } from '../../../src/lib/sync/push-outbox';
import { makeRequest } from '../../fixtures/records';
import { deps, FakeServer, freshDevice, IDS, offline } from './support';

const request = makeRequest();

async function logNotes(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const out = await appendLog(request.id, { kind: 'note', text: `note ${i}` });
    expect(out.ok).toBe(true);
  }
}

describe('pushOutbox', () => {
  beforeEach(async () => {
    // The member is the requester here, so they may log on the request.
    await freshDevice([makeRequest({ requesterId: IDS.member, createdBy: IDS.member })]);
  });

  it('sends the outbox in seq order, in batches of at most 500', async () => {
    await logNotes(1_100);
    const server = new FakeServer();
    const outcome = await pushOutbox(deps(server));
    expect(outcome.ok).toBe(true);
    expect(server.pushes.map((batch) => batch.length)).toEqual([500, 500, 100]);
    const texts = server.pushes.flat().map((m) => (m.op === 'append' ? m.record.text : ''));
    expect(texts).toEqual(Array.from({ length: 1_100 }, (_, i) => `note ${i}`));
    expect(await db().outbox.count()).toBe(0);
  }, 30_000);

  it('leaves the outbox exactly as it was on a 401: no attempt counted, no error noted', async () => {
    await logNotes(2);
    const before = await db().outbox.toArray();
    const server = new FakeServer();
    server.onPush = () => ({ ok: false, kind: 'unauthorized', status: 401, message: 'Sign in.' });
    expect(await pushOutbox(deps(server))).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(await db().outbox.toArray()).toEqual(before);
    expect(before.every((e) => e.attempts === 0 && e.lastError === undefined)).toBe(true);
  });

  it('keeps every entry when the push fails, counting the attempt', async () => {
    await logNotes(3);
    const server = new FakeServer();
    server.onPush = () => offline;
    const outcome = await pushOutbox(deps(server));
    expect(outcome).toMatchObject({ ok: false, kind: 'offline' });
    const entries = await db().outbox.toArray();
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.attempts === 1 && e.lastError === 'Failed to fetch')).toBe(true);
  });

  it('removes an entry only once its result has arrived', async () => {
    await logNotes(3);
    const server = new FakeServer();
    let calls = 0;
    // First answer covers two of three mutations; the second push fails.
    server.onPush = (mutations) => {
      calls += 1;
      if (calls === 1) {
        return {
          ok: true,
          data: { results: mutations.slice(0, 2).map((m) => server.applied(m)) },
        };
      }
      return offline;
    };
    const outcome = await pushOutbox(deps(server));
    expect(outcome.ok).toBe(false);
    const left = await db().outbox.toArray();
    expect(left.map((e) => e.mid)).toEqual([server.pushes[0]![2]!.mid]);
    expect(server.pushes[1]!.map((m) => m.mid)).toEqual([server.pushes[0]![2]!.mid]);
  });

  it('stores the server version of an applied mutation', async () => {
    await logNotes(1);
    const server = new FakeServer();
    await pushOutbox(deps(server));
    const mid = server.pushes[0]![0]!.mid;
    const logs = await db().logs.toArray();
    expect(logs).toHaveLength(1);
    expect(logs[0]!.rev).toBe(`2-${mid}`);
  });

  it('files each conflicting field of a merged update and keeps the server version', async () => {
    const edited = await updateRequest(request.id, { title: 'Groceries and bread', details: 'x' });
    expect(edited.ok).toBe(true);
    const server = new FakeServer();
    server.onPush = ([m]) => ({
      ok: true,
      data: {
        results: [
          {
            mid: m!.mid,
            status: 'merged',
            record: {
              ...request,
              requesterId: IDS.member,
              createdBy: IDS.member,
              details: 'x',
              title: 'Groceries (theirs)',
              rev: '3-x',
            },
            conflicts: [
              { field: 'title', yours: 'Groceries and bread', theirs: 'Groceries (theirs)' },
            ],
          },
        ],
      },
    });
    await pushOutbox(deps(server));
    const row = await db().requests.get(request.id);
    expect(row).toMatchObject({ title: 'Groceries (theirs)', details: 'x', rev: '3-x' });
    const conflicts = await db().conflicts.toArray();
    expect(conflicts).toEqual([
      expect.objectContaining({
        recordId: request.id,
        type: 'request',
        field: 'title',
        yours: 'Groceries and bread',
        theirs: 'Groceries (theirs)',
      }),
    ]);
  });

  it('restores the real state of a rejected claim and tells who holds it', async () => {
    await freshDevice([makeRequest()]);
    const claimed = await transitionRequest(request.id, 'claim');
    expect(claimed.ok).toBe(true);
    expect((await db().requests.get(request.id))?.assigneeId).toBe(IDS.member);
    expect(await db().logs.count()).toBe(1);
    const server = new FakeServer();
    server.onPush = ([m]) => ({
      ok: true,
      data: {
        results: [
          {
            mid: m!.mid,
            status: 'rejected',
            code: 'already_claimed',
            message: 'Bea already claimed this request.',
            record: { ...request, status: 'claimed', assigneeId: IDS.helper, rev: '4-z' },
            holder: { userId: IDS.helper, displayName: 'Bea' },
          },
        ],
      },
    });
    await pushOutbox(deps(server));
    expect(await db().requests.get(request.id)).toMatchObject({
      status: 'claimed',
      assigneeId: IDS.helper,
      rev: '4-z',
    });
    // The optimistic status log of the refused claim is gone.
    expect(await db().logs.count()).toBe(0);
    const notices = await db().notices.toArray();
    expect(notices).toEqual([
      expect.objectContaining({
        recordId: request.id,
        code: 'already_claimed',
        holder: { userId: IDS.helper, displayName: 'Bea' },
        read: false,
      }),
    ]);
    expect(await db().outbox.count()).toBe(0);
  });

  it('removes a create the server never accepted, with a notice', async () => {
    await logNotes(1);
    const server = new FakeServer();
    server.onPush = ([m]) => ({
      ok: true,
      data: { results: [{ mid: m!.mid, status: 'rejected', code: 'forbidden', message: 'No.' }] },
    });
    await pushOutbox(deps(server));
    expect(await db().logs.count()).toBe(0);
    // What was typed is kept in the notice, shown on the request it was written on.
    expect(await db().notices.toArray()).toEqual([
      expect.objectContaining({
        code: 'forbidden',
        message: 'No.',
        recordId: request.id,
        subject: 'note 0',
      }),
    ]);
  });

  it('rebases an edit made during the push onto the pushed result', async () => {
    await updateRequest(request.id, { title: 'First edit' });
    const server = new FakeServer();
    server.beforeAnswer = async () => {
      // The user edits again while the first push is on the wire.
      if (server.pushes.length === 1) await updateRequest(request.id, { details: 'Second edit' });
    };
    server.onPush = (mutations) => {
      if (server.pushes.length > 1) return offline;
      const stored = {
        ...request,
        requesterId: IDS.member,
        createdBy: IDS.member,
        title: 'First edit',
      };
      return { ok: true, data: { results: mutations.map((m) => server.applied(m, stored)) } };
    };
    await pushOutbox(deps(server));
    // The server's version (its rev) with the unsent edit still showing on top.
    const row = await db().requests.get(request.id);
    expect(row).toMatchObject({ title: 'First edit', details: 'Second edit' });
    expect(row?.rev).toBe(`2-${server.pushes[0]![0]!.mid}`);
    const left = await db().outbox.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]!.mutation).toMatchObject({ op: 'update', set: { details: 'Second edit' } });
  });
});

describe('pushOutbox with a refusal that brings no record', () => {
  const mine = makeRequest({ requesterId: IDS.member, createdBy: IDS.member });
  const refuseFirst = (server: FakeServer, code: 'not_found' | 'invalid') => {
    server.onPush = (mutations) => ({
      ok: true,
      data: {
        results: mutations.map((m, i) =>
          i === 0
            ? { mid: m.mid, status: 'rejected', code, message: 'No.' }
            : server.applied(m, { ...mine, title: 'Unused' }),
        ),
      },
    });
  };

  beforeEach(async () => {
    await freshDevice([mine]);
  });

  it('rolls a refused edit back to the server version, keeping a later edit on top', async () => {
    await updateRequest(mine.id, { title: 'Refused title' });
    await updateRequest(mine.id, { details: 'Later details' });
    const server = new FakeServer();
    // The first edit is refused (answered alone); the push of the second one then fails.
    server.onPush = ([first]) =>
      server.pushes.length === 1
        ? {
            ok: true,
            data: {
              results: [{ mid: first!.mid, status: 'rejected', code: 'not_found', message: 'No.' }],
            },
          }
        : offline;
    await pushOutbox(deps(server));
    const row = await db().requests.get(mine.id);
    expect(row).toMatchObject({ title: mine.title, details: 'Later details', rev: mine.rev });
    expect(await db().outbox.count()).toBe(1);
    expect(await db().notices.toArray()).toEqual([
      expect.objectContaining({ code: 'not_found', values: { title: 'Refused title' } }),
    ]);
  });

  it('rolls back to the newest server version the device received while the edit waited', async () => {
    await updateRequest(mine.id, { title: 'Refused title' });
    const server = new FakeServer();
    const newer = { ...mine, details: 'Edited by a coordinator', rev: '2-c' };
    server.pages = [{ records: [newer], purge: [], cursor: 'c1', more: false }];
    await pullChanges(deps(server));
    expect(await db().requests.get(mine.id)).toMatchObject({ title: 'Refused title', rev: '2-c' });
    refuseFirst(server, 'invalid');
    await pushOutbox(deps(server));
    expect(await db().requests.get(mine.id)).toMatchObject({
      title: mine.title,
      details: 'Edited by a coordinator',
      rev: '2-c',
    });
  });

  it('rolls back a refused claim and an archive whose refusal brings no record', async () => {
    const open = makeRequest();
    await freshDevice([open]);
    expect((await transitionRequest(open.id, 'claim')).ok).toBe(true);
    const server = new FakeServer();
    refuseFirst(server, 'invalid');
    await pushOutbox(deps(server));
    expect(await db().requests.get(open.id)).toMatchObject({ status: 'open', assigneeId: null });
    expect(await db().logs.count()).toBe(0);

    await freshDevice([mine]);
    expect((await archiveRecord('request', mine.id)).ok).toBe(true);
    expect((await db().requests.get(mine.id))?.archived).toBe(true);
    await pushOutbox(deps(server));
    expect((await db().requests.get(mine.id))?.archived).toBe(false);
  });
});

/** The server's 400 for a body whose mutation `mid` breaks the schema (as parseInput sends). */
function invalidBody(mutations: Mutation[], mid: string): SyncFailure {
  const index = mutations.findIndex((m) => m.mid === mid);
  return {
    ok: false,
    kind: 'server',
    status: 400,
    code: 'invalid',
    message: 'The request is not valid.',
    fields: [{ path: `mutations.${index}.record.text`, code: 'too_long' }],
  };
}

describe('pushOutbox with a change the server can never accept', () => {
  beforeEach(async () => {
    await freshDevice([makeRequest({ requesterId: IDS.member, createdBy: IDS.member })]);
  });

  it('isolates it, rejects only it with a notice, and pushes everything around it', async () => {
    await logNotes(7);
    const server = new FakeServer();
    const poisoned = (await db().outbox.toArray())[4]!.mid;
    server.onPush = (mutations) =>
      mutations.some((m) => m.mid === poisoned)
        ? invalidBody(mutations, poisoned)
        : { ok: true, data: { results: mutations.map((m) => server.applied(m)) } };
    const outcome = await pushOutbox(deps(server));
    expect(outcome).toMatchObject({ ok: true, tally: { applied: 6, rejected: 1 } });
    expect(await db().outbox.count()).toBe(0);
    expect(await db().logs.count()).toBe(6);
    // The refused entry's record is gone from the device, but what was typed is kept.
    const notices = await db().notices.toArray();
    expect(notices).toEqual([
      expect.objectContaining({ mid: poisoned, code: 'invalid', subject: 'note 4' }),
    ]);
    expect(notices[0]).toMatchObject({
      values: { type: 'log', kind: 'note', text: 'note 4', parentId: request.id },
    });
  });

  it('proves the first change at fault by pushing the others, holding back what builds on it', async () => {
    const created = await createRequest(IDS.group, {
      category: 'groceries',
      title: 'Bread and milk',
      urgency: 'soon',
    });
    expect(created.ok).toBe(true);
    const newId = created.ok ? created.record.id : '';
    await updateRequest(newId, { details: 'From the corner shop' });
    await logNotes(2);
    const [poisoned, edit, note0, note1] = (await db().outbox.toArray()).map((e) => e.mid);
    const server = new FakeServer();
    server.onPush = (mutations) => {
      if (mutations.some((m) => m.mid === poisoned)) return invalidBody(mutations, poisoned!);
      return {
        ok: true,
        data: {
          results: mutations.map((m) =>
            m.id === newId
              ? { mid: m.mid, status: 'rejected', code: 'not_found', message: 'Not found.' }
              : server.applied(m),
          ),
        },
      };
    };
    const outcome = await pushOutbox(deps(server));
    expect(outcome).toMatchObject({ ok: true, tally: { applied: 2, rejected: 2 } });
    // Halved down to the create alone; then the notes (not its edit) as the proof; the edit
    // of the refused request only after the create was refused.
    expect(server.pushes.map((batch) => batch.map((m) => m.mid))).toEqual([
      [poisoned, edit, note0, note1],
      [poisoned, edit],
      [poisoned],
      [note0, note1],
      [edit],
    ]);
    expect(await db().requests.get(newId)).toBeUndefined();
    const notice = (await db().notices.toArray()).find((n) => n.mid === poisoned);
    expect(notice).toMatchObject({ values: { title: 'Bread and milk', category: 'groceries' } });
    expect(await db().outbox.count()).toBe(0);
  });

  it('keeps everything when every push is refused with a bare 400, and says it needs attention', async () => {
    await logNotes(3);
    const before = await db().outbox.toArray();
    const server = new FakeServer();
    server.onPush = () => ({ ok: false, kind: 'server', status: 400, message: 'Bad Request' });
    const outcome = await pushOutbox(deps(server));
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', status: 400 });
    const after = await db().outbox.toArray();
    expect(after.map((e) => e.mid)).toEqual(before.map((e) => e.mid));
    expect(after[0]).toMatchObject({ attempts: 1, lastError: 'Bad Request' });
    expect(await db().logs.count()).toBe(3);
    expect(await db().notices.count()).toBe(0);
  });

  it('refuses nothing locally when the server refuses every change for its content', async () => {
    // A server that no longer understands this app's mutations: no push gets through, so
    // nothing proves any one change is at fault.
    await logNotes(4);
    const server = new FakeServer();
    server.onPush = (mutations) => invalidBody(mutations, mutations[0]!.mid);
    const outcome = await pushOutbox(deps(server));
    expect(outcome).toMatchObject({ ok: false, kind: 'refused' });
    expect(await db().outbox.count()).toBe(4);
    expect(await db().logs.count()).toBe(4);
    expect(await db().notices.count()).toBe(0);
  });

  it('keeps a lone change refused for its content until another push shows it is at fault', async () => {
    await logNotes(1);
    const [lone] = await db().outbox.toArray();
    const server = new FakeServer();
    server.onPush = (mutations) =>
      mutations.some((m) => m.mid === lone!.mid)
        ? invalidBody(mutations, lone!.mid)
        : { ok: true, data: { results: mutations.map((m) => server.applied(m)) } };
    expect(await pushOutbox(deps(server))).toMatchObject({ ok: false, kind: 'refused' });
    expect(await db().outbox.count()).toBe(1);
    expect(await db().logs.count()).toBe(1);

    await logNotes(1);
    expect(await pushOutbox(deps(server))).toMatchObject({
      ok: true,
      tally: { applied: 1, rejected: 1 },
    });
    expect(await db().outbox.count()).toBe(0);
    expect(await db().notices.toArray()).toEqual([
      expect.objectContaining({ mid: lone!.mid, code: 'invalid' }),
    ]);
  });

  it('keeps everything and retries later when the server is down', async () => {
    await logNotes(2);
    const server = new FakeServer();
    server.onPush = () => ({ ok: false, kind: 'server', status: 503, message: 'Unavailable.' });
    expect(await pushOutbox(deps(server))).toMatchObject({ ok: false, status: 503 });
    expect(server.pushes).toHaveLength(1);
    expect(await db().outbox.count()).toBe(2);
    expect(await db().notices.count()).toBe(0);
  });
});
