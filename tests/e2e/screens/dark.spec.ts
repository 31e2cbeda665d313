import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

test.use({ colorScheme: 'dark' });

test('in dark mode the main screens keep AA contrast (axe finds no violations)', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await expectNoA11yViolations(page);
  await signUpViaUi(page, uniqueUser('Dana'));
  const group = await startGroupViaUi(page, { neighborhoods: ['Uptown'] });
  await expectNoA11yViolations(page);
  await createRequestViaUi(page, group.id, {
    title: 'Dog walk while I recover',
    urgency: 'Urgent',
    address: '3 Hill Road',
    onBehalfOf: 'Jo',
  });
  await expectNoA11yViolations(page);
  await page.goto(`/g/${group.id}`);
  await expect(page.getByTestId('request-row')).toHaveCount(1);
  await expectNoA11yViolations(page);
  await page.goto(`/g/${group.id}/requests/new`);
  await expectNoA11yViolations(page);
});
