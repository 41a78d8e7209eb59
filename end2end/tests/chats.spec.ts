import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { adminContext, check, createChat, hydrated, pageReady } from './helpers';

const FIXTURES = path.join(__dirname, '..', '..', 'tests', 'fixtures');

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The sidebar entry of a chat (a pinned chat's link reads "Pinned: <title>"). */
function sidebarItem(page: Page, title: string) {
  return page.locator('.chat-item').filter({ has: page.getByRole('link', { name: new RegExp(`^(Pinned: )?${escapeRegExp(title)}$`) }) });
}

test('create by typing, the ⋯ menu by mouse and keyboard, rename, delete', async ({ browser }) => {
  const ctx = await adminContext(browser);
  const page = await ctx.newPage();
  await page.goto('/');
  await hydrated(page);

  // Typing a first message starts a chat named after it, and it appears in the sidebar.
  const words = `Repotting an orchid ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(`${words} in spring`);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  await expect(page.locator('.message.user')).toContainText(`${words} in spring`);
  const title = `${words} in spring`;
  await expect(sidebarItem(page, title)).toBeVisible();

  // Mouse: hovering shows ⋯, clicking opens the menu with every item.
  await sidebarItem(page, title).hover();
  const dots = page.getByRole('button', { name: `Chat options for ${title}` });
  await expect(dots).toBeVisible();
  await dots.click();
  const menu = page.getByRole('menu');
  for (const item of ['Share', 'Rename', 'Pin', 'Archive', 'Export', 'Delete']) {
    await expect(menu.getByRole('menuitem', { name: item, exact: true })).toBeVisible();
  }
  await expect(dots).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // Keyboard (the WAI-ARIA menu pattern): focus the chat link, Tab to ⋯, Enter opens the menu
  // on its first item, the arrow keys move (wrapping), Enter picks Rename.
  await sidebarItem(page, title).getByRole('link').focus();
  await page.keyboard.press('Tab');
  await expect(dots).toBeFocused();
  await expect(dots).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Share' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('Enter');
  const input = page.getByRole('textbox', { name: 'New title' });
  await expect(input).toBeFocused();
  const renamed = `Orchid care ${Date.now()}`;
  await input.fill(renamed);
  await input.press('Enter');
  await expect(sidebarItem(page, renamed)).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: renamed })).toBeVisible();

  // ⋯ → Export downloads Open WebUI's export of this one chat.
  await sidebarItem(page, renamed).hover();
  await page.getByRole('button', { name: `Chat options for ${renamed}` }).click();
  const [one] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export' }).click(),
  ]);
  expect(one.suggestedFilename()).toMatch(/^chat-export-[0-9a-f-]{36}\.json$/);
  const single = JSON.parse(fs.readFileSync(await one.path(), 'utf8'));
  expect(single).toHaveLength(1);
  expect(single[0].title).toBe(renamed);
  expect(single[0].chat.history.messages[single[0].chat.history.currentId].content).toBe(`${words} in spring`);
  await expect(page.getByRole('menu')).toBeHidden();

  // Delete, through the confirm dialog: gone from the sidebar, and the page leaves the chat.
  await sidebarItem(page, renamed).hover();
  await page.getByRole('button', { name: `Chat options for ${renamed}` }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete chat?' });
  await expect(confirm).toContainText(renamed);
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(sidebarItem(page, renamed)).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  await ctx.close();
});

test('import an Open WebUI export in Settings, switch sibling answers, copy code, export all', async ({ browser }) => {
  const ctx = await adminContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await ctx.newPage();
  await page.goto('/settings');
  await hydrated(page);

  await page.getByLabel('Import chats').setInputFiles(path.join(FIXTURES, 'open-webui-export.json'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 chats.' })).toBeVisible();
  await expect(sidebarItem(page, 'Watering a cactus').first()).toBeVisible();

  // A broken file: a clear error, and nothing imported.
  const broken = path.join(test.info().outputDir, 'broken.json');
  fs.mkdirSync(path.dirname(broken), { recursive: true });
  fs.writeFileSync(broken, '[{"title": "Half a file", "chat": {"history": {"currentId": "gone", "messages": {}}}}]');
  await page.getByLabel('Import chats').setInputFiles(broken);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Chat 1 (“Half a file”): currentId names a message gone that does not exist. Nothing was imported.');
  await expect(sidebarItem(page, 'Half a file')).toHaveCount(0);

  // The imported tree: the second answer is shown ("2 / 2"); switch to the first and back.
  await sidebarItem(page, 'Watering a cactus').first().getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Watering a cactus' })).toBeVisible();
  await hydrated(page);
  const answer = page.locator('.message.assistant');
  await expect(answer).toContainText('Rarely: once a month in winter');
  await expect(answer.locator('.branch-pos')).toHaveText('2 / 2');
  await answer.getByRole('button', { name: 'Previous answer' }).click();
  await expect(answer.locator('.branch-pos')).toHaveText('1 / 2');
  await expect(answer).toContainText('every two weeks');
  await expect(answer.getByRole('button', { name: 'Next answer' })).toBeEnabled();
  await page.reload();
  await expect(page.locator('.message.assistant .branch-pos')).toHaveText('1 / 2'); // stored as currentId
  await hydrated(page);
  await page.locator('.message.assistant').getByRole('button', { name: 'Next answer' }).click();
  await expect(page.locator('.message.assistant .branch-pos')).toHaveText('2 / 2');
  await expect(page.locator('.message.assistant')).toContainText('Rarely: once a month in winter');

  // A code block's copy button copies exactly the code.
  await sidebarItem(page, 'Rust lifetimes').first().getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Rust lifetimes' })).toBeVisible();
  await hydrated(page);
  const copy = page.locator('.message.assistant').getByRole('button', { name: 'Copy code' });
  await copy.click();
  await expect(copy).toHaveText('Copied!');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe("fn longest<'a>(a: &'a str, b: &'a str) -> &'a str { a }\n");

  // Export All Chats downloads Open WebUI's export, which imports again.
  await page.goto('/settings');
  await hydrated(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export All Chats' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^chat-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const titles = exported.map((c: { title: string }) => c.title);
  expect(titles).toContain('Watering a cactus');
  expect(titles).toContain('Rust lifetimes');
  const cactus = exported.find((c: { title: string }) => c.title === 'Watering a cactus');
  expect(Object.keys(cactus).sort()).toEqual(['archived', 'chat', 'created_at', 'folder_id', 'id', 'meta', 'pinned', 'share_id', 'title', 'updated_at', 'user_id']);
  expect(cactus.meta).toEqual({ tags: ['garden'] });
  await ctx.close();
});

test('script, event-handler and javascript: payloads render as inert text', async ({ browser }) => {
  const ctx = await adminContext(browser);
  const payloads = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))'];
  const res = await ctx.request.post('/api/v1/chats/new', {
    data: {
      chat: {
        title: '<img src=x onerror=alert(1)> title',
        history: {
          currentId: 'm3', messages: {
            m1: { id: 'm1', parentId: null, childrenIds: ['m2'], role: 'user', content: payloads[0] },
            m2: { id: 'm2', parentId: 'm1', childrenIds: ['m3'], role: 'assistant', content: payloads[1] },
            m3: { id: 'm3', parentId: 'm2', childrenIds: [], role: 'user', content: payloads[2] },
          },
        },
      },
    },
  });
  expect(res.status()).toBe(200);
  const chatId = (await res.json()).id;
  const share = await ctx.request.post(`/api/v1/chats/${chatId}/share`);
  expect(share.status()).toBe(200);
  const shareId = (await share.json()).share_id;

  const page = await ctx.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.addInitScript(() => { (window as unknown as { __xss: number }).__xss = 0; });

  for (const url of [`/c/${chatId}`, `/s/${shareId}`]) {
    await page.goto(url);
    await pageReady(page);
    const body = page.locator('.messages');
    await expect(body).toContainText('<script>alert(1)</script>');
    await expect(body).toContainText('<img src=x onerror=alert(1)>');
    await expect(body.locator('script')).toHaveCount(0);
    await expect(body.locator('img')).toHaveCount(0);
    await expect(page.locator('[onerror], [onload], [onclick]')).toHaveCount(0);
    // The javascript: link keeps its text and loses its target (so it is not even a link).
    const link = body.locator('a', { hasText: /^x$/ });
    await expect(link).toHaveCount(1);
    expect(await link.getAttribute('href')).toBeNull();
    await link.click();
    await expect(page.getByRole('heading', { name: '<img src=x onerror=alert(1)> title' })).toBeVisible();
  }
  // The shared page has no sidebar: the title in the owner's chat list, back in the app.
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await expect(page.locator('#sidebar')).toContainText('<img src=x onerror=alert(1)> title');
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  await ctx.close();
});

test('the sidebar lists the newest 60 chats, and more on request; the page carries no more', async ({ browser }) => {
  const owner = await adminContext(browser);
  const stamp = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < 65; i++) {
    const res = await owner.request.post('/api/v1/chats/new', { data: { chat: { title: `Many ${stamp} #${i}` } } });
    expect(res.status()).toBe(200);
    ids.push((await res.json()).id);
  }
  // At most 60 of them in the list (pinned chats, if any, come first and take places), and the
  // page carries no more than the list asks for (61: one more tells whether there are more).
  const html = await (await owner.request.get(`/c/${ids[64]}`)).text();
  expect(ids.filter((id) => html.includes(id)).length).toBeLessThanOrEqual(61);
  const page = await owner.newPage();
  await page.goto(`/c/${ids[64]}`);
  await hydrated(page);
  const nav = page.getByRole('navigation', { name: 'Chats' });
  const many = nav.getByRole('link', { name: new RegExp(`^Many ${stamp} #`) });
  await expect(many.first()).toBeVisible();
  expect(await many.count()).toBeLessThanOrEqual(60);
  await nav.getByRole('button', { name: 'Show more chats' }).click();
  await expect(many).toHaveCount(65);
  await page.screenshot({ path: 'test-results/sidebar-show-more-1280.png' });
  for (const id of ids) expect((await owner.request.delete(`/api/v1/chats/${id}`)).status()).toBe(200);
  await owner.close();
});

test('messages look as written: your line breaks, a labelled and highlighted code block, solid bullets, in the app and on the shared page', async ({ browser }) => {
  const ctx = await adminContext(browser, { bypassCSP: true });
  const created = await ctx.request.post('/api/v1/chats/new', {
    data: {
      chat: {
        title: 'As written', models: ['llama3.1:8b'],
        history: {
          currentId: 'a1', messages: {
            u1: { id: 'u1', parentId: null, childrenIds: ['a1'], role: 'user', content: 'line one\nline two', timestamp: 1795295194 },
            a1: { id: 'a1', parentId: 'u1', childrenIds: [], role: 'assistant', content: 'Here:\n\n```rust\nfn main() { let s = "hi"; } // done\n```\n\n- apples\n  - green\n- pears', model: 'llama3.1:8b', timestamp: 1795295198 },
          },
        },
      },
    },
  });
  expect(created.status()).toBe(200);
  const id = (await created.json()).id;
  const shared = await ctx.request.post(`/api/v1/chats/${id}/share`);
  expect(shared.status()).toBe(200);
  const sid = (await shared.json()).share_id;
  const page = await ctx.newPage();
  for (const url of [`/c/${id}`, `/s/${sid}`]) {
    await page.goto(url);
    // innerText follows the page's CSS: the break shows as a line break, not a space.
    expect(await page.locator('#u1 .message-body').innerText(), url).toContain('line one\nline two');
    await expect(page.locator('#a1 .code-lang'), url).toHaveText('rust');
    // Highlighted by the server: keywords, strings and comments in their colours.
    await expect(page.locator('#a1 pre .hl-k'), url).toHaveText(['fn', 'let']);
    await expect(page.locator('#a1 pre .hl-s'), url).toHaveText('"hi"');
    await expect(page.locator('#a1 pre .hl-c'), url).toHaveText('// done');
    const [keyword, text] = await page.locator('#a1 pre').evaluate((pre) => [getComputedStyle(pre.querySelector('.hl-k')!).color, getComputedStyle(pre).color]);
    expect(keyword, url).not.toBe(text);
    await check(page, url.startsWith('/c/') ? 'code-highlight-chat' : 'code-highlight-shared', 1280);
    const bullets = await page.locator('#a1 .message-body ul').evaluateAll((lists) => lists.map((l) => getComputedStyle(l).listStyleType));
    expect(bullets, url).toEqual(['disc', 'disc']);
  }
  await ctx.request.delete(`/api/v1/chats/${id}`);
  await ctx.close();
});

test("the composer: focused when a chat opens, grows to about 12 lines, Shift+Enter breaks the line; Open WebUI's shortcuts", async ({ browser }) => {
  const ctx = await adminContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const id = await createChat(ctx, `Keys ${Date.now()}`, 'Here:\n\n```rust\nfn main() {}\n```\n\nDone.');
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/c/${id}`);
  await hydrated(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeFocused();

  // It grows with its text, then scrolls.
  const height = async () => (await box.boundingBox())!.height;
  const empty = await height();
  await box.fill(Array.from({ length: 5 }, (_, i) => `line ${i}`).join('\n'));
  const five = await height();
  expect(five).toBeGreaterThan(empty + 30);
  await box.fill(Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n'));
  const forty = await height();
  expect(forty).toBeGreaterThan(five);
  expect(forty).toBeLessThan(400);
  expect(await box.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await box.fill('first');
  await box.press('Shift+Enter');
  await box.pressSequentially('second');
  await expect(box).toHaveValue('first\nsecond');
  await box.fill('');

  // Shift+Esc: back to the message box.
  await page.getByRole('heading', { level: 1 }).click();
  await expect(box).not.toBeFocused();
  await page.keyboard.press('Shift+Escape');
  await expect(box).toBeFocused();
  // Copy the last answer, then the last code block (without its button and label).
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.keyboard.press('Control+Shift+KeyC');
  await expect(page.getByText('Answer copied.')).toBeVisible();
  const answer = await clipboard();
  expect(answer).toContain('Here:');
  expect(answer).toContain('fn main() {}');
  expect(answer).toContain('Done.');
  expect(answer).not.toContain('Copy');
  await page.keyboard.press('Control+Shift+Semicolon');
  await expect(page.getByText('Code copied.')).toBeVisible();
  expect((await clipboard()).trim()).toBe('fn main() {}');
  // The list of shortcuts.
  await page.keyboard.press('Control+Slash');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toContainText('Copy the last code block');
  await expect(list).toContainText('Ctrl/⌘ + Shift + O');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  // Hide and show the sidebar.
  await page.keyboard.press('Control+Shift+KeyS');
  await expect(page.locator('#sidebar')).toBeHidden();
  await page.keyboard.press('Control+Shift+KeyS');
  await expect(page.locator('#sidebar')).toBeVisible();
  // On a phone the same keys open and close the drawer.
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(page.locator('#sidebar')).not.toBeInViewport();
  await page.keyboard.press('Control+Shift+KeyS');
  await expect(page.locator('#sidebar')).toBeInViewport();
  await page.keyboard.press('Control+Shift+KeyS');
  await expect(page.locator('#sidebar')).not.toBeInViewport();
  await page.setViewportSize({ width: 1280, height: 800 });
  // A new chat: the start page, its message box focused.
  await page.keyboard.press('Control+Shift+KeyO');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/');
  await hydrated(page);
  await expect(box).toBeFocused();
  await ctx.close();
});
