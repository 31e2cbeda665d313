import { expect, test } from '@playwright/test';
import { groupWith } from './support/api';
import { phoneFor, readTable, syncNow } from './support/device';

// A story with several phones, offline spells and syncs: longer than a screen test.
test.setTimeout(120_000);

test("after removal from a group, the next sync deletes that group's records from the phone", async ({
  browser,
}) => {
  const { coordinator, groupId, members } = await groupWith(['Mia']);
  const mia = members[0]!;
  const kept = await groupWith([]);
  const otherCode = await kept.coordinator.invite(kept.groupId);
  await mia.join(otherCode);
  const gone = await coordinator.postRequest(groupId, { title: 'Fix the pantry shelf' });
  const stays = await kept.coordinator.postRequest(kept.groupId, { title: 'Call Mrs. Lee' });

  const { page, context } = await phoneFor(browser, mia.account);
  const inGroup = async (table: string, id: string) =>
    (await readTable<{ groupId: string }>(page, table)).filter((r) => r.groupId === id).length;
  expect(await inGroup('requests', groupId)).toBe(1);
  expect(await inGroup('memberships', groupId)).toBeGreaterThan(0);
  const groupName = (await readTable<{ id: string; name: string }>(page, 'groups')).find(
    (g) => g.id === groupId,
  )!.name;
  const summaries = async () =>
    (await readTable<{ key: string; value: { memberships: { groupId: string }[] } }>(page, 'meta'))
      .find((row) => row.key === 'memberships')
      ?.value.memberships.map((m) => m.groupId) ?? [];
  expect(await summaries()).toContain(groupId);
  await page.goto('/groups');
  await expect(page.getByText(groupName)).toBeVisible();

  await coordinator.removeMember(groupId, mia.user.id);
  await syncNow(page);

  for (const table of ['requests', 'offers', 'tasks', 'logs', 'memberships', 'groups']) {
    expect(await inGroup(table, groupId), table).toBe(0);
  }
  const requests = await readTable<{ id: string }>(page, 'requests');
  expect(requests.map((r) => r.id)).toContain(stays.id);
  expect(requests.map((r) => r.id)).not.toContain(gone.id);
  // What `/me` said at sign-in forgets the group too, so My groups no longer lists it.
  expect(await summaries()).not.toContain(groupId);
  expect(await summaries()).toContain(kept.groupId);
  await page.goto('/groups');
  await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
  await expect(page.getByText(groupName)).toHaveCount(0);

  await Promise.all([
    context.close(),
    coordinator.dispose(),
    kept.coordinator.dispose(),
    mia.dispose(),
  ]);
});
