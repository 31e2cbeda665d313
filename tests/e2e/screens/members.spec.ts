import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { createInviteViaUi, startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

test('a neighbour joins with an invite link, a coordinator approves them, and they take a request', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const coordinatorPhone = await browser.newContext();
  const coordinator = await coordinatorPhone.newPage();
  await signUpViaUi(coordinator, uniqueUser('Cora'));
  const group = await startGroupViaUi(coordinator);
  // Joining needs a coordinator's approval in this group.
  await coordinator.goto(`/g/${group.id}/settings`);
  await coordinator.getByLabel('A coordinator approves each new member').check();
  await coordinator.getByRole('button', { name: 'Save' }).click();
  await expect(coordinator.locator('main').getByText('Settings saved on this phone')).toBeVisible();
  await createRequestViaUi(coordinator, group.id, { title: 'Fix a bike puncture' });
  const code = await createInviteViaUi(coordinator, group.id);

  const memberPhone = await browser.newContext();
  const member = await memberPhone.newPage();
  await signUpViaUi(member, uniqueUser('Milo'));
  await member.goto(`/join/${code}`);
  await expect(member.getByRole('heading', { level: 2, name: group.name })).toBeVisible();
  await expect(member.getByText('A coordinator will approve you')).toBeVisible();
  await expectNoA11yViolations(member);
  await member.getByRole('button', { name: `Join ${group.name}` }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
  await expect(member.getByText('Waiting for approval')).toBeVisible();

  // The coordinator's phone learns about the new member on its next sync.
  await coordinator.goto(`/g/${group.id}/members`);
  const pending = coordinator.getByRole('region', { name: 'Waiting for approval' });
  await expect(async () => {
    await coordinator.reload();
    await expect(pending.getByText('Milo')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await pending.getByRole('button', { name: 'Approve' }).click();
  await expect(coordinator.getByTestId('member').filter({ hasText: 'Milo' })).toBeVisible();

  // The member's phone sees the group and its requests once approved and synced.
  await expect(async () => {
    await member.goto('/groups');
    await member.getByRole('link', { name: group.name }).click({ timeout: 2_000 });
    await member.getByRole('link', { name: 'Fix a bike puncture' }).click({ timeout: 2_000 });
  }).toPass({ timeout: 40_000 });
  await member.getByRole('button', { name: "I'll do it" }).click();
  await expect(member.getByTestId('held-by')).toHaveText('you');
  await expectNoA11yViolations(member);

  await coordinatorPhone.close();
  await memberPhone.close();
});
