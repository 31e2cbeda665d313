import { expect, test } from '@playwright/test';
import { URGENCIES, newId, type Request } from '../../../src/lib/domain';
import type { Mutation } from '../../../src/lib/protocol';
import { makeRequest } from '../../fixtures/records';
import { ApiPerson } from '../stories/support/api';
import { signInViaUi } from '../support/users';

const TOTAL = 10_000;
const BATCH = 500;

test('with 10,000 requests on the phone the board renders one page, counts all, and filters fast', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // Seeded through the sync API (fast), then pulled by the phone like any group's history.
  const coordinator = await ApiPerson.signUp('Ada');
  const groupId = await coordinator.createGroup('Big Borough Mutual Aid');
  const now = new Date().toISOString();
  for (let start = 0; start < TOTAL; start += BATCH) {
    const mutations: Mutation[] = [];
    for (let i = start; i < start + BATCH; i++) {
      const record: Request = makeRequest({
        id: newId(),
        groupId,
        createdBy: coordinator.user.id,
        requesterId: coordinator.user.id,
        createdAt: now,
        updatedAt: now,
        title: i === 4242 ? 'Needle in the haystack' : `Errand number ${i}`,
        urgency: URGENCIES[i % 3]!,
        neededBy: null,
        category: 'groceries',
      });
      delete record.rev;
      delete record.private;
      mutations.push({
        mid: newId(),
        op: 'create',
        type: 'request',
        id: record.id,
        groupId,
        at: now,
        record,
      });
    }
    const results = await coordinator.push(mutations);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
  }

  const seeded = Date.now();
  await signInViaUi(page, coordinator.account);
  await page.goto(`/g/${groupId}`);
  const showing = page.getByTestId('board-showing');
  await expect(showing).toHaveText('Showing 50 of 10,000', { timeout: 180_000 });
  console.log(`10,000 requests pulled and the board shown in ${Date.now() - seeded} ms`);
  const rows = page.getByTestId('request-row');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Urgent');

  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(rows).toHaveCount(100);
  await expect(showing).toHaveText('Showing 100 of 10,000');

  // Filters and search answer from the indexes, not by rendering everything.
  const search = page.getByLabel('Search', { exact: true });
  if (!(await search.isVisible())) await page.getByText('Filters').click();
  const started = Date.now();
  await search.fill('needle');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Needle in the haystack');
  expect(Date.now() - started).toBeLessThan(5_000);

  await search.fill('');
  await page.getByLabel('Urgency').selectOption('Flexible');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Flexible');
  await coordinator.dispose();
});
