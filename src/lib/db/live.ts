/**
 * Pages wrap repository functions in `liveQuery` to re-run them when the tables they read
 * change; this is the one place outside src/lib/db and services that may name Dexie.
 */
export { liveQuery, type Observable } from 'dexie';
