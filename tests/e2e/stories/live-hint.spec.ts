import { expect, test } from '@playwright/test';
import { groupWith } from './support/api';
import { phoneFor } from './support/device';

// A story with several phones, offline spells and syncs: longer than a screen test.
test.setTimeout(120_000);

test("a neighbour's new request reaches an open phone within seconds, on the server's hint", async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia']);
  const mia = members[0]!;
  const { page, context } = await phoneFor(browser, mia.account);
  await page.goto(`/g/${groupId}`);
  const before = await page.getByTestId('last-synced').getAttribute('data-at');

  const request = await coordinator.postRequest(groupId, { title: 'Lift to the food bank' });
  // The interval sync is a minute away: only the SSE hint makes this arrive so soon.
  await expect(page.getByText(request.title)).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('last-synced')).not.toHaveAttribute('data-at', before ?? '');

  await Promise.all([context.close(), coordinator.dispose(), mia.dispose()]);
});
