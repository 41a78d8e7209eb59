import { test, expect } from '@playwright/test';
import { adminToken, check, createChat, hydrated, memberContext } from './helpers';

// #38: folders, and sharing a whole folder with a team. Olga files two chats in a folder by
// dragging them, shares it with a group (write) after the privacy check; Dan, in the group,
// finds it under "Shared with me", reads both chats and continues one, which Olga's open chat
// shows live; taken out of the group, Dan loses the folder.
test('folders: drag chats in, share with a group after the privacy check, a member reads and continues, removal takes it away', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const auth = { Authorization: `Bearer ${bearer}` };
  const stamp = Date.now();
  // Members may share folders here (Open WebUI's sharing.folders, off by default).
  expect((await request.post('/api/v1/users/default/permissions', { headers: auth, data: { sharing: { folders: true } } })).status()).toBe(200);
  const { ctx: olga } = await memberContext(browser, `Olga ${stamp}`, bearer);
  const danName = `Dan ${stamp}`;
  const { ctx: dan } = await memberContext(browser, danName, bearer);
  const danId = (await (await dan.request.get('/api/v1/auths/')).json()).id;
  const group = await (await request.post('/api/v1/groups/create', { headers: auth, data: { name: `Launch team ${stamp}` } })).json();
  expect((await request.post(`/api/v1/groups/id/${group.id}/users/add`, { headers: auth, data: { user_ids: [danId] } })).status()).toBe(200);
  const pricing = `Pricing ${stamp}`;
  const press = `Press ${stamp}`;
  const pricingId = await createChat(olga, pricing, 'Start at 19 euros; mail maria.lopez@acme-corp.io for volume.');
  await createChat(olga, press, 'Announce on Tuesday.');
  const folderName = `Launch ${stamp}`;

  // Olga makes the folder in the sidebar and drags both chats onto it.
  const page = await olga.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill(folderName);
  await page.getByRole('button', { name: 'Create' }).click();
  const row = page.locator('.folder-row').filter({ hasText: folderName });
  await expect(row).toBeVisible();
  for (const title of [pricing, press]) {
    await page.locator('.chat-list .chat-link').filter({ hasText: title }).dragTo(row);
    await expect(page.locator('.chat-list .chat-link').filter({ hasText: title })).toHaveCount(0);
  }
  await row.getByRole('button', { name: `Show what is in ${folderName}` }).click();
  const inFolder = page.locator('.folder').filter({ hasText: folderName }).locator('.folder-chat');
  await expect(inFolder).toHaveCount(2);
  await check(page, 'folders-sidebar', 1280);

  // Its page lists both; Share runs the privacy check first, then asks who.
  await row.getByRole('link', { name: folderName }).click();
  await expect(page).toHaveURL(/\/folders\//);
  await expect(page.getByRole('heading', { name: folderName, level: 1 })).toBeVisible();
  await expect(page.locator('.folder-chats .inbox-item')).toHaveCount(2);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share folder' });
  const review = dialog.getByRole('region', { name: 'Privacy check' });
  await expect(review).toContainText(pricing);
  await expect(review).toContainText('maria.lopez@acme-corp.io');
  await expect(dialog.getByRole('group', { name: 'Who can open the folder' })).toHaveCount(0);
  await check(page, 'folder-share-review', 1280);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  const who = dialog.getByRole('group', { name: 'Who can open the folder' });
  await expect(who.getByRole('radio', { name: 'Anyone with the link' })).toHaveCount(0);
  await who.getByRole('radio', { name: 'Specific people' }).check();
  await who.getByRole('checkbox', { name: `Launch team ${stamp} (group)` }).check();
  await who.getByRole('checkbox', { name: 'Let them continue the chats and add their own' }).check();
  await check(page, 'folder-share-audience', 1280);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.folder-page')).toContainText('Shared');
  const folderUrl = page.url();
  await page.setViewportSize({ width: 360, height: 740 });
  await check(page, 'folder-page', 360);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Dan finds it under "Shared with me", reads both chats and continues one.
  const dpage = await dan.newPage();
  await dpage.setViewportSize({ width: 1280, height: 800 });
  await dpage.goto('/shared');
  await hydrated(dpage);
  const item = dpage.locator('.shared-folders .inbox-item').filter({ hasText: folderName });
  await expect(item).toContainText(`Olga ${stamp} shared this folder with you`);
  await expect(item).toContainText('new');
  await check(dpage, 'shared-folders', 1280);
  await item.getByRole('link', { name: folderName }).click();
  await expect(dpage.locator('.folder-chats .inbox-item')).toHaveCount(2);
  await dpage.locator('.folder-chats').getByRole('link', { name: press }).click();
  await hydrated(dpage);
  await expect(dpage.getByText('Announce on Tuesday.')).toBeVisible();
  await dpage.goto(folderUrl);
  await hydrated(dpage);
  await dpage.locator('.folder-chats').getByRole('link', { name: pricing }).click();
  await hydrated(dpage);
  await expect(dpage.getByText('Start at 19 euros')).toBeVisible();

  // Olga has it open; Dan's turn shows there within 3 s, with his name.
  await page.goto(`/c/${pricingId}`);
  await hydrated(page);
  await dpage.getByRole('textbox', { name: 'Message' }).fill('Dan: what about students?');
  await dpage.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(dpage.locator('.message.user').filter({ hasText: 'what about students?' })).toBeVisible();
  const his = page.locator('.message.user').filter({ hasText: 'what about students?' });
  await expect(his.locator('.author')).toHaveText(danName, { timeout: 3000 });

  // Taken out of the group, Dan loses the folder at once.
  expect((await request.post(`/api/v1/groups/id/${group.id}/users/remove`, { headers: auth, data: { user_ids: [danId] } })).status()).toBe(200);
  await dpage.goto('/shared');
  await hydrated(dpage);
  await expect(dpage.locator('.shared-folders')).toHaveCount(0);
  const gone = await dpage.goto(`/c/${pricingId}`);
  expect(gone!.status()).toBe(404);
  for (const ctx of [olga, dan]) await ctx.close();
});
