import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signInViaUi, signUpViaUi, uniqueUser } from '../support/users';

test('sign-in, a board with rows in Spanish, and the quick-log dialog have no axe violations', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoA11yViolations(page);

  await signUpViaUi(page, uniqueUser('Inés'));
  const group = await startGroupViaUi(page);
  await createRequestViaUi(page, group.id, { title: 'Pan y leche', onBehalfOf: 'Doña Rosa' });
  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('held-by')).toHaveText('you');

  await page.goto('/tasks');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('dialog', { name: /Log errand/ })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.keyboard.press('Escape');

  await page.goto('/settings');
  await page.getByLabel('Español').check();
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
  await page.goto(`/g/${group.id}`);
  await expect(page.getByTestId('request-row')).toHaveCount(1);
  await expect(page.getByTestId('board-showing')).toHaveText('Se muestran 1 de 1');
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Pan y leche' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pan y leche' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto('/settings');
  await page.getByLabel('English').check();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('"sign out on every device" ends the sessions of other devices too', async ({ browser }) => {
  test.setTimeout(60_000);
  const first = await browser.newContext();
  const phone = await first.newPage();
  const account = await signUpViaUi(phone, uniqueUser('Evi'));
  const second = await browser.newContext();
  const laptop = await second.newPage();
  await signInViaUi(laptop, account);

  await phone.goto('/settings');
  await phone.getByRole('button', { name: 'Sign out on every device' }).click();
  const dialog = phone.getByRole('dialog', { name: 'Sign out on every device?' });
  await expectNoA11yViolations(phone);
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(phone).toHaveURL(/\/$/);

  // The laptop's session is gone on the server: its next call is refused.
  const status = await laptop.evaluate(async () => (await fetch('/api/v1/me')).status);
  expect(status).toBe(401);
  await first.close();
  await second.close();
});
