import { test, expect } from '@playwright/test';
import { adminContext, adminToken, hydrated, memberContext, openShareFromSidebar, scriptReady } from './helpers';

const PERMS = ['clipboard-read', 'clipboard-write'];
const KEY = 'sk-proj-Z9yX8wV7uT6sR5qP4oN3mL2kJ1hG0fEd';

test('a planted key: the review flags it, Mask all, share; viewers never get it', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const owner = await adminContext(browser, { permissions: PERMS });
  const { ctx: viewer } = await memberContext(browser, 'Petra Private', bearer);
  const title = `Deploy ${Date.now()}`;
  const created = await owner.request.post('/api/v1/chats/new', {
    data: {
      chat: {
        title, models: ['llama3.1:8b'],
        history: {
          currentId: 'a2', messages: {
            u1: { id: 'u1', parentId: null, childrenIds: ['a1', 'a2'], role: 'user', content: `Why does ${KEY} fail?`, timestamp: 1795295194 },
            a1: { id: 'a1', parentId: 'u1', childrenIds: [], role: 'assistant', content: 'A discarded answer.', model: 'llama3.1:8b', timestamp: 1795295196 },
            a2: { id: 'a2', parentId: 'u1', childrenIds: [], role: 'assistant', content: 'Rotate the key and retry.', model: 'llama3.1:8b', timestamp: 1795295198 },
          },
        },
      },
    },
  });
  expect(created.status()).toBe(200);
  const chatId = (await created.json()).id;

  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await openShareFromSidebar(page, title);
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  // The seed's first state stays; the review sits under it.
  await expect(dialog).toContainText("Messages you send after creating your link won't be shared.");
  const review = dialog.getByRole('region', { name: 'Review what you share' });
  await expect(review).toContainText('1 thing looks private');
  await expect(review.locator('.finding')).toContainText('API key or token');
  await expect(review.locator('.finding')).toContainText(KEY);
  await expect(review.getByRole('button', { name: 'Mask', exact: true })).toBeVisible();
  // Messages: the visible branch is ticked; the discarded answer is not even listed.
  await review.getByText('Messages: 2 of 2 shared').click();
  await expect(review.getByRole('checkbox', { checked: true })).toHaveCount(2);
  await expect(review).not.toContainText('A discarded answer.');
  await page.screenshot({ path: 'test-results/privacy-review-desktop.png' });

  await review.getByRole('button', { name: 'Mask all' }).click();
  await expect(review).toContainText('Everything the privacy check found is masked.');
  await expect(review.getByRole('button', { name: 'Masked ✓' })).toBeVisible();
  // The preview renders what viewers will get.
  await review.getByText('Preview what viewers get').click();
  const preview = review.locator('.preview-frame');
  await expect(preview).toContainText('Why does [redacted] fail?');
  await expect(preview).not.toContainText(KEY);

  await dialog.getByRole('button', { name: 'Copy Link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const shareId = url.split('/s/')[1];

  // The viewer's page and the JSON never hold the key, nor the discarded answer.
  const vpage = await viewer.newPage();
  const res = await vpage.goto(url);
  expect(res!.status()).toBe(200);
  await expect(vpage.getByText('Why does [redacted] fail?')).toBeVisible();
  expect(await vpage.content()).not.toContain(KEY);
  const json = await viewer.request.get(`/api/v1/chats/share/${shareId}`);
  expect(json.status()).toBe(200);
  const text = await json.text();
  expect(text).not.toContain(KEY);
  expect(text).not.toContain('A discarded answer.');

  // "Update and Copy Link" keeps the mask.
  await page.evaluate(() => navigator.clipboard.writeText('x'));
  await dialog.getByRole('button', { name: 'Update and Copy Link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  expect(await (await viewer.request.get(`/api/v1/chats/share/${shareId}`)).text()).not.toContain(KEY);
});

test('a message link scrolls to its message and highlights it', async ({ browser, request }) => {
  await adminToken(request);
  const owner = await adminContext(browser, { permissions: PERMS });
  const title = `Long ${Date.now()}`;
  const messages: Record<string, unknown> = {};
  const n = 24;
  for (let i = 0; i < n; i++) {
    const id = `m${i}`;
    messages[id] = {
      id, parentId: i ? `m${i - 1}` : null, childrenIds: i < n - 1 ? [`m${i + 1}`] : [],
      role: i % 2 ? 'assistant' : 'user', content: `Message number ${i}.\n\n${'Some words to make it tall. '.repeat(12)}`,
      timestamp: 1795295194 + i, ...(i % 2 ? { model: 'llama3.1:8b' } : {}),
    };
  }
  const created = await owner.request.post('/api/v1/chats/new', { data: { chat: { title, history: { currentId: `m${n - 1}`, messages } } } });
  const chatId = (await created.json()).id;
  const shared = await owner.request.post(`/api/v1/chats/${chatId}/share`);
  const shareId = (await shared.json()).share_id;

  const page = await owner.newPage();
  await page.goto(`/s/${shareId}`);
  await scriptReady(page);
  // "Copy link to this message" copies the message's address.
  const target = page.locator('li.message#m15');
  await target.getByRole('link', { name: 'Copy link to this message' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link to this message copied.' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`/s/${shareId}#m15$`));

  // Opening that link in a fresh page scrolls to the message and highlights it.
  const other = await owner.newPage();
  await other.goto(link);
  const m15 = other.locator('li.message#m15');
  await expect(m15).toBeInViewport();
  await expect(other.locator('li.message#m0')).not.toBeInViewport();
  await expect(m15).toHaveCSS('outline-style', 'solid');
  await expect(other.locator('li.message#m14')).toHaveCSS('outline-style', 'none');
  await other.screenshot({ path: 'test-results/message-link.png' });

  // A reading page carries only the main stylesheet (and no client app); going into the app
  // from it brings the app's: the sidebar is laid out, not raw.
  await scriptReady(other);
  await expect(other.locator('link#app-css')).toHaveCount(0);
  await other.getByRole('link', { name: 'chatshare' }).click();
  await expect(other.getByRole('link', { name: '+ New Chat' })).toBeVisible();
  await expect(other.locator('link#app-css')).toHaveCount(1);
  await expect(other.locator('.chat-list').first()).toHaveCSS('display', 'grid');
});
