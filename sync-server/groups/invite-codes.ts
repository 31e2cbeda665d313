import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: easy to read aloud and to type from a flyer. 31^8 ≈ 8.5e11 codes. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;

export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
