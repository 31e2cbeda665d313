import { expect } from 'vitest';
import {
  newId,
  type AnyRecord,
  type Log,
  type Offer,
  type Request,
  type Task,
} from '../../../src/lib/domain';
import type { Mutation, MutationResult, PullResponse } from '../../../src/lib/protocol';
import { makeLog, makeOffer, makeRequest, makeTask } from '../../fixtures/records';
import type { TestClient } from './http-client';

const AT = () => new Date().toISOString();
export const mid = () => `m${newId()}`;

/** Pushes and returns the per-mutation results (asserting a 200). */
export async function push(client: TestClient, mutations: unknown[]): Promise<MutationResult[]> {
  const response = await client.post<{ results: MutationResult[] }>('/api/v1/sync/push', {
    mutations,
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.results).toHaveLength(mutations.length);
  return response.body.results;
}

export interface PullAll {
  records: AnyRecord[];
  purge: string[];
  cursor: string;
  pages: number;
}

/** Pulls page after page until `more` is false. */
export async function pullAll(client: TestClient, cursor = '', limit?: number): Promise<PullAll> {
  const records: AnyRecord[] = [];
  const purge: string[] = [];
  let pages = 0;
  let current = cursor;
  for (;;) {
    const query = new URLSearchParams();
    if (current) query.set('cursor', current);
    if (limit) query.set('limit', String(limit));
    const response = await client.get<PullResponse>(`/api/v1/sync/pull?${query}`);
    expect(response.status, response.text).toBe(200);
    pages += 1;
    records.push(...response.body.records);
    purge.push(...response.body.purge);
    current = response.body.cursor;
    if (!response.body.more) return { records, purge, cursor: current, pages };
    if (pages > 10_000) throw new Error('pull never finished');
  }
}

export function requestRecord(
  groupId: string,
  userId: string,
  overrides: Partial<Request> = {},
): Request {
  return makeRequest({
    id: newId(),
    groupId,
    createdBy: userId,
    requesterId: userId,
    createdAt: AT(),
    updatedAt: AT(),
    ...overrides,
  });
}

export function offerRecord(
  groupId: string,
  userId: string,
  overrides: Partial<Offer> = {},
): Offer {
  return makeOffer({
    id: newId(),
    groupId,
    createdBy: userId,
    createdAt: AT(),
    updatedAt: AT(),
    ...overrides,
  });
}

export function taskRecord(groupId: string, userId: string, overrides: Partial<Task> = {}): Task {
  return makeTask({
    id: newId(),
    groupId,
    createdBy: userId,
    createdAt: AT(),
    updatedAt: AT(),
    ...overrides,
  });
}

export function logRecord(
  parent: { id: string; groupId: string },
  userId: string,
  overrides: Partial<Log> = {},
): Log {
  return makeLog({
    id: newId(),
    groupId: parent.groupId,
    parentId: parent.id,
    createdBy: userId,
    createdAt: AT(),
    updatedAt: AT(),
    at: AT(),
    ...overrides,
  });
}

export function createOf(record: AnyRecord): Mutation {
  const { rev: _rev, ...rest } = record as AnyRecord & { rev?: string };
  return {
    mid: mid(),
    op: 'create',
    type: record.type,
    id: record.id,
    groupId: record.groupId,
    at: AT(),
    record: rest,
  };
}

export function appendOf(record: Log): Mutation {
  const { rev: _rev, ...rest } = record;
  return {
    mid: mid(),
    op: 'append',
    type: 'log',
    id: record.id,
    groupId: record.groupId,
    at: AT(),
    record: rest,
  };
}

export function updateOf(
  record: { id: string; groupId: string; type: AnyRecord['type'] },
  set: Record<string, unknown>,
  from: Record<string, unknown>,
): Mutation {
  return {
    mid: mid(),
    op: 'update',
    type: record.type,
    id: record.id,
    groupId: record.groupId,
    at: AT(),
    set,
    from,
  };
}

export function transitionOf(
  record: { id: string; groupId: string; type: AnyRecord['type'] },
  from: string,
  to: string,
  extra: {
    assigneeId?: string | null;
    closeReason?: Request['closeReason'];
    closeNote?: string;
  } = {},
): Mutation {
  return {
    mid: mid(),
    op: 'transition',
    type: record.type,
    id: record.id,
    groupId: record.groupId,
    at: AT(),
    from,
    to,
    logId: newId(),
    ...extra,
  };
}

export function archiveOf(record: {
  id: string;
  groupId: string;
  type: AnyRecord['type'];
}): Mutation {
  return {
    mid: mid(),
    op: 'archive',
    type: record.type,
    id: record.id,
    groupId: record.groupId,
    at: AT(),
  };
}
