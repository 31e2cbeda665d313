import { expect, test } from '@playwright/test';

test('the sync-server serves the app shell with its heading', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /Neighborly/ })).toBeVisible();
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
