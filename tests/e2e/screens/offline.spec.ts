import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { startGroupViaUi } from '../support/groups';
import { createRequestViaUi, fillRequestForm } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

/**
 * With the network gone after the app has loaded, creating, claiming and logging still
 * work: every write lands on the phone at once, marked as waiting to sync. Navigation is
 * client-side (links), so these tests need no service worker.
 */

async function warmUp(page: Page, groupId: string, requestId: string): Promise<void> {
  // Load each screen's code once while online; offline, the SPA navigates with it.
  await page.goto(`/g/${groupId}/requests/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'New request' })).toBeVisible();
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
  await page.goto(`/g/${groupId}/requests/${requestId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`/g/${groupId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Needs board' })).toBeVisible();
}

test('offline, a coordinator creates a request for a neighbour, claims it and logs the errand', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await signUpViaUi(page, uniqueUser('Sam'));
  const group = await startGroupViaUi(page, { neighborhoods: ['Riverside'] });
  const first = await createRequestViaUi(page, group.id, { title: 'Warm-up request' });
  await warmUp(page, group.id, first);

  await context.setOffline(true);
  await expect(page.getByTestId('connection-state')).toContainText('Offline');

  await page.getByRole('link', { name: 'New request' }).click();
  await fillRequestForm(page, {
    title: 'Soup for Mr. Ortiz',
    neighborhood: 'Riverside',
    urgency: 'Urgent',
    address: '4 River Road',
    onBehalfOf: 'Mr. Ortiz',
  });
  await page.getByRole('button', { name: 'Post request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Soup for Mr. Ortiz' })).toBeVisible();
  await expect(page.getByTestId('pending-note')).toBeVisible();
  await expect(page.getByText('4 River Road')).toBeVisible();

  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('held-by')).toHaveText('you');
  await expect(page.getByRole('status').filter({ hasText: 'Now: Claimed' })).toBeAttached();

  await page.getByLabel('What to log').selectOption('time');
  await page.getByLabel('Minutes').fill('45');
  await page.getByRole('button', { name: 'Add to the log' }).click();
  const timeline = page.getByTestId('log-timeline');
  await expect(timeline).toContainText('Time spent');
  await expect(timeline).toContainText('45 minutes');
  await expect(timeline.getByTestId('pending-badge').first()).toBeVisible();

  await page.getByRole('link', { name: 'My tasks' }).click();
  const task = page.getByTestId('task-item').filter({ hasText: 'Soup for Mr. Ortiz' });
  await expect(task).toBeVisible();
  await expect(task.getByTestId('pending-badge')).toBeVisible();
  await task.getByRole('button', { name: 'Delivered' }).click();
  await task.getByRole('button', { name: 'Add note' }).click();
  const dialog = page.getByRole('dialog', { name: /Log errand: Soup for Mr. Ortiz/ });
  await dialog.getByLabel('Note').fill('Left at the door, he waved');
  await dialog.getByRole('button', { name: 'Add to the log' }).click();
  await expect(dialog).toBeHidden();

  // create + claim + time + delivered + note (the warm-up request synced nowhere either).
  await expect(page.getByTestId('outbox-count')).toContainText('changes waiting to sync');
  await task.getByRole('link', { name: 'Soup for Mr. Ortiz' }).click();
  await expect(timeline).toContainText('Delivered');
  await expect(timeline).toContainText('Left at the door, he waved');

  // Still offline: the board shows the new request, claimed and pending.
  await page.getByRole('link', { name: 'Needs', exact: true }).click();
  const row = page.getByTestId('request-row').filter({ hasText: 'Soup for Mr. Ortiz' });
  await expect(row).toContainText('Claimed');
  await expect(row.getByTestId('pending-badge')).toBeVisible();
  await context.setOffline(false);
});

test('offline, changes wait in the outbox and the sign-out dialog warns how many would be lost', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  await signUpViaUi(page, uniqueUser('Kim'));
  const group = await startGroupViaUi(page);
  const id = await createRequestViaUi(page, group.id, { title: 'Batteries for the radio' });
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.goto(`/g/${group.id}/requests/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByTestId('connection-state')).toContainText('Offline');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Bought AA and AAA');
  await page.getByRole('button', { name: 'Add to the log' }).click();
  await expect(page.getByTestId('log-timeline')).toContainText('Bought AA and AAA');
  // Offline nothing can leave the phone: at least the note waits in the outbox.
  const count = page.getByTestId('outbox-count');
  await expect(count).toContainText(/\d+ changes? waiting to sync/);
  const waiting = Number((await count.textContent())?.match(/\d+/)?.[0]);
  expect(waiting).toBeGreaterThanOrEqual(1);

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out?' });
  await expect(dialog.getByTestId('signout-offline')).toContainText(
    'the server ends the session the next time it connects',
  );
  await expectNoA11yViolations(page);
  await expect(dialog.getByTestId('signout-waiting')).toContainText(
    waiting === 1 ? "1 change hasn't synced yet" : `${waiting} changes haven't synced yet`,
  );
  await expect(dialog.getByRole('button', { name: 'Sign out and lose them' })).toBeVisible();
  // The safe choice has the focus: Enter never signs out by accident.
  await expect(dialog.getByRole('button', { name: 'Stay and sync first' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Stay and sync first' }).click();
  await expect(dialog).toBeHidden();
  await context.setOffline(false);
});
