import { expect, test } from '@playwright/test';
import { newId, type Request } from '../../../src/lib/domain';
import type { Mutation } from '../../../src/lib/protocol';
import { makeRequest } from '../../fixtures/records';
import { ApiPerson } from '../stories/support/api';
import { expectNoA11yViolations } from '../support/a11y';
import { signInViaUi } from '../support/users';

/** A group with `count` open requests (seeded through the sync API), pulled by `page`. */
async function seededBoard(page: import('@playwright/test').Page, count: number) {
  const coordinator = await ApiPerson.signUp('Bea');
  const groupId = await coordinator.createGroup(`Board ${newId().slice(-5)}`);
  const now = new Date().toISOString();
  const mutations: Mutation[] = [];
  for (let i = 0; i < count; i++) {
    const record: Request = makeRequest({
      id: newId(),
      groupId,
      createdBy: coordinator.user.id,
      requesterId: coordinator.user.id,
      createdAt: now,
      updatedAt: now,
      title: `Errand number ${String(i).padStart(3, '0')}`,
      urgency: 'soon',
      neededBy: null,
      // Typed neighbourhoods, not in the group's settings.
      neighborhood: i % 10 === 0 ? 'Riverside' : 'Hill Top',
      category: i % 10 === 0 ? 'pharmacy' : 'groceries',
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
  await signInViaUi(page, coordinator.account);
  await page.goto(`/g/${groupId}`);
  await expect(page.getByTestId('board-showing')).toHaveText(`Showing 50 of ${count}`, {
    timeout: 30_000,
  });
  return { coordinator, groupId };
}

test('on a phone, search sits outside the folded filters; the summary counts filters on; matches are counted', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 360, height: 740 });
  const { coordinator } = await seededBoard(page, 60);
  const rows = page.getByTestId('request-row');
  await expectNoA11yViolations(page);

  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(search).toBeVisible();
  await expect(page.getByText('Filters', { exact: true })).toBeVisible();
  await search.fill('number 01');
  await expect(rows).toHaveCount(10);
  await expect(page.getByTestId('board-showing')).toHaveText('Showing 10 of 10');
  await search.fill('');

  await page.getByText('Filters', { exact: true }).click();
  // Typed neighbourhoods are offered, though the group's settings list none.
  await page.getByLabel('Neighbourhood').selectOption('Riverside');
  await page.getByLabel('Category').selectOption('Pharmacy');
  await expect(page.getByText('Filters (2)')).toBeVisible();
  await expect(rows).toHaveCount(6);
  await expect(page.getByTestId('board-showing')).toHaveText('Showing 6 of 6');
  await expect(page).toHaveURL(/category=pharmacy/);
  await expect(page).toHaveURL(/hood=Riverside/);
  await expectNoA11yViolations(page);
  await coordinator.dispose();
});

test('Back from a request keeps the filters, the search, "show more" and the scroll position', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { coordinator, groupId } = await seededBoard(page, 120);
  const rows = page.getByTestId('request-row');
  await page.getByRole('searchbox', { name: 'Search' }).fill('errand');
  await expect(page).toHaveURL(/q=errand/);
  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(rows).toHaveCount(100);
  await expect(page).toHaveURL(/shown=100/);

  const target = rows.nth(80);
  await target.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(1000);
  const title = (await target.getByRole('link').textContent())?.trim() ?? '';
  await target.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await page.goBack();
  await expect(rows).toHaveCount(100);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('errand');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 200);
  await expect(page.getByRole('link', { name: title })).toBeInViewport();

  // The same query as a link opens the same board.
  await page.goto(`/g/${groupId}?hood=Riverside`);
  await expect(rows).toHaveCount(12);
  await expect(page.getByLabel('Neighbourhood')).toHaveValue('Riverside');
  await coordinator.dispose();
});
