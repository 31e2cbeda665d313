import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
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

test('my tasks moves an errand on: start, then done, each tap once', async ({ page }) => {
  test.setTimeout(60_000);
  await signUpViaUi(page, uniqueUser('Teo'));
  const group = await startGroupViaUi(page);
  await createRequestViaUi(page, group.id, {
    title: 'Collect the prescription',
    neededBy: day(0),
    onBehalfOf: 'Mr Okafor',
  });
  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('held-by')).toHaveText('you');

  await page.goto('/tasks');
  const today = page.getByRole('region', { name: /^Today/ });
  const item = today.getByTestId('task-item').filter({ hasText: 'Collect the prescription' });
  await expect(item.getByRole('button', { name: 'Delivered' })).toHaveAccessibleDescription(
    'Collect the prescription',
  );
  await item.getByRole('button', { name: 'Start' }).click();
  await expect(item.getByRole('button', { name: 'Start' })).toHaveCount(0);
  await expect(item).toContainText('In progress');
  // Focus stays on the errand (its title), not lost with the button that went.
  await expect(item.getByRole('link', { name: 'Collect the prescription' })).toBeFocused();

  await item.getByRole('button', { name: 'Mark done' }).dblclick();
  const done = page.getByRole('region', { name: /^Done/ });
  await expect(done).toContainText('Collect the prescription');
  await expect(today.getByTestId('task-item')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await done.getByRole('link', { name: 'Collect the prescription' }).click();
  // Claimed, started, done: one entry each, however often the button was tapped.
  await expect(page.getByTestId('log-timeline').locator('li')).toHaveCount(3);
});

test('a coordinator adds a group job; it is claimed, shows in my tasks and is finished there', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signUpViaUi(page, uniqueUser('Jo'));
  const group = await startGroupViaUi(page);
  await page.goto(`/g/${group.id}/jobs`);
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Add a job' }).click();
  await page.getByRole('button', { name: 'Add the job' }).click();
  await expect(page.getByLabel('What needs doing?')).toHaveAccessibleDescription(
    /Please fill this in/,
  );
  await page.getByLabel('What needs doing?').fill('Pantry shift Saturday');
  await page.getByLabel('Due').fill(day(0));
  await page.getByLabel('Checklist').fill('Open the shutters\n\nCount the tins');
  await page.getByRole('button', { name: 'Add the job' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Pantry shift Saturday' }),
  ).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Count the tins' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('job-held-by')).toHaveText('you');
  await expect(page.getByTestId('job-status')).toBeFocused();

  await page.goto('/tasks');
  const item = page
    .getByRole('region', { name: /^Today/ })
    .getByTestId('task-item')
    .filter({ hasText: 'Pantry shift Saturday' });
  await item.getByRole('button', { name: 'Mark done' }).click();
  const done = page.getByRole('region', { name: /^Done/ });
  await done.getByRole('link', { name: 'Pantry shift Saturday' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Done');
  await page.getByRole('link', { name: 'Jobs' }).click();
  await expect(
    page.getByRole('region', { name: 'Finished' }).getByTestId('job-item'),
  ).toContainText('Pantry shift Saturday');
});
