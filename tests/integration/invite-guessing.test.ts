import { describe, expect, it } from 'vitest';
import { createGroup, inviteCode } from './support/groups';
import { useTestServer } from './support/test-server';
import { signUp } from './support/users';

// Its own server: the last test locks this client IP out of joining for the window.
const server = useTestServer();

interface ErrorBody {
  error: { code: string; message: string };
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const guess = () =>
  Array.from({ length: 8 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');

describe('guessing invite codes', () => {
  it('does not count right codes: one person may join and preview many groups', async () => {
    const joiner = await signUp(server, 'Joiner');
    for (let i = 0; i < 11; i += 1) {
      const group = await createGroup(server, { name: `Group ${i}` });
      const code = await inviteCode(group);
      expect((await joiner.client.get(`/api/v1/invites/${code}`)).status).toBe(200);
      const joined = await joiner.client.post('/api/v1/join', { code });
      expect(joined.status, joined.text).toBe(200);
    }
  });

  it('stops one person after 10 wrong codes, even guessed in parallel', async () => {
    const guesser = await signUp(server, 'Guesser');
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        guesser.client.post<ErrorBody>('/api/v1/join', { code: guess() }),
      ),
    );
    const codes = answers.map((a) => a.body.error.code);
    expect(codes.filter((c) => c === 'invite_invalid').length).toBeLessThanOrEqual(10);
    expect(codes.filter((c) => c !== 'invite_invalid' && c !== 'rate_limited')).toEqual([]);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(6);
    for (const answer of limited) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // Locked out: a right code waits too (the guesser learns nothing), and so does a preview.
    const group = await createGroup(server);
    const code = await inviteCode(group);
    const join = await guesser.client.post<ErrorBody>('/api/v1/join', { code });
    expect(join.status).toBe(429);
    expect(join.body.error.code).toBe('rate_limited');
    expect((await guesser.client.get(`/api/v1/invites/${code}`)).status).toBe(429);
  });

  // Last in the file: it locks out this client IP for the rest of the window.
  it('stops one IP guessing with many accounts', async () => {
    const statuses: number[] = [];
    for (let person = 0; person < 4; person += 1) {
      const guesser = await signUp(server, `Guesser ${person}`);
      for (let i = 0; i < 8; i += 1) {
        const preview = await guesser.client.get(`/api/v1/invites/${guess()}`);
        statuses.push(preview.status);
      }
    }
    // 10 wrong codes from this IP in the test before, 30 allowed in all.
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(20);
    expect(statuses).toContain(429);
    const newcomer = await signUp(server, 'Newcomer');
    const group = await createGroup(server);
    const code = await inviteCode(group);
    expect((await newcomer.client.post('/api/v1/join', { code })).status).toBe(429);
  });
});
