import { test, expect } from '@playwright/test';
import { adminContext, adminToken, check, createChat, hydrated, memberContext, scriptReady } from './helpers';

// #37 item 7: "Shared with me" and "My shared links" in the sidebar, with what waits in each,
// and a request for access that the requester sees approved without reloading.
test('shared with me: a chat shared by name is listed as new, a request is counted, approved and opens by itself', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const owner = await adminContext(browser);
  const { ctx: bob } = await memberContext(browser, `Bob ${stamp}`, bearer);
  const { ctx: dana } = await memberContext(browser, `Dana ${stamp}`, bearer);
  const bobId = (await (await bob.request.get('/api/v1/auths/')).json()).id;
  const title = `Launch plan ${stamp}`;
  const chatId = await createChat(owner, title, 'Ship on Tuesday.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const grants = await owner.request.post(`/api/v1/chats/shared/${chatId}/access/update`, {
    data: { access_grants: [{ principal_type: 'user', principal_id: bobId, permission: 'read' }], share_mode: null },
  });
  expect(grants.status()).toBe(200);

  // Bob's sidebar counts it; "Shared with me" lists it as new, with who shared it.
  const page = await bob.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await hydrated(page);
  // (Other tests' links for every member count too: the number is read, not assumed.)
  const entry = page.getByRole('link', { name: /Shared with me/ });
  await expect(entry).toContainText(/\d+ new/);
  const newCount = async () => Number(((await entry.locator('.count-badge').textContent({ timeout: 1000 }).catch(() => '0')) ?? '0').replace(/\D.*$/, '') || 0);
  const before = await newCount();
  expect(before).toBeGreaterThanOrEqual(1);
  await entry.click();
  await expect(page).toHaveURL(/\/shared$/);
  await expect(page.getByRole('heading', { name: 'Shared with me', level: 1 })).toBeVisible();
  const item = page.locator('.inbox-item').filter({ hasText: title });
  await expect(item).toContainText('New');
  await expect(item).toContainText('shared it with you');
  await check(page, 'shared-with-me', 1280);
  await page.setViewportSize({ width: 360, height: 740 });
  await check(page, 'shared-with-me', 360);
  await page.setViewportSize({ width: 1280, height: 800 });

  // He reads it: it is no longer new.
  await item.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${link.share_id}$`));
  await expect(page.getByText('Ship on Tuesday.')).toBeVisible();
  await page.goto('/shared');
  await hydrated(page);
  await expect(page.locator('.inbox-item').filter({ hasText: title })).not.toContainText('New');
  expect(await newCount()).toBe(before - 1);

  // Dana may not open it; she asks. The 403 page waits for the answer.
  const dpage = await dana.newPage();
  await dpage.goto(`/s/${link.share_id}`);
  await scriptReady(dpage);
  await dpage.getByRole('button', { name: 'Request access' }).click();
  await expect(dpage.getByRole('status').filter({ hasText: 'opens the chat as soon as they approve it' })).toBeVisible();
  await scriptReady(dpage);

  // The owner's sidebar counts the request; "My shared links" is a page of its own.
  const opage = await owner.newPage();
  await opage.setViewportSize({ width: 1280, height: 800 });
  await opage.goto(`/c/${chatId}`);
  await hydrated(opage);
  const links = opage.getByRole('link', { name: /My shared links/ });
  await expect(links).toContainText('1 waiting for your answer');
  await links.click();
  await expect(opage).toHaveURL(/\/links$/);
  await expect(opage.getByRole('heading', { name: 'My shared links', level: 1 })).toBeVisible();
  await opage.getByRole('searchbox', { name: 'Search shared chats' }).fill(title);
  const row = opage.locator('.link-row').filter({ hasText: title });
  const asking = row.getByRole('region', { name: 'Asking for access' });
  await expect(asking).toContainText(`Dana ${stamp}`);
  await check(opage, 'my-shared-links', 1280);
  await asking.getByRole('button', { name: 'Approve' }).click();
  await expect(asking).toBeHidden();

  // Dana's page opens the chat by itself, saying the request was approved.
  await expect(dpage.getByText('Ship on Tuesday.')).toBeVisible({ timeout: 15000 });
  await expect(dpage.getByRole('status').filter({ hasText: 'approved your request' })).toBeVisible();
  for (const ctx of [owner, bob, dana]) await ctx.close();
});
