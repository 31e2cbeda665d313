import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signInViaUi, type TestUser } from '../../support/users';

/** One phone: its own browser context (own IndexedDB, cookies, service worker). */
export interface Device {
  context: BrowserContext;
  page: Page;
}

/** A new phone with `user` signed in through the UI, after its first sync has finished. */
export async function phoneFor(browser: Browser, user: TestUser): Promise<Device> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaUi(page, user);
  await waitUntilSynced(page);
  await waitForServiceWorker(page);
  return { context, page };
}

/** The service worker is active (app shell precached) and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The status bar says "Up to date": nothing waits and the last sync succeeded. */
export async function waitUntilSynced(page: Page, timeout = 20_000): Promise<void> {
  await expect(page.getByTestId('outbox-count')).toHaveText('All changes synced', { timeout });
  await expect(page.getByTestId('sync-state')).toHaveAttribute(
    'data-state',
    /up_to_date|needs_attention/,
    {
      timeout,
    },
  );
  await expect(page.getByTestId('last-synced')).not.toHaveText('Not synced yet', { timeout });
}

/** Ask the engine to sync now (the status bar's button) and wait for a newer sync. */
export async function syncNow(page: Page): Promise<void> {
  const last = page.getByTestId('last-synced');
  const before = (await last.getAttribute('data-at')) ?? '';
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(last).not.toHaveAttribute('data-at', before, { timeout: 20_000 });
  await waitUntilSynced(page);
}

/** All rows of one IndexedDB table of the app's database, read in the page. */
export async function readTable<T = Record<string, unknown>>(
  page: Page,
  table: string,
): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('neighborly');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const read = database.transaction(name, 'readonly').objectStore(name).getAll();
          read.onsuccess = () => {
            database.close();
            resolve(read.result as T[]);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    table,
  );
}

/** Every row of every table of the app's database, as one JSON string (to search it). */
export async function dumpDatabase(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('neighborly');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const names = [...database.objectStoreNames];
          const tx = database.transaction(names, 'readonly');
          const dump: Record<string, unknown[]> = {};
          for (const name of names) {
            const read = tx.objectStore(name).getAll();
            read.onsuccess = () => (dump[name] = read.result);
          }
          tx.oncomplete = () => {
            database.close();
            resolve(JSON.stringify(dump));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
