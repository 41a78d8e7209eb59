import { test, expect } from '@playwright/test';
import { adminContext, adminToken, check, createChat, deleteLink, hydrated, memberContext, openShareFromSidebar } from './helpers';

// Issue #37, item 6: the Share dialog asks before it shares.
test('the audience is chosen before the link exists, and Copy Link makes the link with it', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const owner = await adminContext(browser, { bypassCSP: true, viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const { ctx: member } = await memberContext(browser, `Mo ${Date.now()}`, bearer);
  const title = `Ask first ${Date.now()}`;
  const chatId = await createChat(owner, title, 'Water the basil.');
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await openShareFromSidebar(page, title);
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  const audience = dialog.getByRole('group', { name: 'Who can open the link' });

  // The first state: no link yet, and who can open it already shown, the instance's default
  // picked. It fits the screen; the finer settings are folded.
  await expect(audience.getByRole('radio', { name: 'Everyone on this instance' })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeEnabled();
  expect((await (await owner.request.get(`/api/v1/chats/${chatId}`)).json()).share_id).toBeNull();
  const box = (await dialog.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  expect(await dialog.evaluate((d) => d.scrollHeight <= d.clientHeight)).toBe(true);
  await expect(dialog.getByLabel('Password (optional)')).toBeHidden();
  await check(page, 'share-dialog-first', 1280);

  // The preview names the owner as readers see them.
  await dialog.getByText('Preview what viewers get').click();
  await expect(dialog.locator('.preview-frame')).toContainText('Shared by Ada Admin');
  await dialog.getByText('Preview what viewers get').click();

  // "Only me", then Copy Link: the link is made with that choice, and a member is refused.
  await audience.getByRole('radio', { name: 'Only me' }).check();
  await dialog.getByRole('button', { name: 'Copy Link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const grants = await (await owner.request.get(`/api/v1/chats/shared/${chatId}/access`)).json();
  expect(grants).toEqual([]);
  const mpage = await member.newPage();
  expect((await mpage.goto(url))!.status()).toBe(403);
  await expect(audience.getByRole('radio', { name: 'Only me' })).toBeChecked();
  await check(page, 'share-dialog-shared', 1280);

  // "delete this link" asks first.
  await dialog.getByRole('button', { name: 'delete this link' }).click();
  await expect(dialog.getByRole('group', { name: 'Delete this link?' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  expect((await owner.request.get(url)).status()).toBe(200);
  await deleteLink(dialog);
  await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeVisible();
  expect((await owner.request.get(url)).status()).toBe(404);
  await page.keyboard.press('Escape');

  // On a phone it is a full-height sheet whose title and ✕ stay in view as it scrolls.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(audience).toBeVisible();
  const sheet = (await dialog.boundingBox())!;
  expect(Math.round(sheet.y)).toBe(0);
  expect(Math.round(sheet.height)).toBe(740);
  await dialog.evaluate((d) => d.scrollTo(0, d.scrollHeight));
  await expect(dialog.getByRole('heading', { name: 'Share Chat' })).toBeInViewport();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport();
  await check(page, 'share-dialog-phone', 375);
  await owner.close();
  await member.close();
});
