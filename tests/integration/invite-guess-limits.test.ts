import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../sync-server/config';
import { useTestServer } from './support/test-server';
import { signUp } from './support/users';

// Its own server, with the limits an operator set lower than the defaults (10 and 30).
const server = useTestServer({ inviteGuessesPerUser: 2, inviteGuessesPerIp: 3 });

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const wrong = () =>
  Array.from({ length: 8 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');

describe('invite guess limits from the environment', () => {
  it.each([
    [{}, undefined, undefined],
    [{ INVITE_GUESSES_PER_USER: '5', INVITE_GUESSES_PER_IP: ' 50 ' }, 5, 50],
    [{ INVITE_GUESSES_PER_USER: '' }, undefined, undefined],
  ])('reads %j', (env, perUser, perIp) => {
    const config = configFromEnv(env);
    expect(config.inviteGuessesPerUser).toBe(perUser);
    expect(config.inviteGuessesPerIp).toBe(perIp);
  });

  it.each([
    ['INVITE_GUESSES_PER_USER', '0'],
    ['INVITE_GUESSES_PER_USER', 'ten'],
    ['INVITE_GUESSES_PER_IP', '-1'],
    ['INVITE_GUESSES_PER_IP', '2.5'],
  ])('refuses %s=%j at start-up, naming it', (name, raw) => {
    expect(() => configFromEnv({ [name]: raw })).toThrow(new RegExp(name));
  });

  it('a person is stopped after the configured number of wrong codes, then their IP', async () => {
    const first = await signUp(server, 'Guesser');
    const tries: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      tries.push((await first.client.post('/api/v1/join', { code: wrong() })).status);
    }
    expect(tries).toEqual([404, 404, 429]);

    // Two wrong codes from this IP so far, three allowed: someone else gets one more.
    const second = await signUp(server, 'Second guesser');
    const more: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      more.push((await second.client.get(`/api/v1/invites/${wrong()}`)).status);
    }
    expect(more).toEqual([404, 429]);
  });
});
