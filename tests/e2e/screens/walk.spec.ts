import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { createInviteViaUi, startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

test('a coordinator walks through every screen, each free of axe violations', async ({ page }) => {
  test.setTimeout(120_000);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Neighbours helping');
  await expect(page.getByRole('heading', { level: 2, name: 'Joining, not charity' })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  await expectNoA11yViolations(page);
  const user = await signUpViaUi(page, uniqueUser('Rosa'));
  await expect(page.getByText("You're not in a group yet")).toBeVisible();
  await expectNoA11yViolations(page);

  await page.goto('/groups/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Start a group' })).toBeVisible();
  await expect(page.getByLabel('Safety guidelines')).toHaveValue(/Contactless first/);
  await expectNoA11yViolations(page);
  const group = await startGroupViaUi(page, {
    neighborhoods: ['Crown Heights', 'Flatbush'],
    listed: true,
    area: 'Brooklyn',
  });

  // Members and invites: a code, its link and a QR code of the link.
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  const code = await createInviteViaUi(page, group.id);
  const invite = page.getByTestId('invite').first();
  await expect(
    invite.getByRole('img', { name: `QR code to join with invite code ${code}` }),
  ).toBeVisible();
  await expect(invite.getByLabel('Link to share')).toHaveValue(new RegExp(`/join/${code}$`));
  await expect(page.getByTestId('member')).toContainText(user.name);
  await expectNoA11yViolations(page);

  await page.goto(`/g/${group.id}/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Group settings' })).toBeVisible();
  await expect(page.getByLabel('Group name')).toHaveValue(group.name);
  await expectNoA11yViolations(page);

  await page.goto('/groups');
  await expect(page.getByText('0 open requests')).toBeVisible();
  await page.getByRole('link', { name: group.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Needs board' })).toBeVisible();
  await expect(page.getByText('No requests yet')).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'New request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New request' })).toBeVisible();
  await expect(
    page.getByRole('group', { name: /Only the helper and coordinators see this/ }),
  ).toBeVisible();
  await expectNoA11yViolations(page);

  const requestId = await createRequestViaUi(page, group.id, {
    title: 'Groceries for Mrs. K',
    details: 'Milk, bread, apples. She prefers the small shop on the corner.',
    neighborhood: 'Crown Heights',
    urgency: 'Urgent',
    address: '12 Elm Street, flat 3',
    phone: '555-0100',
    accessNotes: 'Buzzer broken: knock twice',
    onBehalfOf: 'Mrs. K',
  });
  await expect(page.getByRole('heading', { name: 'Private details' })).toBeVisible();
  await expect(page.getByText('12 Elm Street, flat 3')).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('held-by')).toHaveText('you');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Going at 5pm');
  await page.getByRole('button', { name: 'Add to the log' }).click();
  await expect(page.getByTestId('log-timeline')).toContainText('Going at 5pm');
  await expectNoA11yViolations(page);

  // Cancel dialog: focus goes in, Escape closes it and focus returns to the button.
  await page.getByRole('button', { name: 'Cancel request…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this request' });
  await expect(dialog).toBeVisible();
  await expectNoA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cancel request…' })).toBeFocused();

  await page.goto('/tasks');
  await expect(page.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
  await expect(page.getByTestId('task-item')).toContainText('Groceries for Mrs. K');
  await expectNoA11yViolations(page);

  await page.goto(`/g/${group.id}/offers/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'New offer' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel('What can you offer?').fill('Car free on weekends');
  await page.getByLabel('Category').selectOption('groceries');
  await page.getByRole('button', { name: 'Post offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
  await expect(page.getByTestId('offer')).toContainText('Car free on weekends');
  await expectNoA11yViolations(page);

  await page.goto('/join');
  await expect(page.getByRole('heading', { level: 1, name: 'Join a group' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto(`/join/${code}`);
  await expect(page.getByRole('heading', { level: 2, name: group.name })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.goto('/directory');
  await expect(page.getByRole('heading', { level: 1, name: 'Find a group near me' })).toBeVisible();
  await page.getByLabel('Search').fill(group.name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 2, name: group.name })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.goto(`/g/${group.id}/requests/${requestId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Groceries for Mrs. K' })).toBeVisible();
});
