import { monotonicFactory } from 'ulid';

/** Crockford base32, 26 characters: what `newId()` makes on the device and the server. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

// Monotonic so that ids made in the same millisecond on one device still sort by creation.
const nextUlid = monotonicFactory();

export function newId(): string {
  return nextUlid();
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ULID_PATTERN.test(value);
}
