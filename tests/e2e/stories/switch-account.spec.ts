import { expect, test } from '@playwright/test';
import type { SessionMeta } from '../../../src/lib/db/rows';
import { groupWith } from './support/api';
import { phoneFor, readTable } from './support/device';

// A story with two accounts on one phone: longer than a screen test.
test.setTimeout(120_000);

test('signing in as someone else asks before deleting unsynced changes, and cancel keeps them', async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia', 'Ned']);
  const [mia, ned] = members as [(typeof members)[0], (typeof members)[0]];
  const request = await coordinator.postRequest(groupId, { title: 'Carry the water bottles' });
  const { page, context } = await phoneFor(browser, mia.account);
  const session = async () =>
    (await readTable<{ key: string; value: SessionMeta }>(page, 'meta')).find(
      (row) => row.key === 'session',
    )?.value.user.id;

  // Mia's claim stays on the phone: her pushes never get through.
  await page.route('**/api/v1/sync/push', (route) => route.abort());
  await page.goto(`/g/${groupId}/requests/${request.id}`);
  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('outbox-count')).toHaveText('1 change waiting to sync');

  const signInAsNed = async () => {
    await page.getByLabel('Email or username').fill(ned.account.login);
    await page.getByLabel('Password', { exact: true }).fill(ned.account.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };
  await page.goto('/signin');
  await signInAsNed();
  const dialog = page.getByRole('dialog', { name: 'Changes not synced' });
  await expect(dialog).toContainText(
    '1 change made by Mia on this phone has not synced and will be deleted — sign in anyway?',
  );
  // The safe choice is the default: Enter cancels.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await readTable(page, 'outbox')).toHaveLength(1);
  expect(await session()).toBe(mia.user.id);

  await signInAsNed();
  await dialog.getByRole('button', { name: 'Sign in and delete them' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
  expect(await readTable(page, 'outbox')).toEqual([]);
  expect(await session()).toBe(ned.user.id);

  await Promise.all([context.close(), coordinator.dispose(), mia.dispose(), ned.dispose()]);
});
