import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countByStatus, createRequest, liveQuery, outboxCount } from '../../../src/lib/services';
import type { RequestStatus } from '../../../src/lib/domain';
import { freshDb, signedInMember } from '../db/fixtures';

/** Collect a live query's values until `until` holds for the latest one. */
function next<T>(query: () => Promise<T>, until: (value: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        if (until(value)) {
          subscription.unsubscribe();
          resolve(value);
        }
      },
      error: reject,
    });
  });
}

describe('live queries', () => {
  it('re-run the counts and the outbox count when a request is written', async () => {
    const database = freshDb();
    const { group } = await signedInMember(database);
    const counts = next(
      () => countByStatus(group.id),
      (c: Record<RequestStatus, number>) => c.open === 1,
    );
    const waiting = next(outboxCount, (n) => n === 1);
    await createRequest(group.id, {
      category: 'groceries',
      title: 'Bread',
      urgency: 'soon',
    });
    expect((await counts).open).toBe(1);
    expect(await waiting).toBe(1);
  });
});
