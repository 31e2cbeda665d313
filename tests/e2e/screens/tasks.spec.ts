import { expect, test } from '@playwright/test';
import { startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('my tasks groups what I hold into today, upcoming and done', async ({ page }) => {
  test.setTimeout(90_000);
  await signUpViaUi(page, uniqueUser('Tam'));
  const group = await startGroupViaUi(page);
  const errands = [
    { title: 'Overdue: return library books', neededBy: day(-1) },
    { title: 'Today: pick up bread', neededBy: day(0) },
    { title: 'Next week: paint the fence', neededBy: day(7) },
    { title: 'Finished: post a letter', neededBy: day(0) },
  ];
  for (const errand of errands) {
    await createRequestViaUi(page, group.id, { ...errand, onBehalfOf: 'A neighbour' });
    await page.getByRole('button', { name: "I'll do it" }).click();
    await expect(page.getByTestId('held-by')).toHaveText('you');
    if (errand.title.startsWith('Finished')) {
      await page.getByRole('button', { name: 'Mark done' }).click();
      await expect(page.getByRole('button', { name: 'Mark done' })).toHaveCount(0);
    }
  }

  await page.goto('/tasks');
  const today = page.getByRole('region', { name: /^Today/ });
  const upcoming = page.getByRole('region', { name: /^Upcoming/ });
  const done = page.getByRole('region', { name: /^Done/ });
  await expect(today.getByTestId('task-item')).toHaveCount(2);
  await expect(today.getByTestId('task-item').first()).toContainText('Overdue since');
  await expect(today).toContainText('Today: pick up bread');
  await expect(upcoming.getByTestId('task-item')).toHaveCount(1);
  await expect(upcoming).toContainText('Next week: paint the fence');
  await expect(done).toContainText('Finished: post a letter');
  await expect(done.getByRole('button', { name: 'Delivered' })).toHaveCount(0);

  await today
    .getByTestId('task-item')
    .filter({ hasText: 'pick up bread' })
    .getByRole('button', { name: 'Add time' })
    .click();
  const dialog = page.getByRole('dialog', { name: /Log errand: Today: pick up bread/ });
  await expect(dialog.getByLabel('Minutes')).toBeFocused();
  await dialog.getByRole('button', { name: 'Add to the log' }).click();
  await expect(dialog.getByText('Enter how many minutes it took.')).toBeVisible();
  await dialog.getByLabel('Minutes').fill('20');
  await dialog.getByRole('button', { name: 'Add to the log' }).click();
  await expect(dialog).toBeHidden();
});
