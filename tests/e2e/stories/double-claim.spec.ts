import { expect, test } from '@playwright/test';
import type { Request } from '../../../src/lib/domain';
import { groupWith } from './support/api';
import { phoneFor, readTable, waitUntilSynced } from './support/device';

// A story with several phones, offline spells and syncs: longer than a screen test.
test.setTimeout(120_000);

test('two offline claims of one request: exactly one holds it, the other is told who and sees the real state', async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia', 'Ned']);
  const [mia, ned] = members as [(typeof members)[0], (typeof members)[0]];
  const request = await coordinator.postRequest(groupId, { title: 'Walk Biscuit the dog' });
  const other = await coordinator.postRequest(groupId, { title: 'Carry groceries upstairs' });
  const url = `/g/${groupId}/requests/${request.id}`;
  const miaPhone = await phoneFor(browser, mia.account);
  const nedPhone = await phoneFor(browser, ned.account);

  for (const phone of [miaPhone, nedPhone]) {
    await phone.page.goto(url);
    await phone.context.setOffline(true);
    await phone.page.getByRole('button', { name: "I'll do it" }).click();
    await expect(phone.page.getByTestId('outbox-count')).toHaveText('1 change waiting to sync');
  }

  await miaPhone.context.setOffline(false);
  await waitUntilSynced(miaPhone.page);
  await nedPhone.context.setOffline(false);
  await waitUntilSynced(nedPhone.page);

  // The server has one holder.
  const onServer = (await coordinator.pullAll()).find((r) => r.id === request.id) as Request;
  expect(onServer).toMatchObject({ status: 'claimed', assigneeId: mia.user.id });

  // Ned is told who holds it and offered other open requests; his phone shows the truth.
  const notice = nedPhone.page.getByTestId('sync-notice');
  await expect(notice).toContainText(`Mia already claimed “${request.title}”`);
  await expect(notice.getByRole('link', { name: other.title })).toBeVisible();
  const onNedsPhone = (await readTable<Request>(nedPhone.page, 'requests')).find(
    (r) => r.id === request.id,
  );
  expect(onNedsPhone).toMatchObject({ status: 'claimed', assigneeId: mia.user.id });
  await expect(nedPhone.page.getByRole('button', { name: "I'll do it" })).toHaveCount(0);

  // Mia's claim stands, with no notice.
  await expect(miaPhone.page.getByTestId('sync-notice')).toHaveCount(0);

  await Promise.all([
    miaPhone.context.close(),
    nedPhone.context.close(),
    coordinator.dispose(),
    mia.dispose(),
    ned.dispose(),
  ]);
});
