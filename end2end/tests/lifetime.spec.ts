import { test, expect } from '@playwright/test';
import { adminContext, adminToken, applyShare, openLinkOptions, createChat, hydrated, memberContext } from './helpers';

const now = () => Math.floor(Date.now() / 1000);

test('expiry: pick "1 day" in the Share dialog and see it in My shared links; an expired link is a 410 page the owner can extend', async ({ browser }) => {
  const owner = await adminContext(browser);
  const stamp = Date.now();
  const title = `Lease ${stamp}`;
  const chatId = await createChat(owner, title, 'Sign it by Friday.');
  const link = await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json();

  const page = await owner.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  const audience = dialog.getByRole('group', { name: 'Who can open the link' });
  await openLinkOptions(dialog);
  await audience.getByLabel('Expires', { exact: true }).selectOption('1');
  await applyShare(dialog);
  await expect(dialog.getByText('Expiry and password')).toContainText('expires Tomorrow');
  await page.screenshot({ path: 'test-results/expiry-modal-1280.png' });
  await page.keyboard.press('Escape');

  await page.goto('/settings');
  await hydrated(page);
  await page.getByRole('button', { name: 'Manage' }).click();
  await page.getByRole('searchbox', { name: 'Search shared chats' }).fill(title);
  const row = page.locator('.link-row').filter({ hasText: title });
  await expect(row).toContainText('expires ');
  await expect(row).not.toContainText('never expires');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: 'test-results/links-expiry-360.png' });

  // Two seconds to live, then the 410 page; the owner extends it from there.
  const soon = await owner.request.post(`/api/v1/chats/${chatId}/share`, { data: { expires_at: now() + 2 } });
  expect(soon.status()).toBe(200);
  await page.waitForTimeout(3_000);
  const res = await page.goto(`/s/${link.share_id}`);
  expect(res!.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link expired' })).toBeVisible();
  // A stranger is told so too, without being asked to sign in first.
  const stranger = await browser.newContext();
  const theirs = await stranger.newPage();
  const seen = await theirs.goto(`/s/${link.share_id}`);
  expect(seen!.status()).toBe(410);
  await expect(theirs).toHaveURL(new RegExp(`/s/${link.share_id}$`));
  await expect(theirs.getByRole('heading', { name: 'This link expired' })).toBeVisible();
  await expect(theirs.getByRole('button', { name: 'Extend' })).toHaveCount(0);
  await stranger.close();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/expired-410-1280.png' });
  await page.getByRole('button', { name: 'Extend' }).click();
  await expect(page.getByText('Sign it by Friday.')).toBeVisible();
  await owner.close();
});

test("an admin revokes a member's link from Admin Panel → Shared links, and the member's dialog shows it gone", async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const { ctx: mona } = await memberContext(browser, `Mona ${stamp}`, bearer);
  const title = `Minutes ${stamp}`;
  const chatId = await createChat(mona, title, 'We agreed on Tuesday.');
  const shared = await mona.request.post(`/api/v1/chats/${chatId}/share`);
  expect(shared.status()).toBe(200);

  const admin = await adminContext(browser);
  const apage = await admin.newPage();
  await apage.setViewportSize({ width: 1280, height: 900 });
  await apage.goto('/admin/shared');
  await hydrated(apage);
  await apage.getByRole('searchbox', { name: 'Search shared links' }).fill(title);
  const row = apage.locator('table.instance-links tbody tr').filter({ hasText: title });
  await expect(row).toContainText(`Mona ${stamp}`);
  await expect(row).toContainText('Every member');
  await apage.screenshot({ path: 'test-results/admin-shared-1280.png' });
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toHaveCount(0);
  await apage.goto('/admin/audit');
  await hydrated(apage);
  await expect(apage.locator('table.audit')).toContainText('Revoked by an administrator');
  await apage.setViewportSize({ width: 360, height: 740 });
  await apage.screenshot({ path: 'test-results/admin-audit-360.png' });

  const mpage = await mona.newPage();
  await mpage.goto(`/c/${chatId}`);
  await hydrated(mpage);
  await mpage.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = mpage.getByRole('dialog', { name: 'Share Chat' });
  await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeVisible();
  await expect(dialog).not.toContainText('You have shared this chat before.');
  for (const ctx of [admin, mona]) await ctx.close();
});
