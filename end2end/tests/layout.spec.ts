import { test, expect, BrowserContext, Page } from '@playwright/test';
import { adminContext } from './helpers';

/** A chat of `n` messages (user and assistant in turn) created through the API; its id. */
async function longChat(ctx: BrowserContext, title: string, n: number): Promise<string> {
  const messages: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    messages[`m${i}`] = {
      id: `m${i}`, parentId: i ? `m${i - 1}` : null, childrenIds: i + 1 < n ? [`m${i + 1}`] : [],
      role: i % 2 ? 'assistant' : 'user', timestamp: 1795295194 + i,
      content: `Message ${i}. ` + 'A few sentences that take some room on the screen, so that forty of them are far taller than any window. '.repeat(2),
    };
  }
  const res = await ctx.request.post('/api/v1/chats/new', { data: { chat: { title, history: { messages, currentId: `m${n - 1}` } } } });
  expect(res.status()).toBe(200);
  return (await res.json()).id;
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

for (const size of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
  test(`a chat app's shell at ${size.width}×${size.height}: opens at the latest message, composer pinned, sidebar fixed, scrims cover all`, async ({ browser }) => {
    const ctx = await adminContext(browser, { viewport: size });
    const otherTitle = `Short one ${Date.now()}`;
    const other = await longChat(ctx, otherTitle, 2);
    const id = await longChat(ctx, `Forty messages ${Date.now()}`, 40);
    const page = await ctx.newPage();
    await open(page, `/c/${id}`);
    await expect(page.locator('.message')).toHaveCount(40);
    // Opens at its latest message, with the composer in view.
    await expect(page.locator('.message').last()).toBeInViewport();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeInViewport();
    // The page itself does not scroll; the message column does.
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1)).toBe(true);
    await page.locator('#main').evaluate((el) => { el.scrollTop = 0; });
    await expect(page.locator('.message').first()).toBeInViewport();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeInViewport();
    await page.screenshot({ path: `test-results/layout-chat-${size.width}.png` });
    // The open chat is marked in the sidebar.
    await expect(page.locator('#sidebar .chat-link[aria-current=page]')).toHaveCount(1);
    await expect(page.locator('#sidebar .chat-link[aria-current=page]')).toHaveAttribute('href', `/c/${id}`);

    if (size.width > 760) {
      // The sidebar stays when the messages scroll.
      await expect(page.locator('#sidebar')).toBeInViewport();
      // The Share dialog's scrim covers the sidebar too.
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Share Chat' })).toBeVisible();
      const inSidebar = await page.evaluate(() => !!document.elementFromPoint(100, 400)?.closest('#sidebar'));
      expect(inSidebar).toBe(false);
      await page.screenshot({ path: `test-results/layout-share-${size.width}.png` });
    } else {
      // The drawer: a scrim closes it, Escape closes it, and picking a chat closes it.
      const toggle = page.getByRole('button', { name: 'Toggle sidebar' });
      await toggle.click();
      await expect(page.locator('#sidebar')).toBeInViewport();
      await page.mouse.click(size.width - 10, size.height / 2);
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.click();
      await page.keyboard.press('Escape');
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.click();
      await page.screenshot({ path: `test-results/layout-drawer-${size.width}.png` });
      await page.locator('#sidebar').getByRole('link', { name: otherTitle }).click();
      await expect(page).toHaveURL(new RegExp(`/c/${other}$`));
      await expect(page.locator('#sidebar .chat-link[aria-current=page]')).toHaveAttribute('href', `/c/${other}`);
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(page.locator('#sidebar')).not.toBeInViewport();
    }
    await ctx.close();
  });
}
