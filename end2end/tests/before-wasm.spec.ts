import { Page, Route, expect, test } from '@playwright/test';
import { ADMIN, adminContext, adminToken, createChat, hydrated } from './helpers';

// The time between the HTML and the WASM client (long on a slow network): nothing a person
// does then may end on a JSON page or lose what they typed.

/** Holds back every WASM request until `release()` is called. */
async function holdWasm(page: Page) {
  const held: Route[] = [];
  let released = false;
  await page.route('**/*.wasm', (route) => (released ? route.continue() : held.push(route)));
  return async () => {
    released = true;
    for (const route of held) await route.continue();
  };
}

async function expectNoJsonPage(page: Page) {
  const text = (await page.locator('body').innerText()).trim();
  expect(text.startsWith('{'), `a JSON page: ${text.slice(0, 120)}`).toBe(false);
}

test('sign in before the WASM arrives: the plain form signs in and lands on the redirect target', async ({ browser, request }) => {
  await adminToken(request); // the admin account exists
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await holdWasm(page);
  await page.goto('/auth?redirect=/settings');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expectNoJsonPage(page);
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await ctx.close();
});

test('Send before the WASM arrives does nothing visible but wait; the typed text survives hydration and is sent', async ({ browser }) => {
  const owner = await adminContext(browser);
  const chatId = await createChat(owner, 'Typed before the client');
  const page = await owner.newPage();
  const release = await holdWasm(page);
  await page.goto(`/c/${chatId}`);
  const box = page.getByRole('textbox', { name: 'Message' });
  const send = page.getByRole('button', { name: 'Send' });
  await box.fill('Written while the page was loading');
  // Send is visibly inert: disabled, and a click (or Enter) changes nothing.
  await expect(send).toBeDisabled();
  await send.click({ force: true });
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/c/${chatId}$`));
  await expectNoJsonPage(page);
  await expect(box).toHaveValue(/Written while the page was loading/);
  // Other controls that need the client are dimmed and take no pointer events.
  const share = page.getByRole('button', { name: 'Share', exact: true });
  expect(await share.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');

  await release();
  await hydrated(page);
  await expect(box).toHaveValue(/Written while the page was loading/);
  await expect(send).toBeEnabled();
  expect(await share.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('auto');
  await send.click();
  await expect(page.locator('.message.user').last()).toContainText('Written while the page was loading');
  await expect(box).toHaveValue('');
  await owner.close();
});
