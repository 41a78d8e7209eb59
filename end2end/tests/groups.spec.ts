import { test, expect } from '@playwright/test';
import { adminContext, adminToken, createChat, hydrated, memberContext } from './helpers';

test('Admin Panel → Groups: make a group, add a member; a link for the group opens for them only', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const admin = await adminContext(browser);
  const { ctx: hiker } = await memberContext(browser, `Hana ${stamp}`, bearer);
  const { ctx: other } = await memberContext(browser, `Omar ${stamp}`, bearer);
  const page = await admin.newPage();
  await page.goto('/admin/groups');
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Groups' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('New group').fill(`Hikers ${stamp}`);
  await page.getByLabel('Description').fill('Weekend trips');
  await page.getByRole('button', { name: 'Create group' }).click();
  const card = page.getByRole('region', { name: `Group Hikers ${stamp}` });
  await expect(card).toBeVisible();
  await card.getByLabel('Add a member').selectOption({ label: `Hana ${stamp}` });
  await card.getByRole('button', { name: 'Add' }).click();
  await expect(card.getByRole('listitem').filter({ hasText: `Hana ${stamp}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/admin-groups-1280.png' });
  const narrow = await admin.newPage();
  await narrow.setViewportSize({ width: 360, height: 740 });
  await narrow.goto('/admin/groups');
  await hydrated(narrow);
  await narrow.getByRole('region', { name: `Group Hikers ${stamp}` }).scrollIntoViewIfNeeded();
  await narrow.screenshot({ path: 'test-results/admin-groups-360.png' });
  await narrow.close();

  // A link for the group.
  const groups = await (await request.get('/api/v1/groups/', { headers: { Authorization: `Bearer ${bearer}` } })).json();
  const group = groups.find((g: { name: string }) => g.name === `Hikers ${stamp}`);
  const chatId = await createChat(admin, `Trail ${stamp}`, 'Bring boots.');
  const link = await (await admin.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const res = await admin.request.post(`/api/v1/chats/shared/${chatId}/access/update`, {
    data: { access_grants: [{ principal_type: 'group', principal_id: group.id, permission: 'read' }], share_mode: null },
  });
  expect(res.status()).toBe(200);
  const hpage = await hiker.newPage();
  expect((await hpage.goto(`/s/${link.share_id}`))!.status()).toBe(200);
  await expect(hpage.getByText('Bring boots.')).toBeVisible();
  const opage = await other.newPage();
  expect((await opage.goto(`/s/${link.share_id}`))!.status()).toBe(403);

  // Removing Hana shuts her out; deleting the group takes it away.
  await card.getByRole('button', { name: `Remove Hana ${stamp} from Hikers ${stamp}` }).click();
  await expect(card.getByRole('listitem')).toHaveCount(0);
  expect((await hpage.reload())!.status()).toBe(403);
  await card.getByRole('button', { name: 'Delete group' }).click();
  await card.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(card).toHaveCount(0);
  for (const ctx of [admin, hiker, other]) await ctx.close();
});
