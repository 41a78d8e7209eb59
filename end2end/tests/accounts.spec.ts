import { test, expect } from '@playwright/test';
import { ADMIN, adminToken, createChat, hydrated, memberContext, plainHtml } from './helpers';

test('sign up as the first user, sign out, sign in again and land on the redirect target', async ({ page }) => {
  // A fresh instance says what its first account is for, on the start page and at /auth.
  await page.goto('/');
  await page.getByRole('link', { name: 'Create the admin account' }).click();
  await expect(page.getByRole('heading', { name: 'Create the admin account' })).toBeVisible();
  await page.goto('/auth');
  await plainHtml(page);
  await expect(page.getByRole('heading', { name: 'Create the admin account' })).toBeVisible();
  await expect(page.getByText('Its first account administers it')).toBeVisible();
  await page.getByLabel('Name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('greeting')).toHaveText(`Hello, ${ADMIN.name}`);
  await hydrated(page);
  // The account menu follows the WAI-ARIA menu pattern: it opens on its first item, the arrow
  // keys move through the items, Escape closes it and gives the focus back to its button.
  const accountButton = page.getByRole('button', { name: ADMIN.name });
  await accountButton.click();
  await expect(page.getByRole('menuitem', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Admin Panel' })).toBeFocused(); // the first account is admin
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(accountButton).toBeFocused();
  await accountButton.click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/auth$/);

  // A page that needs an account sends the visitor to sign in, then back.
  const res = await page.goto('/settings');
  expect(res!.url()).toContain('/auth?redirect=/settings');
  await plainHtml(page);
  await page.getByLabel('Email').fill(ADMIN.email.toUpperCase());
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();

  // An API key is shown once, then listed by its prefix only.
  await hydrated(page);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  expect(key).toMatch(/^sk-[0-9a-f]{48}$/);
  await expect(page.locator('.key-list li')).toHaveCount(1);
  await expect(page.locator('.key-list')).toContainText(key.slice(0, 10));
  await expect(page.locator('.key-list')).not.toContainText(key);
  await page.screenshot({ path: 'test-results/settings.png', fullPage: true });
});

test('an evil redirect target lands on the start page', async ({ page }) => {
  await page.goto('/auth?redirect=//evil.example/steal');
  await plainHtml(page);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test('a pending account sees the approval notice', async ({ page, request }) => {
  const email = `pat-${Date.now()}@example.com`;
  const res = await request.post('/api/v1/auths/signup', {
    data: { name: 'Pat Pending', email, password: 'long enough pw' },
  });
  expect((await res.json()).role).toBe('pending');
  await page.goto('/auth');
  await plainHtml(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('long enough pw');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: "Your account is waiting for an administrator's approval" })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test('a stranger follows a shared link, signs in with the plain form, lands on it and clones it; a visitor creates an account and signs out', async ({ browser, request }) => {
    const bearer = await adminToken(request);
    const { ctx: owner } = await memberContext(browser, 'Olga Owner', bearer);
    const chatId = await createChat(owner, 'Plain forms');
    const shareId = (await (await owner.request.post(`/api/v1/chats/${chatId}/share`)).json()).share_id;
    const { ctx: reader, email } = await memberContext(browser, 'Rita Reader', bearer);
    await reader.close();

    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const jsonPages: string[] = [];
    page.on('response', (r) => { if (r.request().isNavigationRequest() && (r.headers()['content-type'] ?? '').includes('json')) jsonPages.push(r.url()); });
    await page.goto(`/s/${shareId}`);
    await expect(page).toHaveURL(new RegExp(`/auth\\?redirect=/s/${shareId}$`));
    // A wrong password comes back as the page with the message in words.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await page.getByLabel('Password').fill('member password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${shareId}$`));
    await expect(page.getByRole('heading', { name: 'Plain forms' })).toBeVisible();
    // Clone Chat is a plain form too: the copy opens as the reader's own chat.
    await page.getByRole('button', { name: 'Clone Chat' }).click();
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Plain forms' })).toBeVisible();
    await ctx.close();

    const visitor = await browser.newContext({ javaScriptEnabled: false });
    const vpage = await visitor.newPage();
    vpage.on('response', (r) => { if (r.request().isNavigationRequest() && (r.headers()['content-type'] ?? '').includes('json')) jsonPages.push(r.url()); });
    await vpage.goto('/auth');
    await vpage.getByRole('link', { name: 'Create one' }).click();
    await expect(vpage).toHaveURL(/\/auth\?mode=signup$/);
    await vpage.getByLabel('Name').fill('Nora New');
    await vpage.getByLabel('Email').fill(`nora-${Date.now()}@example.com`);
    await vpage.getByLabel('Password').fill('nora password');
    await vpage.getByRole('button', { name: 'Create account' }).click();
    await expect(vpage).toHaveURL(/\/$/);
    await expect(vpage.getByRole('heading', { name: /waiting for an administrator/ })).toBeVisible();
    await vpage.getByRole('button', { name: 'Sign out' }).click();
    await expect(vpage).toHaveURL(/\/auth$/);
    expect(jsonPages).toEqual([]);
    await visitor.close();
    await owner.close();
  });
});
