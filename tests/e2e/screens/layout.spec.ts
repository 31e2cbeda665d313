import { expect, test } from '@playwright/test';
import { startGroupViaUi } from '../support/groups';
import { createRequestViaUi } from '../support/requests';
import { signUpViaUi, uniqueUser } from '../support/users';

test('on a 320 px phone no screen scrolls sideways', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 320, height: 640 });
  await signUpViaUi(page, uniqueUser('Noor'));
  const group = await startGroupViaUi(page, { neighborhoods: ['Northside'] });
  const id = await createRequestViaUi(page, group.id, {
    title: 'A rather long request title that must wrap on a small phone screen',
    address: '221B Baker Street',
    onBehalfOf: 'Mrs. Hudson',
  });
  const paths = [
    '/groups',
    '/groups/new',
    `/g/${group.id}`,
    `/g/${group.id}/requests/new`,
    `/g/${group.id}/requests/${id}`,
    `/g/${group.id}/offers`,
    `/g/${group.id}/members`,
    `/g/${group.id}/settings`,
    '/tasks',
    '/settings',
    '/directory',
    '/join',
  ];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});

test('keyboard users get a skip link, and focus moves to the new heading after navigation', async ({
  page,
}) => {
  await signUpViaUi(page, uniqueUser());
  await page.goto('/groups');
  // A keyboard user starts once the page is there (Tab before the app drew it lands nowhere).
  await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'My tasks' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'My tasks' })).toBeFocused();
  await expect(page).toHaveTitle('My tasks · Neighborly');
});

test('every interactive control on the needs board is at least 44 px tall', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpViaUi(page, uniqueUser());
  const group = await startGroupViaUi(page);
  await createRequestViaUi(page, group.id, { title: 'Check the smoke alarm' });
  await page.goto(`/g/${group.id}`);
  await page.getByText('Filters').click();
  // A checkbox's target is its whole row: the label beside it is part of the control.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main button, main select, main input, main summary, nav a')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const box = el.matches('input[type=checkbox], input[type=radio]')
          ? (el.closest('.check') ?? el)
          : el;
        return { el: el.outerHTML.slice(0, 80), h: box.getBoundingClientRect().height };
      })
      .filter((c) => c.h < 44),
  );
  expect(small).toEqual([]);
});

test('an unknown address shows a translated not-found page with a way back', async ({ page }) => {
  await signUpViaUi(page, uniqueUser());
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to my groups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
});
