import { expect, test } from '@playwright/test';
import { startGroupViaUi } from '../support/groups';
import { signUpViaUi, uniqueUser } from '../support/users';

test('a sign-up refused by the server keeps what was typed and says why, by field', async ({
  page,
}) => {
  const taken = await signUpViaUi(page, uniqueUser('First'));
  await page.context().clearCookies();
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Neighbours helping');

  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Second');
  await page.getByLabel('Email or username').fill(taken.login);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(page.getByLabel('Your name')).toHaveValue('Second');
  await expect(page.getByLabel('Email or username')).toHaveValue(taken.login);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('short');

  await page.getByLabel('Password', { exact: true }).fill('long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText('That email or username is already taken.');
  await expect(page.getByLabel('Your name')).toHaveValue('Second');
});

test('wrong credentials are explained and the login stays typed', async ({ page }) => {
  const user = uniqueUser();
  await page.goto('/signin');
  await page.getByLabel('Email or username').fill(user.login);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    "That email or username and password don't match.",
  );
  await expect(page.getByLabel('Email or username')).toHaveValue(user.login);
});

test('a request without a title is refused by the domain rules, field by field, keeping the rest', async ({
  page,
}) => {
  await signUpViaUi(page, uniqueUser());
  const group = await startGroupViaUi(page);
  await page.goto(`/g/${group.id}/requests/new`);
  await page.getByLabel('Details', { exact: true }).fill('Two bags from the food bank');
  await page.getByLabel('Address', { exact: true }).fill('9 Oak Lane');
  await page.getByRole('button', { name: 'Post request' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please check the marked fields.');
  const title = page.getByLabel('What is needed?');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription(/Please fill this in\./);
  await expect(page.getByLabel('Details', { exact: true })).toHaveValue(
    'Two bags from the food bank',
  );
  await expect(page.getByLabel('Address', { exact: true })).toHaveValue('9 Oak Lane');

  await title.fill('Food bank pick-up');
  await page.getByRole('button', { name: 'Post request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Food bank pick-up' })).toBeVisible();
});

test('"start a group" opens its folded settings at an error there and focuses the field', async ({
  page,
}) => {
  await signUpViaUi(page, uniqueUser('Fia'));
  await page.goto('/groups/new');
  await page.getByLabel('Group name').fill(`Fold ${Date.now()}`);
  const more = page.getByText('More settings');
  await more.click();
  const extra = page.getByLabel('Extra categories');
  await extra.fill('Kids & toys');
  await more.click();
  await expect(extra).toBeHidden();
  await page.getByRole('button', { name: 'Start the group' }).click();
  await expect(extra).toBeVisible();
  await expect(extra).toBeFocused();
  await expect(extra).toHaveValue('Kids & toys');
  await expect(extra).toHaveAttribute('aria-invalid', 'true');
});
