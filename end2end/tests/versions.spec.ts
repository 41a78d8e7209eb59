import { test, expect, BrowserContext } from '@playwright/test';
import { adminContext, adminToken, createChat, hydrated, memberContext, openShareFromSidebar, scriptReady } from './helpers';

const PERMS = ['clipboard-read', 'clipboard-write'];

/** Adds a user message to the chat through the API (no model needed). */
async function addMessage(ctx: BrowserContext, chatId: string, id: string, content: string) {
  const current = await (await ctx.request.get(`/api/v1/chats/${chatId}`)).json();
  const chat = current.chat;
  const last = chat.history.currentId;
  chat.history.messages[last].childrenIds = [id];
  chat.history.messages[id] = { id, parentId: last, childrenIds: [], role: 'user', content, timestamp: 1795295300 };
  chat.history.currentId = id;
  expect((await ctx.request.post(`/api/v1/chats/${chatId}`, { data: { chat } })).status()).toBe(200);
}

test('update twice, open Versions, restore the first: the reader sees it', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const owner = await adminContext(browser, { permissions: PERMS });
  const { ctx: reader } = await memberContext(browser, 'Vic Versions', bearer);
  const title = `Versions ${Date.now()}`;
  const chatId = await createChat(owner, title, 'The first answer.');
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await openShareFromSidebar(page, title);
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  await dialog.getByRole('button', { name: 'Copy Link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());

  for (const [id, text] of [['u2', 'Second question'], ['u3', 'Third question']]) {
    await addMessage(owner, chatId, id, text);
    await dialog.getByRole('button', { name: 'Update and Copy Link' }).click();
    await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Update and Copy Link' })).toBeVisible({ timeout: 5000 });
  }
  await dialog.getByText('Versions (3)').click();
  await expect(dialog.locator('.version-row')).toHaveCount(3);
  await expect(dialog.locator('.version-row').first()).toContainText('current');
  await page.screenshot({ path: 'test-results/versions-modal.png' });
  // Open shows version 1 as it was.
  const [tab] = await Promise.all([owner.waitForEvent('page'), dialog.getByRole('link', { name: 'Open version 1' }).click()]);
  await tab.waitForLoadState();
  await expect(tab.getByText('You are looking at version 1; readers see version 3.')).toBeVisible();
  await expect(tab.getByText('Third question')).toHaveCount(0);
  await tab.close();

  await dialog.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Readers see version 1 again (now version 4).' })).toBeVisible();
  await expect(dialog.getByText('Versions (4)')).toBeVisible();

  const rpage = await reader.newPage();
  await rpage.goto(url);
  await expect(rpage.getByText('The first answer.')).toBeVisible();
  await expect(rpage.getByText('Second question')).toHaveCount(0);
  await expect(rpage.getByText(/Updated 3 times · last on/)).toBeVisible();
});

test('"New since you last looked" for a returning reader, not a first-time one; print hides the chrome', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const owner = await adminContext(browser);
  const { ctx: returning } = await memberContext(browser, 'Ruth Returning', bearer);
  const { ctx: fresh } = await memberContext(browser, 'Fred First', bearer);
  const title = `News ${Date.now()}`;
  const chatId = await createChat(owner, title, 'Old answer.');
  const sid = (await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json()).share_id;

  const rpage = await returning.newPage();
  await rpage.goto(`/s/${sid}`);
  await expect(rpage.getByText('Old answer.')).toBeVisible();
  await expect(rpage.getByText('New since you last looked')).toHaveCount(0);

  await addMessage(owner, chatId, 'n1', 'A brand new question');
  expect((await owner.request.post(`/api/v1/chats/${chatId}/share`)).status()).toBe(200);

  await rpage.reload();
  const marker = rpage.getByRole('separator', { name: 'New since you last looked' });
  await expect(marker).toBeVisible();
  // The marker sits right above the first new message.
  await expect(rpage.locator('li.new-since + li.message')).toContainText('A brand new question');
  await rpage.screenshot({ path: 'test-results/new-since.png' });

  const fpage = await fresh.newPage();
  await fpage.goto(`/s/${sid}`);
  await expect(fpage.getByText('A brand new question')).toBeVisible();
  await expect(fpage.getByText('New since you last looked')).toHaveCount(0);

  // Print: the conversation only.
  await scriptReady(fpage);
  await fpage.emulateMedia({ media: 'print' });
  await expect(fpage.locator('.topbar')).toBeHidden();
  await expect(fpage.getByRole('button', { name: 'Clone Chat' })).toBeHidden();
  await expect(fpage.getByRole('link', { name: 'Download Markdown' })).toBeHidden();
  await expect(fpage.locator('.message-link').first()).toBeHidden();
  await expect(fpage.getByText('A brand new question')).toBeVisible();
  await fpage.screenshot({ path: 'test-results/print.png', fullPage: true });
  await fpage.emulateMedia({ media: 'screen' });
  await expect(fpage.getByRole('link', { name: 'Download Markdown' })).toBeVisible();
  // The download is the chat in Markdown.
  const [download] = await Promise.all([fpage.waitForEvent('download'), fpage.getByRole('link', { name: 'Download Markdown' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^News-\d+\.md$/);
});
