import { test, expect } from '@playwright/test';
import { adminContext, adminToken, applyShare, createChat, deleteLink, hydrated, memberContext } from './helpers';

test('a live link: a collaborator continues the chat, the owner sees the message with their name, a reader follows it', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const owner = await adminContext(browser);
  const cleoName = `Cleo ${stamp}`;
  const { ctx: cleo } = await memberContext(browser, cleoName, bearer);
  const { ctx: rita } = await memberContext(browser, `Rita ${stamp}`, bearer);
  const title = `Trip ${stamp}`;
  const chatId = await createChat(owner, title, 'Take the early train.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const url = `/s/${link.share_id}`;

  // The owner lets every member read it and continue it.
  const page = await owner.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  const audience = dialog.getByRole('group', { name: 'Who can open the link' });
  await expect(audience.getByRole('radio', { name: 'Everyone on this instance' })).toBeChecked();
  await audience.getByRole('checkbox', { name: 'Let them continue the chat' }).check();
  await applyShare(dialog);
  await expect(audience).toContainText('signed with their name');
  const grants = await (await owner.request.get(`/api/v1/chats/shared/${chatId}/access`)).json();
  expect(grants.map((g: { principal_id: string; permission: string }) => `${g.principal_id}:${g.permission}`)).toEqual(['*:write']);
  await page.keyboard.press('Escape');

  // Cleo opens the link: live, with "Continue this chat", which takes her into the chat itself.
  const cpage = await cleo.newPage();
  await cpage.goto(url);
  await expect(cpage.locator('.shared-head')).toContainText('live, last changed');
  await cpage.getByRole('link', { name: 'Continue this chat' }).click();
  await expect(cpage).toHaveURL(new RegExp(`/c/${chatId}$`));
  await hydrated(cpage);
  await expect(cpage.locator('.collaborating')).toContainText('shared with you live');
  await expect(cpage.getByRole('button', { name: 'Share', exact: true })).toHaveCount(0);
  await cpage.getByRole('textbox', { name: 'Message' }).fill('Cleo: I will bring the tickets.');
  await cpage.getByRole('textbox', { name: 'Message' }).press('Enter');
  const mine = cpage.locator('.message.user').filter({ hasText: 'I will bring the tickets.' });
  await expect(mine).toBeVisible();
  await expect(mine.locator('.author')).toHaveText('You');
  await cpage.screenshot({ path: 'test-results/live-collaborator-1280.png' });
  await cpage.setViewportSize({ width: 360, height: 740 });
  await cpage.screenshot({ path: 'test-results/live-collaborator-360.png' });
  // Her sidebar stays hers: the chat is not in her list.
  await expect(cpage.locator('.chat-item').filter({ hasText: title })).toHaveCount(0);

  // The owner's open chat shows the message within 3 s, without a reload, signed with
  // Cleo's name (#37 item 8: the chat's stream of changes).
  const hers = page.locator('.message.user').filter({ hasText: 'I will bring the tickets.' });
  await expect(hers.locator('.author')).toHaveText(cleoName, { timeout: 3000 });
  // And the owner's next turn reaches Cleo's open page the same way.
  await page.getByRole('textbox', { name: 'Message' }).fill('Owner: and I the sandwiches.');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(cpage.locator('.message.user').filter({ hasText: 'and I the sandwiches.' })).toBeVisible({ timeout: 3000 });
  // A reload shows the same.
  await page.reload();
  await hydrated(page);
  await expect(hers.locator('.author')).toHaveText(cleoName);
  await page.screenshot({ path: 'test-results/live-owner-1280.png' });

  // Rita reads the link: the chat as it is now, Cleo's message included.
  const rpage = await rita.newPage();
  await rpage.goto(url);
  await expect(rpage.getByText('I will bring the tickets.')).toBeVisible();

  // Deleting the link ends it for everyone: Cleo can no longer open the chat.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await deleteLink(dialog);
  await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeVisible();
  // Cleo's open page is told at once.
  await expect(cpage.getByRole('alert').filter({ hasText: 'This chat is no longer shared with you.' })).toBeVisible({ timeout: 3000 });
  const gone = await cpage.goto(`/c/${chatId}`);
  expect(gone!.status()).toBe(404);
  for (const ctx of [owner, cleo, rita]) await ctx.close();
});

test('my shared links: a request for access is approved in one click', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const owner = await adminContext(browser);
  const { ctx: dana } = await memberContext(browser, `Dana ${stamp}`, bearer);
  const title = `Recipes ${stamp}`;
  const chatId = await createChat(owner, title, 'Salt the water.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  // Only the owner; Dana asks.
  const only = await owner.request.post(`/api/v1/chats/shared/${chatId}/access/update`, { data: { access_grants: [], share_mode: null } });
  expect(only.status()).toBe(200);
  expect((await dana.request.get(`/api/v1/chats/share/${link.share_id}`)).status()).toBe(403);
  expect((await dana.request.post(`/api/v1/chats/share/${link.share_id}/access/request`)).status()).toBe(200);

  const page = await owner.newPage();
  await page.goto('/settings');
  await hydrated(page);
  await page.getByRole('button', { name: 'Manage' }).click();
  await page.getByRole('searchbox', { name: 'Search shared chats' }).fill(title);
  const row = page.locator('.link-row').filter({ hasText: title });
  const asking = row.getByRole('region', { name: 'Asking for access' });
  await expect(asking).toContainText(`Dana ${stamp}`);
  await page.screenshot({ path: 'test-results/links-request-1280.png' });
  await asking.getByRole('button', { name: 'Approve' }).click();
  await expect(asking).toBeHidden();
  expect((await dana.request.get(`/api/v1/chats/share/${link.share_id}`)).status()).toBe(200);
  for (const ctx of [owner, dana]) await ctx.close();
});
