import { test, expect, Page } from '@playwright/test';
import { adminContext, applyShare, openLinkOptions, createChat, hydrated, openShareFromSidebar, scriptReady } from './helpers';

// Issue #37, item 4: times in the reader's zone. The test chat's messages were written at
// 2026-11-21 21:06 UTC, which is already Sunday the 22nd in Tokyo.
const TOKYO = { timezoneId: 'Asia/Tokyo', locale: 'en-US', viewport: { width: 1280, height: 800 } };

/** Nothing on the page says UTC, and every time on it has its full local time on hover. */
async function localTimesOnly(page: Page, where: string) {
  await expect(page.locator('body'), where).not.toContainText('UTC');
  const times = page.locator('time[datetime]');
  expect(await times.count(), where).toBeGreaterThan(0);
  for (const title of await times.evaluateAll((all) => all.map((t) => t.getAttribute('title') ?? ''))) {
    expect(title, where).toMatch(/GMT\+9$/);
  }
}

test('in Tokyo no visible time says UTC: chat, sidebar, shared page, My shared links, versions, Admin lists, audit (with readable actions and link titles)', async ({ browser }) => {
  const owner = await adminContext(browser, TOKYO);
  const title = `Tokyo times ${Date.now()}`;
  const chatId = await createChat(owner, title);
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);

  // The messages: older than a week, so a local date, and the full local time on hover.
  const asked = page.locator('.message time').first();
  await expect(asked).toHaveText('Nov 22, 2026');
  await expect(asked).toHaveAttribute('title', 'Sunday, November 22, 2026 at 6:06:34 AM GMT+9');
  await expect(asked).toHaveAttribute('datetime', '2026-11-21T21:06:34Z');
  // The sidebar groups by the reader's days.
  await expect(page.locator('#sidebar .chat-group').first()).toHaveText(/Today|Pinned/);
  await localTimesOnly(page, 'chat');

  // The Share dialog: make the link, give it an expiry, look at its versions.
  await openShareFromSidebar(page, title);
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  await applyShare(dialog);
  await openLinkOptions(dialog);
  await dialog.getByLabel('Expires', { exact: true }).selectOption('7');
  await applyShare(dialog);
  await expect(dialog.locator('.link-options summary time')).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, 2\d{3}$/);
  await dialog.getByText(/^Versions \(\d+\)$/).click();
  await expect(dialog.locator('.version-row time')).toHaveText(/^(just now|1 minute ago)$/);
  await expect(dialog).not.toContainText('UTC');
  await page.keyboard.press('Escape');

  // The shared page, as its reader opens it: the server's page with no client app.
  const shareId = (await (await owner.request.get(`/api/v1/chats/${chatId}`)).json()).share_id;
  expect(shareId).toBeTruthy();
  const shared = await owner.newPage();
  await shared.goto(`/s/${shareId}`);
  await scriptReady(shared);
  await expect(shared.locator('.shared-head time')).toHaveText(/^(just now|1 minute ago)$/);
  await localTimesOnly(shared, 'shared page');

  // My shared links (Settings), the Admin Panel's lists and its audit log.
  for (const path of ['/settings', '/admin/users', '/admin/shared', '/admin/audit']) {
    const p = await owner.newPage();
    await p.goto(path);
    await hydrated(p);
    await localTimesOnly(p, path);
    if (path === '/admin/audit') {
      // Readable actions, and the link named by its title (a link to it), not by its id.
      const row = p.locator('table.audit tr').filter({ hasText: 'Link created' }).filter({ hasText: title });
      await expect(row.getByRole('link', { name: title })).toHaveAttribute('href', `/s/${shareId}`);
      await expect(p.locator('table.audit')).not.toContainText('share.create');
    }
    await p.close();
  }
  await owner.close();
});
