import { expect, test } from '@playwright/test';
import { defaultGroupSettings, newId } from '../../../src/lib/domain';
import { expectNoA11yViolations } from '../support/a11y';
import { ApiPerson } from '../stories/support/api';
import { phoneFor, syncNow, waitUntilSynced } from '../stories/support/device';

// Two phones (a member and a coordinator) and their syncs: longer than one screen.
test.setTimeout(120_000);

/** A group where coordinators assign, with Mia as a member and one open request. */
async function assigningGroup() {
  const coordinator = await ApiPerson.signUp('Cora');
  const groupId = newId();
  const made = await coordinator.http.post('/api/v1/groups', {
    data: {
      id: groupId,
      ...defaultGroupSettings(`Offer group ${groupId.slice(-6)}`),
      claiming: 'coordinators_assign',
    },
  });
  expect(made.status(), await made.text()).toBeLessThan(300);
  const mia = await ApiPerson.signUp('Mia');
  await mia.join(await coordinator.invite(groupId));
  const request = await coordinator.postRequest(groupId, { title: 'Walk Biscuit the dog' });
  return { coordinator, mia, groupId, request, url: `/g/${groupId}/requests/${request.id}` };
}

test('where coordinators assign, a member offers to help, the coordinator assigns them with one tap, and it is in their tasks', async ({
  browser,
}) => {
  const { coordinator, mia, request, url } = await assigningGroup();

  // The member: no "I'll do it" here, an offer instead, with a note.
  const miaPhone = await phoneFor(browser, mia.account);
  const member = miaPhone.page;
  await member.goto(url);
  await expect(member.getByRole('heading', { level: 1, name: request.title })).toBeVisible();
  await expect(member.getByRole('button', { name: "I'll do it" })).toHaveCount(0);
  await expect(member.getByText('In this group coordinators assign requests')).toBeVisible();
  await expectNoA11yViolations(member);
  await member.getByRole('button', { name: 'I can help' }).click();
  const dialog = member.getByRole('dialog', { name: 'Offer to help' });
  await expect(dialog.getByLabel('When or how you can help')).toBeFocused();
  await expectNoA11yViolations(member);
  await dialog.getByLabel('When or how you can help').fill('I can go Tuesday after 5');
  await dialog.getByRole('button', { name: 'Send offer' }).click();
  await expect(dialog).toBeHidden();
  await expect(member.getByTestId('my-offer')).toContainText(
    'You offered to help — a coordinator will assign.',
  );
  await expect(member.getByRole('button', { name: 'I can help' })).toHaveCount(0);
  await expect(member.getByTestId('log-timeline')).toContainText('Offered to help');
  await expect(member.getByTestId('log-timeline')).toContainText('I can go Tuesday after 5');
  await waitUntilSynced(member);
  await expect(member.getByTestId('my-offer').getByTestId('pending-badge')).toHaveCount(0);
  await expectNoA11yViolations(member);

  // The coordinator sees the offer next to Assign, and assigns Mia with one tap.
  const coraPhone = await phoneFor(browser, coordinator.account);
  const coord = coraPhone.page;
  await coord.goto(url);
  const offers = coord.getByRole('region', { name: 'Offers to help' });
  await expect(offers.getByTestId('help-offer-item')).toHaveCount(1);
  await expect(offers).toContainText('Mia');
  await expect(offers).toContainText('I can go Tuesday after 5');
  await expectNoA11yViolations(coord);
  await offers.getByRole('button', { name: 'Assign to Mia' }).click();
  await expect(coord.getByTestId('held-by')).toHaveText('Mia');
  await expect(offers).toHaveCount(0);
  await waitUntilSynced(coord);

  // Mia's phone hears of it: the request is hers, in My tasks.
  await syncNow(member);
  await member.goto('/tasks');
  await expect(
    member.getByTestId('task-item').getByRole('link', { name: request.title }),
  ).toBeVisible();

  await Promise.all([
    miaPhone.context.close(),
    coraPhone.context.close(),
    coordinator.dispose(),
    mia.dispose(),
  ]);
});

test('an offer made offline is pending on the phone, can be taken back, and both reach the server', async ({
  browser,
}) => {
  const { coordinator, mia, request, url } = await assigningGroup();
  const phone = await phoneFor(browser, mia.account);
  const page = phone.page;
  await page.goto(url);
  await expect(page.getByRole('button', { name: 'I can help' })).toBeVisible();
  await phone.context.setOffline(true);

  await page.getByRole('button', { name: 'I can help' }).click();
  await page
    .getByRole('dialog', { name: 'Offer to help' })
    .getByRole('button', { name: 'Send offer' })
    .click();
  const mine = page.getByTestId('my-offer');
  await expect(mine).toContainText('You offered to help');
  await expect(mine.getByTestId('pending-badge')).toBeVisible();
  await expect(
    page.getByText('Saved on this phone: coordinators see it once it syncs.'),
  ).toBeVisible();
  await expect(page.getByTestId('outbox-count')).toHaveText('1 change waiting to sync');

  await page.getByRole('button', { name: 'Withdraw my offer' }).click();
  await expect(page.getByRole('button', { name: 'I can help' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What you can do' })).toBeFocused();
  await expect(mine).toHaveCount(0);
  await expect(page.getByTestId('log-timeline')).toContainText('Offer withdrawn');

  await phone.context.setOffline(false);
  await waitUntilSynced(page);
  const kinds = (await coordinator.pullAll())
    .filter((r) => r.type === 'log' && r.parentId === request.id)
    .map((r) => (r.type === 'log' ? r.kind : ''));
  expect(kinds.sort()).toEqual(['offer', 'offer_withdrawn']);

  await Promise.all([phone.context.close(), coordinator.dispose(), mia.dispose()]);
});
