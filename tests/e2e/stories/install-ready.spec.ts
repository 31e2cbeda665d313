import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { signInViaUi } from '../support/users';
import { BASE_URL, groupWith } from './support/api';
import { waitForServiceWorker, waitUntilSynced } from './support/device';

// A story with several phones, offline spells and syncs: longer than a screen test.
test.setTimeout(120_000);

interface Manifest {
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

test('the app is installable, its service worker controls it, and offline it reloads, opens a deep link and shows its data', async () => {
  const { coordinator, groupId, members } = await groupWith(['Mia']);
  const mia = members[0]!;
  const request = await coordinator.postRequest(groupId, { title: 'Drive Mr. Katz to the clinic' });

  // Chromium's installability check needs a real profile: an incognito context says so.
  const profile = mkdtempSync(join(tmpdir(), 'neighborly-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    baseURL: BASE_URL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());

    // The manifest: everything the install prompt and the home screen icon need.
    const response = await page.request.get('/manifest.webmanifest');
    expect(response.ok()).toBe(true);
    const manifest = (await response.json()) as Manifest;
    expect(manifest).toMatchObject({
      name: expect.stringContaining('Neighborly'),
      short_name: 'Neighborly',
      start_url: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#/),
      background_color: expect.stringMatching(/^#/),
    });
    expect(manifest.description.length).toBeGreaterThan(10);
    const sizes = (purpose: string) =>
      manifest.icons.filter((i) => (i.purpose ?? 'any').includes(purpose)).map((i) => i.sizes);
    expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(sizes('maskable')).toContain('512x512');
    for (const icon of manifest.icons) {
      const image = await page.request.get(icon.src);
      expect(image.ok(), icon.src).toBe(true);
      expect(image.headers()['content-type']).toBe(icon.type);
    }

    await signInViaUi(page, mia.account);
    await waitUntilSynced(page);
    await waitForServiceWorker(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);

    // The API is never answered from the service worker's cache.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const key of await (await caches.open(name)).keys()) urls.push(key.url);
      }
      return urls;
    });
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((url) => new URL(url).pathname.startsWith('/api/'))).toEqual([]);
    // The sync ran in its worker (off the main thread), whose script is precached too.
    const workers = page.workers().map((worker) => new URL(worker.url()).pathname);
    const syncWorker = workers.find((path) => path.includes('sync-worker'));
    expect(syncWorker, workers.join(', ')).toBeDefined();
    expect(cached.some((url) => new URL(url).pathname === syncWorker)).toBe(true);

    // No network: reload, then a deep link straight into the group.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
    const deep = `/g/${groupId}/requests/${request.id}`;
    await page.goto(deep);
    await expect(page.getByRole('heading', { level: 1, name: request.title })).toBeVisible();
    // Really offline: the server cannot be reached, so all of the above came from the phone.
    const reached = await page.evaluate(() =>
      fetch('/api/health', { cache: 'no-store' }).then(
        () => true,
        () => false,
      ),
    );
    expect(reached).toBe(false);
    await context.setOffline(false);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await Promise.all([coordinator.dispose(), mia.dispose()]);
  }
});
