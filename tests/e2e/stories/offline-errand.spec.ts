import { expect, test } from '@playwright/test';
import { groupWith } from './support/api';
import { phoneFor, readTable, waitUntilSynced } from './support/device';

// A story with several phones, offline spells and syncs: longer than a screen test.
test.setTimeout(120_000);

test('an errand run offline — claim and two log entries — survives a reload and syncs to the coordinator', async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia']);
  const mia = members[0]!;
  const request = await coordinator.postRequest(groupId, { title: 'Pharmacy pickup for Mr. O' });
  const phone = await phoneFor(browser, mia.account);
  const { page, context } = phone;
  const url = `/g/${groupId}/requests/${request.id}`;
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: request.title })).toBeVisible();

  await context.setOffline(true);
  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('pending-badge').first()).toBeVisible();
  for (const note of ['Picked up the prescription', 'Left it with the neighbour at 4B']) {
    await page.getByRole('textbox', { name: 'Note', exact: true }).fill(note);
    await page.getByRole('button', { name: 'Add to the log' }).click();
    await expect(page.getByText(note)).toBeVisible();
  }
  await expect(page.getByTestId('outbox-count')).toHaveText('3 changes waiting to sync');

  // Still offline: the service worker serves the app, IndexedDB still has everything.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: request.title })).toBeVisible();
  await expect(page.getByText('Picked up the prescription')).toBeVisible();
  await expect(page.getByText('Left it with the neighbour at 4B')).toBeVisible();
  await expect(page.getByTestId('outbox-count')).toHaveText('3 changes waiting to sync');

  await context.setOffline(false);
  await waitUntilSynced(page);
  expect(await readTable(page, 'outbox')).toEqual([]);

  const desk = await phoneFor(browser, coordinator.account);
  await desk.page.goto(url);
  await expect(desk.page.getByText('Picked up the prescription')).toBeVisible();
  await expect(desk.page.getByText('Left it with the neighbour at 4B')).toBeVisible();
  const stored = (
    await readTable<{ id: string; status: string; assigneeId: string }>(desk.page, 'requests')
  ).find((r) => r.id === request.id);
  expect(stored).toMatchObject({ status: 'claimed', assigneeId: mia.user.id });

  await Promise.all([
    phone.context.close(),
    desk.context.close(),
    coordinator.dispose(),
    mia.dispose(),
  ]);
});
