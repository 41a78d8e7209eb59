import { test, expect, request as playwrightRequest } from '@playwright/test';
import { adminContext, check, createChat, hydrated, plainHtml, setAdminConfig } from './helpers';

/** The second instance (see playwright.config.ts): the community hub. */
const HUB = `http://localhost:${process.env.CHATSHARE_E2E_HUB_PORT ?? 3109}`;
const UPLOADER = { name: 'Uli Uploader', email: 'uli@example.com', password: 'uploader password' };

test('Share to Community from instance A lands on instance B: publish as Public, found by a visitor, then Private', async ({ browser, request, baseURL }) => {
  // B: its first account is its admin; it lets A upload and approves sign-ups at once; the
  // uploader has an account there.
  const hub = await playwrightRequest.newContext({ baseURL: HUB });
  let res = await hub.post('/api/v1/auths/signup', { data: { name: 'Hub Admin', email: 'hub@example.com', password: 'hub admin password' } });
  expect(res.status()).toBe(200);
  const hubAdmin = (await res.json()).token;
  const origin = new URL(baseURL!).origin;
  res = await hub.post('/api/v1/auths/admin/config', {
    data: { COMMUNITY_ALLOWED_ORIGINS: [origin], DEFAULT_USER_ROLE: 'user' },
    headers: { Authorization: `Bearer ${hubAdmin}` },
  });
  expect(res.status()).toBe(200);
  res = await hub.post('/api/v1/auths/signup', { data: UPLOADER });
  expect(res.status()).toBe(200);

  // A: "Share to Open WebUI Community" points at B's upload page.
  await setAdminConfig(request, { ENABLE_COMMUNITY_SHARING: true, COMMUNITY_SHARING_URL: `${HUB}/chats/upload` });
  const owner = await adminContext(browser, { viewport: { width: 1280, height: 900 } });
  const word = `quasar${Date.now()}`;
  const title = `Starter care ${Date.now()}`;
  const chatId = await createChat(owner, title, `Feed it twice a day; the ${word} trick helps.`);
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  // #37 item 11: the button says where it sends the chat.
  await expect(dialog.getByRole('button', { name: 'Share to Open WebUI Community' })).toHaveAccessibleDescription(`Opens ${new URL(HUB).host} in a new tab`);
  const [tab] = await Promise.all([
    owner.waitForEvent('page'),
    dialog.getByRole('button', { name: 'Share to Open WebUI Community' }).click(),
  ]);

  // B received the chat; the person is not signed in there yet: sign in, come back, the chat
  // is still there.
  await expect(tab).toHaveURL(`${HUB}/chats/upload`);
  await expect(tab.getByText(`“${title}” is ready to share, sent from ${origin}.`)).toBeVisible();
  await tab.getByRole('link', { name: 'Sign in to publish' }).click();
  await tab.getByLabel('Email').fill(UPLOADER.email);
  await tab.getByLabel('Password').fill(UPLOADER.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab).toHaveURL(`${HUB}/chats/upload`);
  // No WASM here either: one small script receives the chat.
  await expect(tab.locator('link[rel="modulepreload"], link[href$=".wasm"]')).toHaveCount(0);
  await expect(tab.getByText(`“${title}”, 2 messages, sent from ${origin}.`)).toBeVisible();
  await expect(tab.locator('.message-body').filter({ hasText: word })).toBeVisible();
  // The preview is the chat rendered as the community page will show it (not raw Markdown),
  // and each level says what it means.
  await expect(tab.locator('#upload-preview .message-body > p').filter({ hasText: word })).toBeVisible();
  await expect(tab.getByLabel('Public, Full History')).toHaveAccessibleDescription(/with every branch/);
  await tab.screenshot({ path: 'test-results/community-upload-1280.png', fullPage: true });
  await check(tab, 'community-upload', 1280);
  await tab.getByLabel('Public', { exact: true }).check();
  await tab.getByLabel('Tags').fill('bread, starter');
  await tab.getByRole('button', { name: 'Publish' }).click();
  await expect(tab).toHaveURL(/\/community\/c\/[0-9a-f-]{36}$/);
  const chatUrl = tab.url();
  await expect(tab.getByRole('heading', { name: title })).toBeVisible();
  await expect(tab.getByText(/Shared by Uli Uploader .* · Public$/)).toBeVisible();

  // A visitor on B (no account) finds it by a word from its answer, highlighted.
  const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo' });
  const vpage = await visitor.newPage();
  await vpage.goto(`${HUB}/community`);
  // The community's pages are plain HTML: no WASM, nothing to wait for.
  await plainHtml(vpage);
  // Its card carries the chat's opening words, without a search.
  await expect(vpage.locator('.community-card').filter({ hasText: title }).locator('.snippet')).toContainText(word);
  await check(vpage, 'community-gallery', 1280);
  await vpage.getByLabel('Search community chats').fill(word);
  await vpage.getByRole('button', { name: 'Search' }).click();
  await expect(vpage).toHaveURL(new RegExp(`query=${word}`));
  await expect(vpage.getByText(`1 chat found for “${word}”`)).toBeVisible();
  await expect(vpage.locator('.snippet mark')).toHaveText(word);
  // Its card says when, in the reader's zone: moments ago, never a UTC time.
  await expect(vpage.locator('.community-card time')).toHaveText(/^(just now|1 minute ago)$/);
  await expect(vpage.locator('main')).not.toContainText('UTC');
  await vpage.screenshot({ path: 'test-results/community-search-1280.png', fullPage: true });
  await vpage.setViewportSize({ width: 360, height: 780 });
  await vpage.screenshot({ path: 'test-results/community-search-360.png', fullPage: true });
  await vpage.getByRole('link', { name: title }).click();
  await expect(vpage.locator('.message-body').filter({ hasText: word })).toBeVisible();
  await vpage.screenshot({ path: 'test-results/community-chat-360.png', fullPage: true });

  // The uploader makes it Private with "Update Chat": the visitor can no longer find or open it.
  await tab.getByLabel('Private', { exact: true }).check();
  await tab.getByRole('button', { name: 'Update Chat' }).click();
  await expect(tab.getByText('Updated.')).toBeVisible();
  await expect(tab.getByText(/ · Private: only you can open it$/)).toBeVisible();
  await tab.screenshot({ path: 'test-results/community-chat-1280.png', fullPage: true });
  await vpage.goto(`${HUB}/community?query=${word}`);
  await expect(vpage.getByText(`0 chats found for “${word}”`)).toBeVisible();
  await expect(vpage.getByRole('link', { name: title })).toHaveCount(0);
  const gone = await vpage.goto(chatUrl);
  expect(gone?.status()).toBe(404);
  await expect(vpage.getByText('This community chat does not exist, or is not shared with you.')).toBeVisible();

  // "My community chats" still lists it for the uploader.
  await tab.goto(`${HUB}/community/mine`);
  await expect(tab.getByRole('link', { name: title })).toBeVisible();
  // The account menu opens without a script, with the way back to the chats.
  await tab.locator('summary.user-button').click();
  await check(tab, 'community-mine-menu', 1280);
  await tab.getByRole('link', { name: 'Your chats' }).click();
  await expect(tab).toHaveURL(`${HUB}/`);

  await setAdminConfig(request, { COMMUNITY_SHARING_URL: 'https://openwebui.com/chats/upload' });
  await visitor.close();
  await owner.close();
  await hub.dispose();
});

test('the upload page takes a chat only from an instance its admin allows', async ({ browser, request }) => {
  const hub = await playwrightRequest.newContext({ baseURL: HUB });
  const res = await hub.post('/api/v1/auths/signin', { data: { email: 'hub@example.com', password: 'hub admin password' } });
  expect(res.status()).toBe(200);
  const hubAdmin = (await res.json()).token;
  expect((await hub.post('/api/v1/auths/admin/config', {
    data: { COMMUNITY_ALLOWED_ORIGINS: [] },
    headers: { Authorization: `Bearer ${hubAdmin}` },
  })).status()).toBe(200);
  await setAdminConfig(request, { ENABLE_COMMUNITY_SHARING: true, COMMUNITY_SHARING_URL: `${HUB}/chats/upload` });
  const owner = await adminContext(browser);
  const title = `Not allowed ${Date.now()}`;
  const chatId = await createChat(owner, title);
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const [tab] = await Promise.all([
    owner.waitForEvent('page'),
    page.getByRole('dialog', { name: 'Share Chat' }).getByRole('button', { name: 'Share to Open WebUI Community' }).click(),
  ]);
  await expect(tab).toHaveURL(`${HUB}/chats/upload`);
  await tab.waitForTimeout(1500);
  await expect(tab.getByText(/^Waiting for the chat/)).toBeVisible();
  await expect(tab.getByText(title)).toHaveCount(0);
  await setAdminConfig(request, { COMMUNITY_SHARING_URL: 'https://openwebui.com/chats/upload' });
  await owner.close();
  await hub.dispose();
});
