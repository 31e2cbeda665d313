import { expect, test } from '@playwright/test';
import { BASE_URL, groupWith } from './support/api';
import { phoneFor } from './support/device';

// A story with an offline spell and a removal: longer than a screen test.
test.setTimeout(120_000);

test('notes that could not sync after a removal can be copied: to the clipboard, or by hand where it refuses', async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia']);
  const mia = members[0]!;
  const request = await coordinator.postRequest(groupId, { title: 'Groceries for Mrs. K' });
  const { page, context } = await phoneFor(browser, mia.account);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  await page.goto(`/g/${groupId}/requests/${request.id}`);
  await expect(page.getByRole('heading', { level: 1, name: request.title })).toBeVisible();

  const first = 'Bought everything but the oat milk';
  const second = 'Buzzer broken: left the bags with 4B';
  await context.setOffline(true);
  await page.getByRole('button', { name: "I'll do it" }).click();
  await expect(page.getByTestId('pending-badge').first()).toBeVisible();
  for (const note of [first, second]) {
    await page.getByRole('textbox', { name: 'Note', exact: true }).fill(note);
    await page.getByRole('button', { name: 'Add to the log' }).click();
    await expect(page.getByText(note)).toBeVisible();
  }
  await coordinator.removeMember(groupId, mia.user.id);
  await context.setOffline(false);

  // The next sync purges the group; each change becomes a notice, a note's with what was
  // typed. The claim carried no words: nothing to copy there.
  const notices = page.getByTestId('sync-notices');
  await expect(notices.getByTestId('sync-notice')).toHaveCount(3, { timeout: 20_000 });
  const firstNotice = notices.getByTestId('sync-notice').filter({ hasText: first });
  const secondNotice = notices.getByTestId('sync-notice').filter({ hasText: second });
  await expect(notices.getByRole('button', { name: 'Copy what you typed' })).toHaveCount(2);

  await firstNotice.getByRole('button', { name: 'Copy what you typed' }).click();
  await expect(firstNotice.getByRole('button', { name: /^Copied/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);

  // A browser that refuses the clipboard: the text is shown, selected, to copy by hand.
  await page.evaluate(() => {
    Object.defineProperty(navigator.clipboard, 'writeText', {
      value: () => Promise.reject(new DOMException('Refused', 'NotAllowedError')),
    });
  });
  await secondNotice.getByRole('button', { name: 'Copy what you typed' }).click();
  const byHand = secondNotice.getByRole('textbox', { name: /What you typed/ });
  await expect(byHand).toHaveValue(second);
  await expect(byHand).toHaveAttribute('readonly', '');
  await expect(byHand).toBeFocused();
  expect(
    await byHand.evaluate((area: HTMLTextAreaElement) =>
      area.value.slice(area.selectionStart, area.selectionEnd),
    ),
  ).toBe(second);

  await Promise.all([context.close(), coordinator.dispose(), mia.dispose()]);
});
