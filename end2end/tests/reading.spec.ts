import { BrowserContext, Page, chromium, expect, test } from '@playwright/test';
import { adminContext, adminToken, check, createChat, hydrated, memberContext, scriptReady } from './helpers';

// The page readers land on, /s/{id}: server-written HTML with one small script (issue #36).

/** Fails the test if `ctx` ever asks for a WASM module or the client's JavaScript. */
function refuseClientCode(ctx: BrowserContext) {
  const asked: string[] = [];
  ctx.on('request', (r) => { if (/\.wasm$|\/pkg\/.*\.js$/.test(new URL(r.url()).pathname)) asked.push(r.url()); });
  return asked;
}

test('with JavaScript off, every state of /s/{id} reads: the chat, sign in, 403 and request access, password, 410, 404', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const owner = await adminContext(browser);
  const { ctx: reader } = await memberContext(browser, `Nora ${stamp}`, bearer, { javaScriptEnabled: false });
  const asked = refuseClientCode(reader);
  const page = await reader.newPage();

  // The chat: its messages, and the links and forms around them.
  const chatId = await createChat(owner, `Plain ${stamp}`, 'Read me **without** scripts.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const res = await page.goto(`/s/${link.share_id}`);
  expect(res!.status()).toBe(200);
  await expect(page.getByRole('heading', { name: `Plain ${stamp}` })).toBeVisible();
  await expect(page.locator('.messages')).toContainText('Read me without scripts.');
  await expect(page.getByRole('link', { name: 'Download Markdown' })).toBeVisible();
  await page.screenshot({ path: 'test-results/reading-no-js-1280.png' });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: 'test-results/reading-no-js-360.png' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // A visitor is sent to sign in, and comes back to the link afterwards.
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const vpage = await visitor.newPage();
  await vpage.goto(`/s/${link.share_id}`);
  await expect(vpage).toHaveURL(new RegExp(`/auth\\?redirect=(/|%2F)s(/|%2F)${link.share_id}$`));
  await visitor.close();

  // Closed to Nora: 403, and "Request access" is a form that works without scripts.
  const closedChat = await createChat(owner, `Closed ${stamp}`, 'Not for Nora.');
  const closed = await (await owner.request.post(`/api/v1/chats/${closedChat}/share`)).json();
  const only = await owner.request.post(`/api/v1/chats/shared/${closedChat}/access/update`, { data: { access_grants: [], share_mode: null } });
  expect(only.status()).toBe(200);
  expect((await page.goto(`/s/${closed.share_id}`))!.status()).toBe(403);
  await expect(page.getByRole('heading', { name: "You can't open this yet" })).toBeVisible();
  await page.getByRole('button', { name: 'Request access' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Requested.' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Not for Nora.');

  // A password: the form, a wrong one, the right one.
  const lockedChat = await createChat(owner, `Locked ${stamp}`, 'Behind a password.');
  const locked = await (await owner.request.post(`/api/v1/chats/${lockedChat}/share`)).json();
  const pw = await owner.request.post('/api/fn/set_share_password', { data: { chat_id: lockedChat, password: 'open sesame' } });
  expect(pw.status()).toBe(200);
  expect((await page.goto(`/s/${locked.share_id}`))!.status()).toBe(401);
  await page.getByLabel('Password').fill('not it at all');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toHaveText('That password is not right.');
  await page.getByLabel('Password').fill('open sesame');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('.messages')).toContainText('Behind a password.');

  // Expired: 410.
  const soonChat = await createChat(owner, `Soon ${stamp}`, 'Gone soon.');
  const soon = await (await owner.request.post(`/api/v1/chats/${soonChat}/share`, { data: { expires_at: Math.floor(Date.now() / 1000) + 2 } })).json();
  await page.waitForTimeout(3_000);
  expect((await page.goto(`/s/${soon.share_id}`))!.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link expired' })).toBeVisible();

  // Unknown: 404.
  expect((await page.goto('/s/00000000-0000-4000-8000-000000000000'))!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This shared chat is no longer available' })).toBeVisible();

  expect(asked).toEqual([]);
  await owner.close();
  await reader.close();
});

/** Slow 4G (562.5 ms round trip, 1.4 Mbit/s down) and a CPU 4× slower, for `page`. */
async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 562.5, downloadThroughput: (1.4 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

test('on a throttled phone network, Copy link and a code block\'s Copy work as soon as the page shows', async ({ browser }) => {
  const owner = await adminContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const chatId = await createChat(owner, 'Copy at first paint', 'Run this:\n\n```sh\ncargo test --workspace\n```');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const page = await owner.newPage();
  await throttle(page);
  const started = Date.now();
  await page.goto(`/s/${link.share_id}`, { waitUntil: 'commit' });
  await scriptReady(page);
  console.log(`/s/{id} on Slow 4G with a 4× slower CPU: text and controls working after ${Date.now() - started} ms`);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/s/${link.share_id}$`));
  await page.locator('.code-copy').first().click();
  await expect(page.getByRole('status').filter({ hasText: 'Code copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('cargo test --workspace');
  await owner.close();
});

test("a live link's reader sees the owner's new turn appear without reloading", async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const owner = await adminContext(browser);
  const { ctx: reader } = await memberContext(browser, `Rosa ${stamp}`, bearer);

  const history = (extra: boolean) => {
    const messages: Record<string, object> = {
      u1: { id: 'u1', parentId: null, childrenIds: ['a1'], role: 'user', content: 'Where do we meet?', timestamp: 1795295194 },
      a1: { id: 'a1', parentId: 'u1', childrenIds: extra ? ['u2'] : [], role: 'assistant', content: 'At the station.', timestamp: 1795295198 },
    };
    if (extra) messages.u2 = { id: 'u2', parentId: 'a1', childrenIds: [], role: 'user', content: `See you at nine ${stamp}`, timestamp: 1795295300 };
    return { title: `Meeting ${stamp}`, history: { currentId: extra ? 'u2' : 'a1', messages } };
  };
  const created = await owner.request.post('/api/v1/chats/new', { data: { chat: history(false) } });
  const chatId = (await created.json()).id;
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const live = await owner.request.post(`/api/v1/chats/shared/${chatId}/access/update`, {
    data: { access_grants: [{ principal_type: 'user', principal_id: '*', permission: 'read' }], share_mode: 'continue' },
  });
  expect(live.status()).toBe(200);

  const page = await reader.newPage();
  await page.goto(`/s/${link.share_id}`);
  await scriptReady(page);
  await expect(page.locator('.shared-head')).toContainText('live, last changed');
  const loads: string[] = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) loads.push(f.url()); });

  const sent = Date.now();
  expect((await owner.request.post(`/api/v1/chats/${chatId}`, { data: { chat: history(true) } })).status()).toBe(200);
  await expect(page.locator('.messages')).toContainText(`See you at nine ${stamp}`);
  console.log(`a live link's new turn reached its reader after ${Date.now() - sent} ms`);
  await expect(page.getByRole('status').filter({ hasText: 'Updated just now.' })).toBeVisible();
  expect(loads).toEqual([]);
  await page.screenshot({ path: 'test-results/live-reader-1280.png' });

  // Deleting the link: the reader is told, the messages stay as they were.
  expect((await owner.request.delete(`/api/v1/chats/${chatId}/share`)).status()).toBe(200);
  await expect(page.locator('#live-status')).toContainText('no longer available');
  await owner.close();
  await reader.close();
});

test('the Share dialog shows the link as a QR code', async ({ browser }) => {
  const owner = await adminContext(browser);
  const chatId = await createChat(owner, 'A QR code for a slide');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  await dialog.getByText('QR code', { exact: true }).click();
  const img = dialog.getByRole('img', { name: 'QR code of the link' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  expect(await img.getAttribute('src')).toBe(`/s/${link.share_id}/qr.svg`);
  await page.screenshot({ path: 'test-results/share-qr-1280.png' });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: 'test-results/share-qr-360.png' });
  await owner.close();
});

test('another site embeds a link open to anyone: the embed view shows in its frame, the page itself refuses to be framed', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const open = await request.post('/api/v1/users/default/permissions', { data: { sharing: { open_chats: true } }, headers: { Authorization: `Bearer ${bearer}` } });
  expect(open.status()).toBe(200);
  const owner = await adminContext(browser);
  const chatId = await createChat(owner, 'Embedded answers', 'Use `cargo fmt` before every commit.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const grants = await owner.request.post(`/api/v1/chats/shared/${chatId}/access/update`, {
    data: { access_grants: [{ principal_type: 'anyone', principal_id: '*', permission: 'read' }], share_mode: null },
  });
  expect(grants.status()).toBe(200);
  const base = new URL((await request.get('/healthz')).url()).origin;
  const oembed = await request.get(`/api/oembed?url=${encodeURIComponent(`${base}/s/${link.share_id}`)}`);
  expect(oembed.status()).toBe(200);
  const iframe = (await oembed.json()).html as string;

  // A blog post on another origin with the oEmbed's frame, and a frame of the page itself. The
  // post is made up by the test (as if public), and Chromium keeps public pages from framing
  // this machine's servers (local network access), so this browser lets it.
  const launched = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForNavigations'],
  });
  // Closed even when an expectation fails, so no browser outlives the test.
  try {
    const blog = await launched.newContext({ viewport: { width: 900, height: 900 } });
    const asked: string[] = [];
    blog.on('request', (r) => { if (/\.wasm$|\/pkg\/.*\.js$/.test(new URL(r.url()).pathname)) asked.push(r.url()); });
    const page = await blog.newPage();
    await page.route('http://localhost:3999/**', (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!DOCTYPE html><html lang="en"><title>A post</title><h1>A post</h1>${iframe}<iframe id="page" src="${base}/s/${link.share_id}" title="The page"></iframe>`,
    }));
    const refused: string[] = [];
    page.on('console', (m) => { if (m.text().includes("frame-ancestors 'none'")) refused.push(m.text()); });
    await page.goto('http://localhost:3999/post');
    const embed = page.frameLocator('iframe[src$="/embed"]');
    await expect(embed.getByRole('heading', { name: 'Embedded answers' })).toBeVisible();
    await expect(embed.getByRole('link', { name: 'Open in chatshare' })).toHaveAttribute('href', `${base}/s/${link.share_id}`);
    await expect(embed.locator('.messages')).toContainText('Use cargo fmt before every commit.');
    await expect(page.frameLocator('#page').getByRole('heading', { name: 'Embedded answers' })).toHaveCount(0);
    await expect.poll(() => refused.length, { message: "the browser refused to frame /s/{id} for its frame-ancestors 'none'" }).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/embed-in-a-blog-900.png' });
    expect(asked).toEqual([]);
  } finally {
    await launched.close();
  }

  // The embed view itself, light and dark, wide and narrow.
  for (const width of [1280, 360]) {
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width, height: 700 } });
    const view = await ctx.newPage();
    await view.goto(`/s/${link.share_id}/embed`);
    await scriptReady(view);
    await check(view, 'embed', width);
    await ctx.close();
  }
  await owner.close();
});
