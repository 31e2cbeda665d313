import { expect, test } from '@playwright/test';
import type { Log, Request } from '../../../src/lib/domain';
import { ApiPerson, groupWith } from './support/api';
import { phoneFor, readTable, waitUntilSynced } from './support/device';

// A story with several phones, offline spells and syncs: longer than a screen test.
test.setTimeout(120_000);

test('edits made offline wait through an expired session and all sync after signing in again', async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia']);
  const mia = members[0]!;
  const request = await coordinator.postRequest(groupId, { title: 'Collect the bread donation' });
  const { page, context } = await phoneFor(browser, mia.account);
  await page.goto(`/g/${groupId}/requests/${request.id}`);

  await context.setOffline(true);
  await page.getByRole('button', { name: "I'll do it" }).click();
  for (const note of ['Bakery said come at six', 'Got four loaves']) {
    await page.getByRole('textbox', { name: 'Note', exact: true }).fill(note);
    await page.getByRole('button', { name: 'Add to the log' }).click();
    await expect(page.getByText(note)).toBeVisible();
  }
  await expect(page.getByTestId('outbox-count')).toHaveText('3 changes waiting to sync');

  // Meanwhile the session ends on the server ("sign out everywhere" from another device).
  const elsewhere = await ApiPerson.signIn(mia.account);
  await elsewhere.signOutEverywhere();

  await context.setOffline(false);
  const banner = page.getByTestId('signin-again');
  await expect(banner).toContainText('Your session has ended', { timeout: 20_000 });
  await expect(banner).toContainText('Your 3 changes are safe on this phone');
  // Nothing left the outbox.
  expect(await readTable(page, 'outbox')).toHaveLength(3);

  await banner.getByRole('link', { name: 'Sign in again' }).click();
  await page.getByLabel('Email or username').fill(mia.account.login);
  await page.getByLabel('Password', { exact: true }).fill(mia.account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: request.title })).toBeVisible();
  await waitUntilSynced(page);
  await expect(banner).toHaveCount(0);
  expect(await readTable(page, 'outbox')).toEqual([]);

  const onServer = await coordinator.pullAll();
  expect(onServer.find((r) => r.id === request.id) as Request).toMatchObject({
    status: 'claimed',
    assigneeId: mia.user.id,
  });
  const notes = onServer
    .filter((r): r is Log => r.type === 'log' && r.parentId === request.id && r.kind === 'note')
    .map((log) => log.text)
    .sort();
  expect(notes).toEqual(['Bakery said come at six', 'Got four loaves']);

  await Promise.all([context.close(), coordinator.dispose(), mia.dispose(), elsewhere.dispose()]);
});
