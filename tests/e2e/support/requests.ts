import { expect, type Page } from '@playwright/test';

export interface NewRequest {
  title: string;
  category?: string;
  details?: string;
  neighborhood?: string;
  urgency?: 'Urgent' | 'Soon' | 'Flexible';
  neededBy?: string;
  address?: string;
  phone?: string;
  accessNotes?: string;
  onBehalfOf?: string;
}

/** Fills the new-request form of `groupId` and posts it; returns the request's id. */
export async function createRequestViaUi(
  page: Page,
  groupId: string,
  request: NewRequest,
): Promise<string> {
  await page.goto(`/g/${groupId}/requests/new`);
  await fillRequestForm(page, request);
  await page.getByRole('button', { name: 'Post request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: request.title })).toBeVisible();
  const id = /\/requests\/([0-9A-Z]{26})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no request id in ${page.url()}`);
  return id;
}

export async function fillRequestForm(page: Page, request: NewRequest): Promise<void> {
  if (request.onBehalfOf !== undefined) {
    await page.getByLabel('On behalf of a neighbour without a phone').check();
    await page.getByLabel("Neighbour's name").fill(request.onBehalfOf);
  }
  if (request.category)
    await page.getByLabel('Category', { exact: true }).selectOption(request.category);
  await page.getByLabel('What is needed?').fill(request.title);
  if (request.details) await page.getByLabel('Details', { exact: true }).fill(request.details);
  if (request.neighborhood) {
    await page.getByLabel('Neighbourhood', { exact: true }).fill(request.neighborhood);
  }
  if (request.urgency) await page.getByLabel('How urgent?').selectOption(request.urgency);
  if (request.neededBy) await page.getByLabel('Needed by').fill(request.neededBy);
  if (request.address) await page.getByLabel('Address', { exact: true }).fill(request.address);
  if (request.phone) await page.getByLabel('Phone', { exact: true }).fill(request.phone);
  if (request.accessNotes) await page.getByLabel('Access notes').fill(request.accessNotes);
}
