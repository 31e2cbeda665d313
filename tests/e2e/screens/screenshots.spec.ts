import { expect, test } from '@playwright/test';
import { startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

// For the README: a phone-sized needs board and a request's detail with its log. They go to
// docs/screenshots only with UPDATE_SCREENSHOTS=1, so a test run leaves the checkout clean.
const shotsDir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : null;

test.use({ viewport: { width: 420, height: 900 }, deviceScaleFactor: 2 });

test('the needs board and a request detail are saved as screenshots for the docs', async ({
  page,
}, testInfo) => {
  const shot = (name: string) => (shotsDir ? `${shotsDir}/${name}` : testInfo.outputPath(name));
  test.setTimeout(90_000);
  await signUpViaUi(page, uniqueUser('Rosa'));
  const group = await startGroupViaUi(page, {
    name: 'Elm Street Mutual Aid',
    neighborhoods: ['Crown Heights', 'Flatbush'],
  });
  const requests = [
    { title: 'Prescription pick-up', urgency: 'Urgent', neighborhood: 'Flatbush' },
    { title: 'Groceries for the week', urgency: 'Soon', neighborhood: 'Crown Heights' },
    { title: 'Walk Biscuit the dog', urgency: 'Flexible', neighborhood: 'Crown Heights' },
  ] as const;
  for (const r of requests) await createRequestViaUi(page, group.id, r);
  await createRequestViaUi(page, group.id, {
    title: 'Groceries for Mrs. K',
    details: 'Milk, bread, apples and tea. The corner shop has her brand.',
    neighborhood: 'Crown Heights',
    urgency: 'Urgent',
    neededBy: '2026-12-01',
    address: '12 Elm Street, flat 3',
    phone: '555-0100',
    accessNotes: 'Buzzer broken: knock twice',
    onBehalfOf: 'Mrs. K',
  });
  await page.getByRole('button', { name: "I'll do it" }).click();
  await page
    .getByRole('textbox', { name: 'Note', exact: true })
    .fill('Going at 5pm, will call first.');
  await page.getByRole('button', { name: 'Add to the log' }).click();
  await expect(page.getByTestId('log-timeline')).toContainText('Going at 5pm');
  await page.screenshot({ path: shot('request-detail.png'), fullPage: true });

  await page.goto(`/g/${group.id}`);
  await expect(page.getByTestId('request-row')).toHaveCount(4);
  await expect(page.getByTestId('request-row').first()).toContainText('Groceries for Mrs. K');
  await page.screenshot({ path: shot('needs-board.png'), fullPage: true });
});
