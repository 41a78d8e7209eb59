import { test, expect, Page } from '@playwright/test';
import { adminContext, adminToken, createChat, hydrated, deleteLink, memberContext, openShareFromSidebar, plainHtml, scriptReady, setAdminConfig } from './helpers';

const PERMS = ['clipboard-read', 'clipboard-write'];

test('share, view, update, delete: the seed walk-through with two people', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const owner = await adminContext(browser, { permissions: PERMS });
  const { ctx: viewer } = await memberContext(browser, 'Vera Viewer', bearer);
  const title = `Sourdough ${Date.now()}`;
  const chatId = await createChat(owner, title);

  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await openShareFromSidebar(page, title);
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  await expect(dialog).toContainText("Messages you send after creating your link won't be shared.");

  // 1. Copy Link puts {origin}/s/{id} on the clipboard, with the toast and "Copied!".
  await dialog.getByRole('button', { name: 'Copy Link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied shared chat URL to clipboard!' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/s/[0-9a-f-]{36}$`));
  // The dialog shows the link it copied, ready to select.
  await expect(dialog.getByLabel('Link', { exact: true })).toHaveValue(url);
  await expect(dialog.getByRole('button', { name: 'Update and Copy Link' })).toBeVisible({ timeout: 5000 });
  await expect(page.getByText('Copied shared chat URL to clipboard!')).toBeHidden({ timeout: 5000 });

  // 2. A second person opens it read-only.
  const vpage = await viewer.newPage();
  const res = await vpage.goto(url);
  expect(res!.status()).toBe(200);
  await expect(vpage.getByRole('heading', { name: title })).toBeVisible();
  await expect(vpage.getByText('Feed it twice a day.')).toBeVisible();
  await expect(vpage.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  // The question is named after who wrote it (the owner), not "You"; the answer after its model.
  await expect(vpage.locator('.message.user .author').first()).toHaveText('Ada Admin');
  await expect(vpage.locator('.message.assistant .author').first()).toHaveText('llama3.1:8b');

  // 3. The owner adds a message: the viewer does not see it until the link is updated.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('textbox', { name: 'Message' }).fill('What about rye flour?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.message.user').last()).toContainText('What about rye flour?');
  await vpage.reload();
  await expect(vpage.getByText('What about rye flour?')).toHaveCount(0);

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog).toContainText('You have shared this chat before.');
  const before = dialog.getByRole('link', { name: 'before' });
  await expect(before).toHaveAttribute('target', '_blank');
  await expect(before).toHaveAttribute('rel', 'noopener noreferrer');
  const [tab] = await Promise.all([owner.waitForEvent('page'), before.click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toBe(url);
  await expect(tab.getByText('What about rye flour?')).toHaveCount(0);
  await tab.close();

  await page.evaluate(() => navigator.clipboard.writeText('something else'));
  await dialog.getByRole('button', { name: 'Update and Copy Link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await vpage.reload();
  await expect(vpage.getByText('What about rye flour?')).toBeVisible();

  // 4. "delete this link": back to the first state; the viewer gets the 404 page.
  await dialog.getByRole('button', { name: 'delete this link' }).click();
  // It asks first; "Keep it" keeps it.
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(vpage.reload()).resolves.toBeTruthy();
  await expect(vpage.getByText('What about rye flour?')).toBeVisible();
  await deleteLink(dialog);
  await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeVisible();
  await expect(dialog).toContainText("Messages you send after creating your link won't be shared.");
  const gone = await vpage.reload();
  expect(gone!.status()).toBe(404);
  await expect(vpage.getByRole('heading', { name: 'This shared chat is no longer available' })).toBeVisible();
  await owner.close();
  await viewer.close();
});

test('a signed-out visitor signs in and comes back to the shared chat', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const owner = await adminContext(browser);
  const title = `Hike ${Date.now()}`;
  const chatId = await createChat(owner, title, 'Pack water.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const { ctx: viewer, email } = await memberContext(browser, 'Sam Signed Out', bearer);
  await viewer.clearCookies();
  const page = await viewer.newPage();
  await page.goto(`/s/${link.share_id}`);
  await expect(page).toHaveURL(new RegExp(`/auth\\?redirect=/s/${link.share_id}$`));
  await plainHtml(page);
  // Told why, never what: who shared a chat with whom, not its title.
  await expect(page.getByRole('status').filter({ hasText: 'Ada Admin shared a chat with the members of chatshare. Sign in to read it.' })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('member password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${link.share_id}$`));
  await expect(page.getByText('Pack water.')).toBeVisible();
  await owner.close();
  await viewer.close();
});

test('when the clipboard is refused the link is shown to copy by hand, never "Copied"', async ({ browser }) => {
  const owner = await adminContext(browser); // no clipboard permissions
  await owner.addInitScript(() => {
    const refuse = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: refuse, write: refuse, readText: refuse } });
    document.execCommand = () => false;
  });
  const title = `Refused ${Date.now()}`;
  const chatId = await createChat(owner, title);
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  await dialog.getByRole('button', { name: 'Copy Link' }).click();
  const field = dialog.getByLabel(/Press Ctrl\+C to copy/);
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(/\/s\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Copied shared chat URL to clipboard!')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toHaveCount(0);
  await owner.close();
});

test('keyboard only: tab to a chat, open its menu, share, copy with Enter, Esc closes and focus returns', async ({ browser }) => {
  const owner = await adminContext(browser, { permissions: PERMS });
  const title = `Keys ${Date.now()}`;
  await createChat(owner, title);
  const page = await owner.newPage();
  await page.goto('/');
  await hydrated(page);
  const menuButton = page.getByRole('button', { name: `Chat options for ${title}` });
  for (let i = 0; i < 40 && !(await menuButton.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(menuButton).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Share' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  await expect(dialog).toBeVisible();
  const copy = dialog.getByRole('button', { name: 'Copy Link' });
  await expect(copy).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  // Focus stays trapped in the dialog.
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(menuButton).toBeFocused();
  await page.screenshot({ path: 'test-results/sidebar.png' });
  await owner.close();
});

test('a slow server: buttons wait, and one click makes one request', async ({ browser }) => {
  const owner = await adminContext(browser, { permissions: PERMS });
  const title = `Slow ${Date.now()}`;
  const chatId = await createChat(owner, title);
  const page = await owner.newPage();
  let shareCalls = 0;
  await page.route('**/api/fn/share_chat', async (route) => {
    shareCalls++;
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  const button = dialog.getByRole('button', { name: 'Copy Link' });
  await button.click();
  await expect(dialog.getByRole('button', { name: 'Working…' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Working…' }).click({ force: true }).catch(() => {});
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible({ timeout: 10_000 });
  expect(shareCalls).toBe(1);
  await owner.close();
});

test('my shared links: search, delete one, delete all; deleted links answer 404', async ({ browser }) => {
  const owner = await adminContext(browser);
  const stamp = Date.now();
  const titles = [`Alpha ${stamp}`, `Beta ${stamp}`, `Gamma ${stamp}`];
  const shares: string[] = [];
  await owner.request.delete('/api/v1/chats/share/all');
  for (const t of titles) {
    const id = await createChat(owner, t);
    shares.push((await (await owner.request.post(`/api/v1/chats/${id}/share`)).json()).share_id);
  }
  const page = await owner.newPage();
  await page.goto('/settings');
  await hydrated(page);
  await page.getByRole('button', { name: 'Manage' }).click(); // Settings → Data → Shared Chats → Manage
  const rows = page.locator('.link-row');
  await expect(rows).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search shared chats' }).fill('beta');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Beta ${stamp}`);
  await rows.first().getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(0);
  expect((await owner.request.get(`/api/v1/chats/share/${shares[1]}`)).status()).toBe(404);
  await page.getByRole('searchbox', { name: 'Search shared chats' }).fill('');
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete all shared links' }).click();
  await page.getByRole('dialog', { name: 'Delete all shared links?' }).getByRole('button', { name: 'Delete all' }).click();
  await expect(page.getByText('No shared links.')).toBeVisible();
  for (const s of shares) {
    expect((await owner.request.get(`/api/v1/chats/share/${s}`)).status()).toBe(404);
  }
  await owner.close();
});

test('community sharing: the button posts the chat to the community origin only; off hides it', async ({ browser, request }) => {
  await setAdminConfig(request, { ENABLE_COMMUNITY_SHARING: true, COMMUNITY_SHARING_URL: 'https://community.test/chats/upload' });
  const owner = await adminContext(browser);
  await owner.route('https://community.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<html><body><p id="got">waiting</p><script>
        let n = 0;
        window.addEventListener('message', (e) => { n += 1; document.getElementById('got').textContent = n + ' ' + e.origin + ' ' + JSON.stringify(e.data); });
        window.opener.postMessage('loaded', '*');
      </script></body></html>`,
    }),
  );
  const title = `Community ${Date.now()}`;
  const chatId = await createChat(owner, title);
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  const [tab] = await Promise.all([owner.waitForEvent('page'), dialog.getByRole('button', { name: 'Share to Open WebUI Community' }).click()]);
  await expect(tab.locator('#got')).toContainText(`"title":"${title}"`);
  await expect(tab.locator('#got')).toContainText('"models":["llama3.1:8b"]');
  await expect(tab.locator('#got')).toContainText(/^1 /);
  // A second share opens a second tab, which gets the chat once; the first tab is not sent it
  // again (each click's listener answers its own tab, once, and then goes).
  const [second] = await Promise.all([owner.waitForEvent('page'), dialog.getByRole('button', { name: 'Share to Open WebUI Community' }).click()]);
  await expect(second.locator('#got')).toContainText(`"title":"${title}"`);
  await page.waitForTimeout(500);
  await expect(second.locator('#got')).toContainText(/^1 /);
  await expect(tab.locator('#got')).toContainText(/^1 /);
  await second.close();
  await tab.close();

  await setAdminConfig(request, { ENABLE_COMMUNITY_SHARING: false });
  await page.reload();
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Share to Open WebUI Community' })).toHaveCount(0);
  await setAdminConfig(request, { ENABLE_COMMUNITY_SHARING: true });
  await owner.close();
});

test('text-to-speech on: "Read aloud" speaks the message and becomes "Stop"', async ({ browser, request }) => {
  await setAdminConfig(request, { TTS_ENABLED: true });
  const owner = await adminContext(browser);
  await owner.addInitScript(() => {
    (window as any).__spoken = [];
    const synth = window.speechSynthesis;
    synth.speak = (u: SpeechSynthesisUtterance) => { (window as any).__spoken.push(u.text); };
  });
  const title = `Speak ${Date.now()}`;
  const chatId = await createChat(owner, title, 'Listen to **this** answer.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const page = await owner.newPage();
  await page.goto(`/s/${link.share_id}`);
  await scriptReady(page);
  await page.getByRole('button', { name: 'Read aloud' }).click();
  // The words, not the markdown ("star star").
  expect(await page.evaluate(() => (window as any).__spoken)).toEqual(['Listen to this answer.']);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await setAdminConfig(request, { TTS_ENABLED: false });
  await page.reload();
  await expect(page.getByText('Listen to this answer.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Read aloud' })).toHaveCount(0);
  await owner.close();
});
