import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

test('a coordinator edits, assigns, cancels with a reason and reopens a request; the log records each step', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signUpViaUi(page, uniqueUser('Cora'));
  const group = await startGroupViaUi(page, { neighborhoods: ['Hillside'] });
  const id = await createRequestViaUi(page, group.id, {
    title: 'Lift to the clinic',
    onBehalfOf: 'Mr. Ade',
    neighborhood: 'Hillside',
  });

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit request' })).toBeVisible();
  await expect(page.getByLabel('What is needed?')).toHaveValue('Lift to the clinic');
  // A request entered for a neighbour keeps the neighbour's name editable by a coordinator.
  await expect(page.getByLabel("Neighbour's name")).toHaveValue('Mr. Ade');
  await expectNoA11yViolations(page);
  await page.getByLabel('What is needed?').fill('Lift to the clinic on Friday');
  await page.getByLabel('How urgent?').selectOption('Urgent');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lift to the clinic on Friday' }),
  ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));

  await page.getByRole('button', { name: 'Assign to…' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign to a member' });
  await expect(assign.getByLabel('Member')).toBeFocused();
  await expectNoA11yViolations(page);
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(assign).toBeHidden();
  await expect(page.getByTestId('held-by')).toHaveText('you');

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('In progress').first()).toBeVisible();
  // The Start button went with the old status: focus waits on the actions' heading.
  await expect(page.getByRole('heading', { name: 'What you can do' })).toBeFocused();

  await page.getByRole('button', { name: 'Cancel request…' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this request' });
  await cancel.getByLabel('Reason').selectOption('Referred to another group');
  await cancel.getByLabel('Note').fill('The hospital runs a shuttle');
  await cancel.getByRole('button', { name: 'Cancel request' }).click();
  await expect(cancel).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cancel request…' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'What you can do' })).toBeFocused();
  await expect(
    page.getByText('Referred to another group — The hospital runs a shuttle'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByTestId('held-by')).toHaveText('Nobody yet');
  const log = page.getByTestId('log-timeline');
  for (const step of [
    'Open → Claimed',
    'Claimed → In progress',
    'In progress → Cancelled',
    'Cancelled → Open',
  ]) {
    await expect(log).toContainText(step);
  }
});

test('offers can be paused, resumed and closed, and list the open requests they could meet', async ({
  page,
}) => {
  await signUpViaUi(page, uniqueUser('Omar'));
  const group = await startGroupViaUi(page, { neighborhoods: ['Docks'] });
  await createRequestViaUi(page, group.id, {
    title: 'Pharmacy run for Ms. Lee',
    category: 'pharmacy',
    neighborhood: 'Docks',
  });
  await page.goto(`/g/${group.id}/offers/new`);
  await page.getByLabel('Category').selectOption('pharmacy');
  await page.getByLabel('What can you offer?').fill('Bike courier on weekday mornings');
  await page.getByLabel('Neighbourhood').fill('Docks');
  await page.getByRole('button', { name: 'Post offer' }).click();

  const offer = page.getByTestId('offer').filter({ hasText: 'Bike courier' });
  await expect(offer.getByRole('link', { name: 'Pharmacy run for Ms. Lee' })).toBeVisible();
  await offer.getByRole('button', { name: 'Pause' }).click();
  await expect(offer).toContainText('Paused');
  await offer.getByRole('button', { name: 'Make available again' }).click();
  await expect(offer).toContainText('Available');
  await offer.getByRole('button', { name: 'Close' }).click();
  await expect(offer).toHaveCount(0);
  await page.getByLabel('Show closed offers').check();
  await expect(offer).toContainText('Closed');
});

test('settings export everything on the phone as JSON, and signing out returns to the welcome page', async ({
  page,
}) => {
  const user = await signUpViaUi(page, uniqueUser('Eve'));
  const group = await startGroupViaUi(page);
  await createRequestViaUi(page, group.id, { title: 'Collect a parcel' });
  await page.goto('/settings');
  await expect(page.getByText(`Signed in as Eve (${user.login}).`)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export my data (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^neighborly-export-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const data = JSON.parse(await readFile(path, 'utf8')) as {
    format: string;
    user: { login: string };
    requests: { title: string }[];
  };
  expect(data.format).toBe('neighborly-export');
  expect(data.user.login).toBe(user.login);
  expect(data.requests.map((r) => r.title)).toContain('Collect a parcel');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Sign out?' })
    .getByRole('button', { name: /^Sign out/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Neighbours helping');
  await page.goto('/groups');
  await expect(page).toHaveURL(/\/signin\?next=%2Fgroups/);
});

test('a long request typed half-way comes back after the tab is reloaded, until it is posted', async ({
  page,
}) => {
  await signUpViaUi(page, uniqueUser('Dara'));
  const group = await startGroupViaUi(page);
  await page.goto(`/g/${group.id}/requests/new`);
  await page.getByLabel('What is needed?').fill('Weekly shop for the Okafors');
  await page.getByLabel('Details', { exact: true }).fill('Two bags, the list is on the fridge');
  await page.getByLabel('Address', { exact: true }).fill('12 Elm Street, flat 3');
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByLabel('What is needed?')).toHaveValue('Weekly shop for the Okafors');
  await expect(page.getByLabel('Address', { exact: true })).toHaveValue('12 Elm Street, flat 3');
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Post request' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Weekly shop for the Okafors' }),
  ).toBeVisible();
  await page.goto(`/g/${group.id}/requests/new`);
  await expect(page.getByLabel('What is needed?')).toHaveValue('');
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
});

test('offers: only their author or a coordinator may change them, and a closed one offers no Resume', async ({
  page,
}) => {
  await signUpViaUi(page, uniqueUser('Omar'));
  const group = await startGroupViaUi(page);
  await page.goto(`/g/${group.id}/offers/new`);
  await page.getByLabel('What can you offer?').fill('Cargo bike on Sundays');
  await page.getByRole('button', { name: 'Post offer' }).click();
  const offer = page.getByTestId('offer').filter({ hasText: 'Cargo bike on Sundays' });
  await expect(offer.getByRole('button', { name: 'Pause' })).toHaveAccessibleDescription(
    'Cargo bike on Sundays',
  );
  await offer.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Show closed offers').check();
  await expect(offer).toContainText('Closed');
  await expect(offer.getByRole('button')).toHaveCount(0);
});
