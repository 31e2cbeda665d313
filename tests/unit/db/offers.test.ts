import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId, type Offer } from '../../../src/lib/domain';
import { toRow, type NeighborlyDB } from '../../../src/lib/db';
import { listOffers, offerMatches } from '../../../src/lib/db/queries/offers';
import { freshDb, makeGroup, makeRequest, T0 } from './fixtures';

let database: NeighborlyDB;
beforeEach(() => {
  database = freshDb();
});

const group = makeGroup();

function offer(overrides: Partial<Offer> = {}): Offer {
  return {
    id: newId(),
    type: 'offer',
    groupId: group.id,
    createdAt: T0,
    createdBy: newId(),
    updatedAt: T0,
    archived: false,
    category: 'groceries',
    title: 'Car on weekends',
    details: '',
    neighborhood: '',
    availability: '',
    status: 'available',
    ...overrides,
  };
}

describe("an offer's matches", () => {
  beforeEach(async () => {
    const rows = [
      ...Array.from({ length: 7 }, () => makeRequest(group, { neighborhood: 'North' })),
      ...Array.from({ length: 2 }, () => makeRequest(group, { neighborhood: '' })),
      makeRequest(group, { neighborhood: 'North', urgency: 'urgent', title: 'First' }),
      makeRequest(group, { neighborhood: '', urgency: 'urgent', title: 'Second' }),
      ...Array.from({ length: 4 }, () => makeRequest(group, { neighborhood: 'South' })),
      makeRequest(group, { neighborhood: 'North', category: 'pharmacy' }),
      makeRequest(group, { neighborhood: 'North', status: 'claimed', assigneeId: newId() }),
      makeRequest(group, { neighborhood: 'North', archived: true }),
    ];
    await database.requests.bulkPut(rows.map((r) => toRow(r)));
  });

  it('nearby: that neighbourhood and none named, first ones by urgency, counted apart', async () => {
    const found = await offerMatches(offer({ neighborhood: ' north' }), 3);
    expect(
      found.matches
        .map((r) => r.title)
        .slice(0, 2)
        .sort(),
    ).toEqual(['First', 'Second']);
    expect(found.matches).toHaveLength(3);
    expect(found.count).toBe(11);
    expect(found.categoryCount).toBe(15);
  });

  it('an offer naming no neighbourhood meets the whole category', async () => {
    const found = await offerMatches(offer(), 2);
    expect(found.matches).toHaveLength(2);
    expect(found.count).toBe(15);
    expect(found.categoryCount).toBe(15);
  });

  it('a closed offer lists no matches', async () => {
    await database.offers.bulkPut([toRow(offer({ status: 'closed' }))]);
    const [item] = await listOffers(group.id, { statuses: ['closed'] });
    expect(item).toMatchObject({ matches: [], matchCount: 0, categoryCount: 0 });
  });
});
