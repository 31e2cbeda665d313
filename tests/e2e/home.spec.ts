import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// The English messages, so the test follows the copy instead of repeating it.
const en = JSON.parse(readFileSync('src/lib/i18n/messages/en.json', 'utf8')) as Record<
  string,
  string
>;

test('the sync-server serves the app, which opens on the welcome page', async ({ page }) => {
  const title = en.welcome_title;
  const appName = en.app_name;
  expect(title && appName, 'welcome_title and app_name exist in en.json').toBeTruthy();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title as string);
  await expect(page.getByText(appName as string, { exact: true }).first()).toBeVisible();
});

test('the health check reports the embedded database as reachable', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    status: string;
    database: { kind: string; ok: boolean };
  };
  expect(body.database).toEqual(expect.objectContaining({ kind: 'embedded', ok: true }));
});
