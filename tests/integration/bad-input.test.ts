import fc from 'fast-check';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain';
import { apiErrorSchema } from '../../src/lib/protocol';
import type { TestClient } from './support/http-client';
import { addMember, createGroup, type TestGroup } from './support/groups';
import { createOf, mid, requestRecord, updateOf } from './support/sync';
import { useTestServer } from './support/test-server';

const server = useTestServer();

interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; code: string }[] };
}

let group: TestGroup;
let member: { client: TestClient; id: string };

beforeAll(async () => {
  group = await createGroup(server);
  member = await addMember(server, group, 'Member');
});

function expectClientError(
  response: { status: number; body: unknown; text: string },
  code?: string,
) {
  expect(response.status, response.text).toBeGreaterThanOrEqual(400);
  expect(response.status, response.text).toBeLessThan(500);
  // The protocol's error shape: a known code, a message, field problems named by codes.
  expect(v.is(apiErrorSchema, response.body), response.text).toBe(true);
  const body = response.body as ErrorBody;
  for (const field of body.error.fields ?? []) expect(field.code).toMatch(/^[a-z_]+$/);
  if (code) expect(body.error.code).toBe(code);
}

describe('bad input is always a 4xx with a code', () => {
  it.each([
    ['malformed JSON', '{"mutations": [', 'invalid'],
    ['a JSON string', '"hello"', 'invalid'],
    ['null', 'null', 'invalid'],
    ['an empty body', '', 'invalid'],
    ['mutations not an array', '{"mutations": 5}', 'invalid'],
    ['no mutations', '{"mutations": []}', 'invalid'],
    ['an unknown top-level field', '{"mutations": [], "extra": 1}', 'invalid'],
    ['a __proto__ key', '{"mutations": [], "__proto__": {"admin": true}}', 'invalid'],
    ['a nested constructor key', '{"mutations": [{"constructor": {"prototype": {}}}]}', 'invalid'],
  ])('push with %s', async (_name, body, code) => {
    expectClientError(
      await member.client.request('POST', '/api/v1/sync/push', { rawBody: body }),
      code,
    );
  });

  it('push with the wrong content type', async () => {
    const response = await member.client.request('POST', '/api/v1/sync/push', {
      rawBody: 'mutations=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectClientError(response);
  });

  it('push with 501 mutations', async () => {
    const mutations = Array.from({ length: 501 }, () =>
      createOf(requestRecord(group.id, member.id)),
    );
    const response = await member.client.post<ErrorBody>('/api/v1/sync/push', { mutations });
    expectClientError(response, 'too_many_mutations');
    expect(response.status).toBe(413);
  });

  it('an oversized body', async () => {
    const response = await member.client.request('POST', '/api/v1/sync/push', {
      rawBody: JSON.stringify({ mutations: [{ pad: 'x'.repeat(3 * 1024 * 1024) }] }),
    });
    expectClientError(response, 'payload_too_large');
    expect(response.status).toBe(413);
    const signup = await member.client.request('POST', '/api/v1/auth/signup', {
      rawBody: JSON.stringify({ name: 'x'.repeat(200_000), login: 'a@b.c', password: 'password1' }),
    });
    expect(signup.status).toBe(413);
  });

  it('oversized fields and wrong types inside records are rejected per mutation', async () => {
    const tooLong = requestRecord(group.id, member.id, { title: 'x'.repeat(141) });
    const wrongType = { ...requestRecord(group.id, member.id), urgency: 42 };
    const badDate = requestRecord(group.id, member.id, { neededBy: '30000-01-01' });
    const extraField = { ...requestRecord(group.id, member.id), isAdmin: true };
    const underscore = { ...requestRecord(group.id, member.id), _rank: 1 };
    const response = await member.client.post<{
      results: Array<{ status: string; code?: string }>;
    }>('/api/v1/sync/push', {
      mutations: [tooLong, wrongType, badDate, extraField, underscore].map((r) =>
        createOf(r as never),
      ),
    });
    expect(response.status).toBe(200);
    expect(response.body.results.map((r) => `${r.status}:${r.code}`)).toEqual(
      Array(5).fill('rejected:invalid'),
    );
  });

  it('unknown ops, types and envelope fields', async () => {
    const base = {
      mid: mid(),
      type: 'request',
      id: newId(),
      groupId: group.id,
      at: new Date().toISOString(),
    };
    for (const mutation of [
      { ...base, op: 'delete' },
      { ...base, op: 'create', type: 'user', record: {} },
      { ...base, op: 'archive', extra: true },
      { ...base, op: 'archive', mid: 'x' },
      { ...base, op: 'archive', id: '../../_all_docs' },
      { ...base, op: 'update', set: { _id: 'x' }, from: { _id: 'y' } },
      {
        ...base,
        op: 'update',
        set: { title: 'a' },
        from: { title: 'b' },
        // An own `__proto__` key, as JSON.parse makes it (a literal would set the prototype).
        ...(JSON.parse('{"__proto__": {"polluted": true}}') as object),
      },
    ]) {
      const response = await member.client.post('/api/v1/sync/push', { mutations: [mutation] });
      expectClientError(response, 'invalid');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a short mid', { mid: 'x' }, 'mutations.0.mid', 'invalid_format'],
    ['a mid that is a number', { mid: 12345678 }, 'mutations.0.mid', 'invalid_type'],
    ['a target that is no status', { to: 'archived' }, 'mutations.0.to', 'invalid_choice'],
    ['a seen status that is no status', { from: 'whatever' }, 'mutations.0.from', 'invalid_choice'],
  ])('a transition with %s names the field and a code', async (_what, patch, path, code) => {
    const transition = {
      mid: mid(),
      op: 'transition',
      type: 'request',
      id: newId(),
      groupId: group.id,
      at: new Date().toISOString(),
      from: 'open',
      to: 'claimed',
      logId: newId(),
      ...patch,
    };
    const response = await member.client.post<ErrorBody>('/api/v1/sync/push', {
      mutations: [transition],
    });
    expectClientError(response, 'invalid');
    expect(response.body.error.fields).toContainEqual({ path, code });
  });

  it('bad query strings and ids in paths', async () => {
    const zero = await member.client.get<ErrorBody>('/api/v1/sync/pull?limit=0');
    expectClientError(zero, 'invalid');
    expect(zero.body.error.fields).toContainEqual(
      expect.objectContaining({ path: 'limit', code: 'out_of_range' }),
    );
    expectClientError(await member.client.get('/api/v1/sync/pull?limit=abc'), 'invalid');
    expectClientError(await member.client.get('/api/v1/sync/pull?cursor=%%%'), 'invalid');
    expectClientError(await member.client.get('/api/v1/sync/pull?cursor=abc&evil=1'), 'invalid');
    expectClientError(
      await member.client.get(`/api/v1/groups/${encodeURIComponent('../x')}/invites`),
    );
    expectClientError(await member.client.get('/api/v1/invites/%00%01'));
    expectClientError(
      await member.client.post(`/api/v1/groups/${group.id}/members/nobody/approve`),
    );
    expectClientError(await member.client.post('/api/v1/join', { code: 123 }), 'invalid');
    expectClientError(await member.client.get('/api/v1/directory?q=' + 'x'.repeat(500)), 'invalid');
  });

  it('an update of a field to a value the schema refuses', async () => {
    const record = requestRecord(group.id, member.id);
    await member.client.post('/api/v1/sync/push', { mutations: [createOf(record)] });
    const response = await member.client.post<{
      results: Array<{ status: string; code?: string }>;
    }>('/api/v1/sync/push', {
      mutations: [updateOf(record, { neededBy: '1999-01-01' }, { neededBy: record.neededBy })],
    });
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
  });
});

describe('fuzzing', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  const mutationish = fc.record(
    {
      mid: fc.oneof(
        fc.string(),
        fc.constant('m0123456789'),
        fc.constantFrom(...['m' + 'A'.repeat(20)]),
      ),
      op: fc.oneof(
        fc.constantFrom('create', 'update', 'transition', 'append', 'archive', 'nope'),
        fc.string(),
      ),
      type: fc.oneof(
        fc.constantFrom('request', 'offer', 'task', 'log', 'group', 'membership'),
        fc.string(),
      ),
      id: fc.oneof(fc.constant(newId()), fc.string()),
      groupId: fc.oneof(fc.constant('GROUP'), fc.string()),
      at: fc.oneof(fc.constant(new Date().toISOString()), fc.string()),
      record: json,
      set: fc.dictionary(fc.string({ maxLength: 12 }), json, { maxKeys: 4 }),
      from: fc.oneof(json, fc.dictionary(fc.string({ maxLength: 12 }), json, { maxKeys: 4 })),
      to: json,
      logId: fc.oneof(fc.constant(newId()), json),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.record({ mutations: fc.array(mutationish, { maxLength: 4 }) }) },
    { weight: 1, arbitrary: json },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );

  it('never answers 5xx to 1,000 generated push bodies', async () => {
    const samples = fc.sample(body, { numRuns: 1000, seed: 42 });
    let fourHundreds = 0;
    for (let i = 0; i < samples.length; i += 10) {
      const batch = samples.slice(i, i + 10).map((sample) => {
        const text =
          typeof sample === 'string'
            ? sample
            : JSON.stringify(sample).replaceAll('"GROUP"', `"${group.id}"`);
        return member.client.request('POST', '/api/v1/sync/push', { rawBody: text ?? '' });
      });
      for (const response of await Promise.all(batch)) {
        expect(response.status, response.text).toBeLessThan(500);
        if (response.status >= 400) {
          fourHundreds += 1;
          expectClientError(response);
        }
      }
    }
    expect(fourHundreds).toBeGreaterThan(0);
  });

  it('never answers 5xx to 300 generated bodies on the other endpoints', async () => {
    const paths = [
      '/api/v1/auth/signup',
      '/api/v1/auth/signin',
      '/api/v1/groups',
      '/api/v1/join',
      `/api/v1/groups/${group.id}/invites`,
      `/api/v1/groups/${group.id}/members/${member.id}/role`,
    ];
    const samples = fc.sample(fc.tuple(fc.constantFrom(...paths), json), { numRuns: 300, seed: 7 });
    for (let i = 0; i < samples.length; i += 10) {
      const responses = await Promise.all(
        samples
          .slice(i, i + 10)
          .map(([path, value]) =>
            member.client.request('POST', path, { rawBody: JSON.stringify(value) ?? 'null' }),
          ),
      );
      for (const response of responses) expect(response.status, response.text).toBeLessThan(500);
    }
  });
});
