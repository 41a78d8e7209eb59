import { test, expect } from '@playwright/test';
import { ADMIN, createChat } from './helpers';

// The instance that signs in with the OpenID Connect provider (see playwright.config.ts).
const SSO = `http://127.0.0.1:${process.env.CHATSHARE_E2E_SSO_PORT ?? 3110}`;
const IDP = `http://127.0.0.1:${process.env.CHATSHARE_E2E_IDP_PORT ?? 3111}`;

test('a signed-out colleague follows a shared link, continues with the provider and reads the chat', async ({ browser }) => {
  // The owner has a password account (the instance's first, its admin) and shares a chat.
  const owner = await browser.newContext({ baseURL: SSO });
  let res = await owner.request.post('/api/v1/auths/signin', { data: { email: ADMIN.email, password: ADMIN.password } });
  if (res.status() !== 200) res = await owner.request.post('/api/v1/auths/signup', { data: ADMIN });
  expect(res.status()).toBe(200);
  const chatId = await createChat(owner, 'Rollout plan', 'Ship to the pilot team on Monday.');
  const shared = await owner.request.post(`/api/v1/chats/${chatId}/share`);
  expect(shared.status()).toBe(200);
  const shareId = (await shared.json()).share_id;

  // The colleague has no account here: the link sends them to sign in.
  const ctx = await browser.newContext({ baseURL: SSO, viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await page.goto(`/s/${shareId}`);
  await expect(page).toHaveURL(/\/auth\?redirect=/);
  const button = page.getByRole('link', { name: 'Continue with Company SSO' });
  await expect(button).toBeVisible();
  await page.screenshot({ path: 'test-results/sso-sign-in-360.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/sso-sign-in-desktop.png', fullPage: true });

  // Keyboard: the button is reachable and shows its focus ring.
  await button.focus();
  await expect(button).toBeFocused();

  // At the provider's own page they sign in...
  await button.click();
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  const colleague = `pat-${Date.now()}@example.com`;
  await page.locator('input[name="login"]').fill(colleague);
  await page.locator('input[name="password"]').fill('their company password');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  // ...and land on the shared chat, signed in with a new account.
  await expect(page).toHaveURL(`${SSO}/s/${shareId}`);
  await expect(page.getByText('Ship to the pilot team on Monday.')).toBeVisible();
  const me = await ctx.request.get('/api/v1/auths/');
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(colleague);
  await page.screenshot({ path: 'test-results/sso-shared-chat.png', fullPage: true });

  // The admin sees how sign-in is configured, the client secret masked.
  const admin = await owner.newPage();
  await admin.goto('/admin/settings/authentication');
  await expect(admin.getByRole('heading', { name: 'OpenID Connect' })).toBeVisible();
  await expect(admin.getByText('Continue with Company SSO')).toBeVisible();
  await expect(admin.getByText('••••••••')).toBeVisible();
  await expect(admin.getByText('chatshare-test-secret')).toHaveCount(0);
  await admin.screenshot({ path: 'test-results/sso-admin-settings.png', fullPage: true });
  await admin.setViewportSize({ width: 360, height: 740 });
  await expect(admin.getByText('••••••••')).toBeVisible();
  await admin.screenshot({ path: 'test-results/sso-admin-settings-360.png', fullPage: true });
  await ctx.close();
  await owner.close();
});

test('the provider refusing the sign-in comes back to the sign-in page in words', async ({ page }) => {
  await page.goto(`${SSO}/auth/oidc/callback?error=access_denied&error_description=End-User+aborted+interaction`);
  await expect(page).toHaveURL(/\/auth\?error=/);
  // Our words for the provider's `access_denied`; its own description is never shown.
  await expect(page.getByRole('alert')).toContainText('Signing in at your identity provider was cancelled or refused.');
  await expect(page.getByRole('alert')).not.toContainText('End-User');
});
