import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newId, type Actor } from '../../../src/lib/domain';
import { toRow } from '../../../src/lib/db';
import type { Mutation } from '../../../src/lib/protocol';
import { applyLocal } from '../../../src/lib/services';
import { makeGroup, makeRequest } from '../db/fixtures';

const group = makeGroup();
const me = newId();
const actor: Actor = { userId: me, membership: { role: 'member', status: 'active' } };
const AT = '2026-03-02T12:00:00.000Z';
const base = (id: string) => ({
  mid: newId(),
  type: 'request' as const,
  id,
  groupId: group.id,
  at: AT,
});

describe('applyLocal (rebase of a pending mutation onto a pulled version)', () => {
  it('replays a pending edit onto a newer version that changed other fields', () => {
    const mine = makeRequest(group, { requesterId: me, createdBy: me, title: 'Old' });
    const pulled = toRow({ ...mine, details: 'Changed by a coordinator', rev: '2-x' });
    const mutation: Mutation = {
      ...base(mine.id),
      op: 'update',
      set: { title: 'New' },
      from: { title: 'Old' },
    };
    const out = applyLocal(pulled, mutation, actor, group);
    expect(out).toMatchObject({
      ok: true,
      changed: true,
      record: { title: 'New', details: 'Changed by a coordinator', rev: '2-x', updatedAt: AT },
    });
    expect(Object.keys(out.ok ? out.record : {}).some((k) => k.startsWith('_'))).toBe(false);
  });

  it('reports a conflict instead of overwriting a field someone else changed', () => {
    const mine = makeRequest(group, { requesterId: me, createdBy: me, title: 'Theirs' });
    const mutation: Mutation = {
      ...base(mine.id),
      op: 'update',
      set: { title: 'Mine' },
      from: { title: 'Original' },
    };
    const out = applyLocal(toRow(mine), mutation, actor, group);
    expect(out).toMatchObject({
      ok: true,
      changed: false,
      record: { title: 'Theirs' },
      conflicts: [{ field: 'title', yours: 'Mine', theirs: 'Theirs' }],
    });
  });

  it('replays a pending claim with its status log, and refuses it when someone else holds it', () => {
    const open = makeRequest(group);
    const claim: Mutation = {
      ...base(open.id),
      op: 'transition',
      from: 'open',
      to: 'claimed',
      logId: newId(),
    };
    const out = applyLocal(toRow(open), claim, actor, group);
    expect(out).toMatchObject({
      ok: true,
      record: { status: 'claimed', assigneeId: me },
      log: { id: claim.logId, kind: 'status', parentId: open.id },
    });
    const holder = newId();
    const taken = toRow({ ...open, status: 'claimed' as const, assigneeId: holder });
    expect(applyLocal(taken, claim, actor, group)).toMatchObject({
      ok: false,
      code: 'already_claimed',
      holderId: holder,
    });
  });

  it('treats a create of a record that already exists as done, and an append by its parent', () => {
    const request = makeRequest(group, { requesterId: me, createdBy: me });
    const create: Mutation = { ...base(request.id), op: 'create', record: { ...request } };
    expect(applyLocal(toRow(request), create, actor, group)).toMatchObject({
      ok: true,
      changed: false,
    });
    const log = {
      id: newId(),
      type: 'log',
      groupId: group.id,
      createdAt: AT,
      createdBy: me,
      updatedAt: AT,
      archived: false,
      parentId: request.id,
      kind: 'note',
      text: 'On my way',
      minutes: null,
      amount: null,
      at: AT,
    };
    const append: Mutation = { ...base(log.id), type: 'log', op: 'append', record: log };
    expect(applyLocal(toRow(request), append, actor, group)).toMatchObject({
      ok: true,
      record: { id: log.id, text: 'On my way' },
    });
    // As the server answers an append to a parent it does not have.
    expect(applyLocal(undefined, append, actor, group)).toEqual({
      ok: false,
      code: 'invalid',
      errors: [{ path: 'parentId', code: 'not_found' }],
    });
  });
});
