import { test, expect } from '@playwright/test';
import { adminContext, adminToken, applyShare, openLinkOptions, createChat, hydrated, memberContext } from './helpers';

/** Allows or forbids links that anyone can open (Admin Panel → Settings → General). */
async function allowOpenLinks(request: import('@playwright/test').APIRequestContext, on: boolean) {
  const token = await adminToken(request);
  const res = await request.post('/api/v1/users/default/permissions', {
    data: { sharing: { open_chats: on } },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
}

test('who can open a link: everyone, specific people, only me, anyone; right and wrong people and a visitor', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  await allowOpenLinks(request, true);
  const stamp = Date.now();
  const owner = await adminContext(browser);
  const { ctx: vera } = await memberContext(browser, `Vera ${stamp}`, bearer);
  const { ctx: walt } = await memberContext(browser, `Walt ${stamp}`, bearer);
  const visitor = await browser.newContext();
  const title = `Budget ${stamp}`;
  const chatId = await createChat(owner, title, 'Spend less on coffee.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();
  const url = `/s/${link.share_id}`;
  const status = async (ctx: import('@playwright/test').BrowserContext) => {
    const page = await ctx.newPage();
    const res = await page.goto(url);
    const s = res!.status();
    const text = await page.locator('main').innerText();
    await page.close();
    return { s, text };
  };

  const page = await owner.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  const audience = dialog.getByRole('group', { name: 'Who can open the link' });
  // A new link: every member (the seed's rule); the seed's text and buttons are unchanged.
  await expect(dialog).toContainText('You have shared this chat before.');
  await expect(dialog.getByRole('button', { name: 'Update and Copy Link' })).toBeVisible();
  await expect(audience.getByRole('radio', { name: 'Everyone on this instance' })).toBeChecked();
  expect((await status(vera)).s).toBe(200);

  // Specific people: Walt only.
  await audience.getByRole('radio', { name: 'Specific people' }).check();
  await audience.getByLabel('Find people and groups').fill(`Walt ${stamp}`);
  await audience.getByRole('checkbox', { name: `Walt ${stamp}` }).check();
  // Nothing changes until the main button applies it.
  await expect(dialog.getByRole('status').filter({ hasText: 'Your changes apply when you press Update and Copy Link.' })).toBeVisible();
  expect((await status(vera)).s).toBe(200);
  await applyShare(dialog);
  await page.screenshot({ path: 'test-results/audience-people-1280.png' });
  const denied = await status(vera);
  expect(denied.s).toBe(403);
  expect(denied.text).toContain("You don't have access to this chat.");
  expect(denied.text).not.toContain('Spend less on coffee.');
  const allowed = await status(walt);
  expect(allowed.s).toBe(200);
  expect(allowed.text).toContain('Spend less on coffee.');

  // Vera asks for access from the 403 page; the owner approves in the Share dialog.
  const vpage403 = await vera.newPage();
  await vpage403.goto(url);
  await vpage403.getByRole('button', { name: 'Request access' }).click();
  await expect(vpage403.getByRole('status').filter({ hasText: 'Requested.' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const requests = dialog.getByRole('region', { name: 'Asking for access' });
  await expect(requests).toContainText(`Vera ${stamp}`);
  await page.screenshot({ path: 'test-results/audience-request-1280.png' });
  await requests.getByRole('button', { name: 'Approve' }).click();
  await expect(requests).toBeHidden();
  expect((await status(vera)).s).toBe(200);
  await vpage403.close();

  // A password: Vera must give it (the form), then reads the chat; the owner removes it again.
  await openLinkOptions(dialog);
  await dialog.getByLabel('Password (optional)').fill('open sesame');
  await applyShare(dialog);
  await expect(dialog.getByText('Expiry and password')).toContainText('password set');
  const vpw = await vera.newPage();
  const locked = await vpw.goto(url);
  expect(locked!.status()).toBe(401);
  await expect(vpw.getByRole('heading', { name: 'This link needs a password' })).toBeVisible();
  await vpw.getByLabel('Password').fill('not it');
  await vpw.getByRole('button', { name: 'Open' }).click();
  await expect(vpw.getByRole('alert')).toHaveText('That password is not right.');
  await vpw.getByLabel('Password').fill('open sesame');
  await vpw.getByRole('button', { name: 'Open' }).click();
  await expect(vpw.getByText('Spend less on coffee.')).toBeVisible();
  await vpw.screenshot({ path: 'test-results/password-opened-1280.png' });
  await vpw.close();
  await openLinkOptions(dialog);
  await dialog.getByRole('checkbox', { name: 'Remove the password' }).check();
  await applyShare(dialog);
  await expect(dialog.getByText('Expiry and password')).not.toContainText('password set');

  // Only me: Walt too is refused now; the owner still reads it.
  await audience.getByRole('radio', { name: 'Only me' }).check();
  await expect(audience).toContainText('Only you (and administrators) can open the link.');
  await applyShare(dialog);
  expect((await status(walt)).s).toBe(403);
  expect((await status(owner)).s).toBe(200);

  // Anyone with the link: a visitor without an account reads it and is offered to sign in to clone.
  await audience.getByRole('radio', { name: 'Anyone with the link' }).check();
  await applyShare(dialog);
  const vpage = await visitor.newPage();
  const res = await vpage.goto(url);
  expect(res!.status()).toBe(200);
  await expect(vpage.getByText('Spend less on coffee.')).toBeVisible();
  await expect(vpage.getByRole('link', { name: 'Sign in to clone' })).toBeVisible();
  await expect(vpage.locator('meta[property="og:title"]')).toHaveAttribute('content', title);

  // The picker at a phone's width, keyboard-reachable.
  await page.setViewportSize({ width: 360, height: 740 });
  await audience.getByRole('radio', { name: 'Specific people' }).focus();
  await page.screenshot({ path: 'test-results/audience-360.png' });

  // Back to every member, and open links off again for the other tests.
  await audience.getByRole('radio', { name: 'Everyone on this instance' }).check();
  await applyShare(dialog);
  await allowOpenLinks(request, false);
  const again = await vpage.reload();
  expect(again!.status()).toBe(200); // after the 303 to sign in
  await expect(vpage).toHaveURL(/\/auth\?redirect=/);
  for (const ctx of [owner, vera, walt, visitor]) await ctx.close();
});
