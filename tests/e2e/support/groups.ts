import { expect, type Page } from '@playwright/test';

export interface StartGroupOptions {
  name?: string;
  neighborhoods?: string[];
  listed?: boolean;
  area?: string;
}

/**
 * Starts a group through the "Start a group" guide and returns its id (from the URL the
 * app goes to next: the group's members page, to invite people).
 */
export async function startGroupViaUi(
  page: Page,
  options: StartGroupOptions = {},
): Promise<{ id: string; name: string }> {
  const name = options.name ?? `Elm Street ${Math.random().toString(36).slice(2, 7)}`;
  await page.goto('/groups/new');
  await page.getByLabel('Group name').fill(name);
  if (options.area) await page.getByLabel('Area', { exact: true }).fill(options.area);
  if (options.neighborhoods?.length) {
    await page.getByLabel('Neighbourhoods').fill(options.neighborhoods.join('\n'));
  }
  if (options.listed) {
    await page.getByText('More settings').click();
    await page.getByLabel('List this group in the public directory').check();
  }
  await page.getByRole('button', { name: 'Start the group' }).click();
  await expect(page).toHaveURL(/\/g\/[0-9A-Z]{26}\/members/);
  const id = /\/g\/([0-9A-Z]{26})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no group id in ${page.url()}`);
  return { id, name };
}

/** Creates an invite code on the members page and returns it. */
export async function createInviteViaUi(page: Page, groupId: string): Promise<string> {
  await page.goto(`/g/${groupId}/members`);
  await page.getByRole('button', { name: 'Create invite code' }).click();
  const invite = page.getByTestId('invite').first();
  await expect(invite).toBeVisible();
  const code = (await invite.getByRole('heading', { level: 3 }).textContent())?.trim();
  if (!code) throw new Error('no invite code shown');
  return code;
}
