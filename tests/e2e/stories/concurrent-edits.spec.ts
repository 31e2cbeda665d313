import { expect, test, type Page } from '@playwright/test';
import type { Request } from '../../../src/lib/domain';
import { groupWith } from './support/api';
import { phoneFor, readTable, syncNow, waitUntilSynced } from './support/device';

async function edit(page: Page, url: string, field: string, value: string): Promise<void> {
  await page.goto(`${url}/edit`);
  await page.getByLabel(field, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('outbox-count')).not.toHaveText('All changes synced');
}

async function stored(page: Page, id: string): Promise<Request | undefined> {
  return (await readTable<Request>(page, 'requests')).find((r) => r.id === id);
}

// A story with several phones, offline spells and syncs: longer than a screen test.
test.setTimeout(120_000);

test('offline edits of one request: different fields are both kept; the same field goes to the conflict inbox and the choice syncs to both', async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia']);
  const mia = members[0]!;
  // Mia asked; the coordinator may edit any request: both can edit this one.
  const request = await mia.postRequest(groupId, {
    title: 'Soup for the Ortiz family',
    details: 'Vegetarian',
  });
  const url = `/g/${groupId}/requests/${request.id}`;
  const miaPhone = await phoneFor(browser, mia.account);
  const coraPhone = await phoneFor(browser, coordinator.account);

  // Different fields, offline on both phones.
  await miaPhone.context.setOffline(true);
  await coraPhone.context.setOffline(true);
  await edit(miaPhone.page, url, 'Details', 'Vegetarian, no nuts');
  await edit(coraPhone.page, url, 'Neighbourhood', 'Sunset Park');
  await miaPhone.context.setOffline(false);
  await waitUntilSynced(miaPhone.page);
  await coraPhone.context.setOffline(false);
  await waitUntilSynced(coraPhone.page);
  await syncNow(miaPhone.page);
  for (const page of [miaPhone.page, coraPhone.page]) {
    expect(await stored(page, request.id)).toMatchObject({
      details: 'Vegetarian, no nuts',
      neighborhood: 'Sunset Park',
    });
  }
  expect(await readTable(coraPhone.page, 'conflicts')).toEqual([]);

  // The same field: Mia syncs first, the coordinator second and gets a conflict.
  await miaPhone.context.setOffline(true);
  await coraPhone.context.setOffline(true);
  await edit(miaPhone.page, url, 'What is needed?', 'Soup and bread for the Ortiz family');
  await edit(coraPhone.page, url, 'What is needed?', 'Soup for the Ortiz family (4 people)');
  await miaPhone.context.setOffline(false);
  await waitUntilSynced(miaPhone.page);
  await coraPhone.context.setOffline(false);
  await expect(coraPhone.page.getByTestId('conflicts-link')).toHaveText('1 conflict to resolve', {
    timeout: 20_000,
  });
  await coraPhone.page.getByTestId('conflicts-link').click();
  const conflict = coraPhone.page.getByTestId('conflict');
  await expect(conflict).toHaveAttribute('data-field', 'title');
  await expect(conflict.getByTestId('conflict-yours')).toHaveText(
    'Soup for the Ortiz family (4 people)',
  );
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText(
    'Soup and bread for the Ortiz family',
  );
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(coraPhone.page.getByTestId('conflicts-empty')).toBeVisible();
  await waitUntilSynced(coraPhone.page);

  // The choice reaches the server and Mia's phone.
  const onServer = (await coordinator.pullAll()).find((r) => r.id === request.id) as Request;
  expect(onServer.title).toBe('Soup for the Ortiz family (4 people)');
  await syncNow(miaPhone.page);
  expect((await stored(miaPhone.page, request.id))?.title).toBe(
    'Soup for the Ortiz family (4 people)',
  );
  expect((await stored(coraPhone.page, request.id))?.title).toBe(
    'Soup for the Ortiz family (4 people)',
  );

  await Promise.all([
    miaPhone.context.close(),
    coraPhone.context.close(),
    coordinator.dispose(),
    mia.dispose(),
  ]);
});
