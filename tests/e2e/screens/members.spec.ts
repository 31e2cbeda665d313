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

test('role changes ask first, the last coordinator is not offered a demotion, and invite limits follow the protocol', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const coordinatorPhone = await browser.newContext();
  const coordinator = await coordinatorPhone.newPage();
  await signUpViaUi(coordinator, uniqueUser('Cleo'));
  const group = await startGroupViaUi(coordinator);
  await coordinator.goto(`/g/${group.id}/members`);
  const me = coordinator.getByTestId('member').filter({ hasText: 'Cleo' });
  await expect(me.getByText('Only coordinator')).toBeVisible();
  await expect(me.getByRole('button')).toHaveCount(0);

  await coordinator.getByLabel('Maximum uses').fill('0');
  await coordinator.getByRole('button', { name: 'Create invite code' }).click();
  await expect(coordinator.getByLabel('Maximum uses')).toHaveAttribute('aria-invalid', 'true');
  await coordinator.getByLabel('Maximum uses').fill('5');
  await coordinator.getByRole('button', { name: 'Create invite code' }).click();
  const invite = coordinator.getByTestId('invite').first();
  await expect(invite).toContainText('Used 0 of 5 times');
  const code = (await invite.getByRole('heading', { level: 3 }).textContent())?.trim() ?? '';
  await expect(invite.getByLabel('Link to share')).toHaveValue(new RegExp(`/join/${code}$`));
  await expect(invite.getByRole('button', { name: 'Copy link' })).toHaveAccessibleDescription(code);

  // Joined by a pasted link, in lower case with spaces.
  const memberPhone = await browser.newContext();
  const member = await memberPhone.newPage();
  await signUpViaUi(member, uniqueUser('Nico'));
  await member.goto('/join');
  await member.getByLabel('Invite code').fill(`  http://127.0.0.1/join/${code.toLowerCase()} `);
  await member.getByRole('button', { name: 'Check the code' }).click();
  await expect(member).toHaveURL(new RegExp(`/join/${code}$`));
  await member.getByRole('button', { name: `Join ${group.name}` }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Needs board' })).toBeVisible();

  const nico = coordinator.getByTestId('member').filter({ hasText: 'Nico' });
  await expect(async () => {
    await coordinator.reload();
    await expect(nico).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await nico.getByRole('button', { name: 'Make coordinator' }).click();
  const dialog = coordinator.getByRole('dialog', { name: /Make .*Nico.* a coordinator\?/ });
  await expect(dialog).toContainText('private details');
  await expectNoA11yViolations(coordinator);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(nico.getByText('Coordinator', { exact: true })).toHaveCount(0);
  await nico.getByRole('button', { name: 'Make coordinator' }).click();
  await dialog.getByRole('button', { name: 'Make coordinator' }).click();
  await expect(nico.getByText('Coordinator', { exact: true })).toBeVisible();
  // Now there are two: either may step down.
  await expect(me.getByRole('button', { name: 'Make member' })).toBeVisible();

  // Offline, invites say they can't be loaded (not "none").
  await coordinatorPhone.setOffline(true);
  await coordinator.reload();
  await expect(coordinator.getByTestId('invites-unavailable')).toBeVisible();
  await expect(coordinator.getByText('No active invite codes.')).toHaveCount(0);
  await coordinatorPhone.setOffline(false);

  await coordinatorPhone.close();
  await memberPhone.close();
});
