import { liveQuery as dexieLiveQuery, type Observable } from 'dexie';

export type { Observable };

/**
 * Pages wrap repository functions in `liveQuery` to re-run them when the tables they read
 * change; this is the one place outside src/lib/db and services that may name Dexie.
 *
 * Dexie follows a querier through native `await`s only when the querier itself is an
 * `async` function: with a plain arrow (`() => listMembers(id)`) the reads after an awaited
 * helper (an async function awaiting another) ran outside the observation and the page never
 * updated after a write to those tables. Wrapping every querier in an async function here
 * keeps each read observed, whatever shape the query function has.
 */
export function liveQuery<T>(querier: () => T | Promise<T>): Observable<T> {
  return dexieLiveQuery(async () => await querier());
}
