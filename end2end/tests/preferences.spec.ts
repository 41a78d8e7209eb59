import { test, expect } from '@playwright/test';
import { adminContext, adminToken, check, hydrated, memberContext } from './helpers';

const STANDIN = `http://127.0.0.1:${process.env.CHATSHARE_E2E_STANDIN_PORT ?? 3108}/v1`;

// #37 item 9: the settings people look for, kept per account: profile (name, avatar colour),
// password, theme, default model and a system prompt for new chats.
test('settings: name and avatar colour, theme kept per account, default model, system prompt, password', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  // The stand-in's models, for the default model (the other specs run without a connection:
  // it goes at the end, whatever happens here).
  const admin = await adminContext(browser);
  const saved = await admin.request.post('/api/fn/admin_save_connection', { data: { id: null, base_url: STANDIN, api_key: 'sk-e2e-standin-key-4242', enabled: true } });
  expect(saved.status()).toBe(200);
  const connection = (await saved.json()).id;
  try {
    const { ctx } = await memberContext(browser, `Pat ${stamp}`, bearer);
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/settings');
    await hydrated(page);

    // Profile: a new name and the violet initials, shown at once in the top bar.
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByLabel('Name').fill(`Pat Quill ${stamp}`);
    await profile.getByRole('radio', { name: 'Violet' }).check();
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.locator('.toast')).toHaveText('Profile saved.');
    await page.reload();
    await hydrated(page);
    const menu = page.locator('.topbar .user-button');
    await expect(menu).toContainText(`Pat Quill ${stamp}`);
    await expect(menu.locator('.avatar')).toHaveText('PQ');
    await expect(menu.locator('.avatar')).toHaveCSS('background-color', 'rgb(124, 58, 237)');

    // Theme: Dark applies at once, and is kept: the next page is written dark by the server,
    // whatever the device prefers.
    await page.emulateMedia({ colorScheme: 'light' });
    const prefs = page.getByRole('region', { name: 'Appearance and chats' });
    await prefs.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await prefs.getByLabel('Default model').selectOption('slow');
    await prefs.getByLabel('System prompt for new chats').fill('Answer in one sentence.');
    await prefs.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(prefs.getByRole('status')).toHaveText('Saved.');
    const html = await (await ctx.request.get('/settings')).text();
    expect(html).toContain('<html lang="en" dir="ltr" data-theme="dark"');
    await page.reload();
    await hydrated(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(23, 23, 23)');
    await expect(page.getByRole('region', { name: 'Appearance and chats' }).getByLabel('System prompt for new chats')).toHaveValue('Answer in one sentence.');
    await check(page, 'settings', 1280);
    await page.setViewportSize({ width: 360, height: 740 });
    await check(page, 'settings', 360);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The start page picks the default model.
    await page.goto('/');
    await hydrated(page);
    await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('slow');

    // Password: the current one is checked.
    await page.goto('/settings');
    await hydrated(page);
    const password = page.getByRole('region', { name: 'Password' });
    await password.getByLabel('Current password').fill('not my password');
    await password.getByLabel('New password', { exact: true }).fill('a new password');
    await password.getByLabel('New password again').fill('a new password');
    await password.getByRole('button', { name: 'Change password' }).click();
    await expect(password.getByRole('alert')).toHaveText('The current password is not right.');
    await password.getByLabel('Current password').fill('member password');
    await password.getByRole('button', { name: 'Change password' }).click();
    await expect(password.getByRole('status')).toContainText('Password changed.');
    await ctx.close();
  } finally {
    await admin.request.post('/api/fn/admin_delete_connection', { data: { id: connection } });
    await admin.close();
  }
});
