import { expect, test } from '@playwright/test';
import { startGroupViaUi } from '../support/groups';
import { signUpViaUi, uniqueUser } from '../support/users';

test('the directory is kept on the phone and searched offline with a "last updated" note', async ({
  page,
  context,
}) => {
  await signUpViaUi(page, uniqueUser('Ivy'));
  const group = await startGroupViaUi(page, { listed: true, area: 'Seaside' });
  await page.goto('/directory');
  await page.getByLabel('Search').fill(group.name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 2, name: group.name })).toBeVisible();
  await expect(page.getByTestId('directory-status')).toContainText('Last updated');

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('directory-status')).toContainText(
    "You're offline: showing the list saved on this phone",
  );
  await expect(page.getByRole('heading', { level: 2, name: group.name })).toBeVisible();
  await context.setOffline(false);
});
