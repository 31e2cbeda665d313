import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/domain';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import {
  appendLog,
  getJobDetail,
  listGroupJobs,
  listMyTasks,
  setClock,
  transitionRequest,
  transitionTask,
} from '../../../src/lib/services';
import { freshDb, makeMembership, makeRequest, makeTask, signedInMember } from './fixtures';

let database: NeighborlyDB;
beforeEach(() => {
  database = freshDb();
  setClock(() => new Date(2026, 2, 4, 9, 30));
});
afterEach(() => setClock(null));

describe('my tasks offer the next move', () => {
  it('a claimed errand offers start and done; once started only done; done offers nothing', async () => {
    const ctx = await signedInMember(database);
    const errand = makeRequest(ctx.group, {
      status: 'claimed',
      assigneeId: ctx.userId,
      neededBy: '2026-03-04',
    });
    await database.requests.put(toRow(errand));

    expect((await listMyTasks('2026-03-04')).today[0]?.next).toEqual(['start', 'complete']);
    expect(await transitionRequest(errand.id, 'start')).toMatchObject({ ok: true });
    expect((await listMyTasks('2026-03-04')).today[0]?.next).toEqual(['complete']);
    expect(await transitionRequest(errand.id, 'complete')).toMatchObject({ ok: true });
    const after = await listMyTasks('2026-03-04');
    expect(after.today).toEqual([]);
    expect(after.done[0]).toMatchObject({ next: [], pending: true });
  });

  it('a job I hold offers done; a removed member is offered nothing', async () => {
    const ctx = await signedInMember(database);
    const job = makeTask(ctx.group, { status: 'claimed', assigneeId: ctx.userId });
    await database.tasks.put(toRow(job));
    expect((await listMyTasks('2026-03-04')).upcoming[0]?.next).toEqual(['complete']);

    await database.memberships.put(toRow({ ...ctx.membership, status: 'removed' as const }));
    expect((await listMyTasks('2026-03-04')).upcoming[0]?.next).toEqual([]);
  });
});

describe('group jobs', () => {
  it('lists jobs without a request, to do by due day and finished apart, with my moves', async () => {
    const ctx = await signedInMember(database);
    const later = makeTask(ctx.group, { title: 'Flyers', due: '2026-03-09' });
    const sooner = makeTask(ctx.group, { title: 'Pantry', due: '2026-03-05' });
    const mine = makeTask(ctx.group, { title: 'Mine', status: 'claimed', assigneeId: ctx.userId });
    const finished = makeTask(ctx.group, { title: 'Old', status: 'done' });
    const ofRequest = makeTask(ctx.group, { title: 'Part of a request', requestId: newId() });
    await database.tasks.bulkPut([later, sooner, mine, finished, ofRequest].map((t) => toRow(t)));

    const jobs = await listGroupJobs(ctx.group.id);
    expect(jobs.active.map((j) => j.title)).toEqual(['Pantry', 'Flyers', 'Mine']);
    expect(jobs.finished.map((j) => j.title)).toEqual(['Old']);
    expect(jobs.active[0]?.actions).toEqual(['claim']);
    expect(jobs.active[2]?.actions).toEqual(['release', 'complete']);
    expect(jobs.finished[0]?.actions).toEqual([]);
    expect(jobs.canCreate).toBe(false);
  });

  it('members of a coordinators-assign group cannot claim a job; coordinators may create', async () => {
    const ctx = await signedInMember(database, 'coordinator', { claiming: 'coordinators_assign' });
    const job = makeTask(ctx.group);
    await database.tasks.put(toRow(job));
    const asCoordinator = await listGroupJobs(ctx.group.id);
    expect(asCoordinator.canCreate).toBe(true);
    expect(asCoordinator.active[0]?.actions).toContain('claim');

    await database.memberships.put(toRow({ ...ctx.membership, role: 'member' as const }));
    const asMember = await listGroupJobs(ctx.group.id);
    expect(asMember.canCreate).toBe(false);
    expect(asMember.active[0]?.actions).toEqual([]);
  });

  it("a job's detail has its log, names and moves; claiming it moves it to me", async () => {
    const ctx = await signedInMember(database);
    const creator = newId();
    await database.memberships.put(
      toRow(makeMembership(ctx.group, creator, 'coordinator', { displayName: 'Rosa' })),
    );
    const job = makeTask(ctx.group, { createdBy: creator });
    await database.tasks.put(toRow(job));

    expect(await getJobDetail(job.id)).toMatchObject({
      actions: ['claim'],
      canLog: false,
      names: { [creator]: 'Rosa' },
    });
    expect(await transitionTask(job.id, 'claim')).toMatchObject({ ok: true });
    expect(await appendLog(job.id, { kind: 'note', text: 'Keys are with Rosa' })).toMatchObject({
      ok: true,
    });
    const detail = await getJobDetail(job.id);
    expect(detail?.task).toMatchObject({
      status: 'claimed',
      assigneeId: ctx.userId,
      pending: true,
    });
    expect(detail?.actions).toEqual(['release', 'complete']);
    expect(detail?.canLog).toBe(true);
    expect(detail?.timeline.map((l) => l.kind)).toEqual(['status', 'note']);
    expect(await getJobDetail(newId())).toBeNull();
  });
});
