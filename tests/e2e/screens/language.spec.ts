import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { startGroupViaUi } from '../support/groups';
import { signUpViaUi, uniqueUser } from '../support/users';

test('switching to Spanish translates every screen at once, and switching back restores English', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signUpViaUi(page, uniqueUser('Lucía'));
  const group = await startGroupViaUi(page, { neighborhoods: ['Centro'] });

  await page.goto('/settings');
  await page.getByLabel('Español').check();
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  const nav = page.getByRole('navigation', { name: 'Principal' });
  await expect(nav.getByRole('link', { name: 'Grupos' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Mis tareas' })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.goto(`/g/${group.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tablón de necesidades' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nueva solicitud' })).toBeVisible();
  await expect(page.getByTestId('status-counts')).toContainText('Abierta');
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'Nueva solicitud' }).click();
  await expect(
    page.getByRole('group', { name: /Solo lo ven quien ayuda y la coordinación/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Publicar la solicitud' }).click();
  await expect(page.getByRole('alert')).toHaveText('Revisa los campos marcados.');
  await expect(page.getByText('Rellena este campo.')).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'Ajustes', exact: true }).click();
  await page.getByLabel('English').check();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The choice is kept on the device across reloads.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
