import { APIRequestContext, Locator, Page, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

/** The first account of the test instance (an admin). */
export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };

/** Signs the admin in through the API (signing up first when the instance is new); returns the token. */
export async function adminToken(request: APIRequestContext): Promise<string> {
  let res = await request.post('/api/v1/auths/signin', { data: { email: ADMIN.email, password: ADMIN.password } });
  if (res.status() !== 200) {
    res = await request.post('/api/v1/auths/signup', { data: ADMIN });
  }
  expect(res.status()).toBe(200);
  return (await res.json()).token;
}

/** Waits until the WASM client has taken over the page. */
/** The page is plain HTML: the server wrote no client into it (the sign-in page, whose forms
 * work as plain forms), so there is nothing to wait for. */
export async function plainHtml(page: Page) {
  await expect(page.locator('link[rel="modulepreload"], link[href$=".wasm"], script[src]')).toHaveCount(0);
}

export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** The shared page `/s/{id}` is ready: its one script ran (it has no WASM client). */
export async function scriptReady(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-script-ready', 'true');
}

/** The page is ready, whichever it is: the WASM client took over, or the shared page's script ran. */
export async function pageReady(page: Page) {
  await expect(page.locator('body[data-hydrated="true"], body[data-script-ready="true"]')).toHaveCount(1);
}

import { Browser, BrowserContext } from '@playwright/test';

/** A browser context signed in as the admin (cookie set through the context's own requests). */
export async function adminContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext(options);
  await adminToken(ctx.request);
  return ctx;
}

/** A new approved member in their own browser context (made with `options`). */
export async function memberContext(browser: Browser, name: string, adminBearer: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ ctx: BrowserContext; email: string }> {
  const ctx = await browser.newContext(options);
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}@example.com`;
  const res = await ctx.request.post('/api/v1/auths/signup', { data: { name, email, password: 'member password' } });
  expect(res.status()).toBe(200);
  const { id } = await res.json();
  const ok = await ctx.request.post(`/api/v1/users/${id}/update`, { data: { role: 'user' }, headers: { Authorization: `Bearer ${adminBearer}` } });
  expect(ok.status()).toBe(200);
  return { ctx, email };
}

/** Creates a two-message chat through the API as the context's user; returns its id. */
export async function createChat(ctx: BrowserContext, title: string, answer = 'Feed it twice a day.'): Promise<string> {
  const res = await ctx.request.post('/api/v1/chats/new', {
    data: {
      chat: {
        title, models: ['llama3.1:8b'],
        history: {
          currentId: 'a1', messages: {
            u1: { id: 'u1', parentId: null, childrenIds: ['a1'], role: 'user', content: `${title}?`, timestamp: 1795295194 },
            a1: { id: 'a1', parentId: 'u1', childrenIds: [], role: 'assistant', content: answer, model: 'llama3.1:8b', timestamp: 1795295198 },
          },
        },
      },
    },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).id;
}

/** Sets instance settings through the admin config API. */
export async function setAdminConfig(request: APIRequestContext, patch: Record<string, unknown>) {
  const token = await adminToken(request);
  const res = await request.post('/api/v1/auths/admin/config', { data: patch, headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
}

/** Presses the Share dialog's main button (Copy Link, or Update and Copy Link), which applies
 * every choice in the dialog at once, and waits until the link is saved and copied (or offered
 * to copy by hand, where the browser refused the clipboard). */
export async function applyShare(dialog: Locator) {
  const main = dialog.locator('.share-actions > .button').first();
  await main.click();
  await expect(dialog.getByRole('button', { name: 'Copied!' }).or(dialog.getByLabel(/did not allow copying/))).toBeVisible();
  await expect(dialog.locator('.unsaved')).toBeEmpty();
}

/** Unfolds the Share dialog's "Expiry and password" (unless it is unfolded already). */
export async function openLinkOptions(dialog: Locator) {
  const options = dialog.locator('details.link-options');
  if ((await options.getAttribute('open')) === null) await options.locator('summary').click();
  await expect(options).toHaveAttribute('open', '');
}

/** Deletes the link from the open Share dialog ("delete this link", then confirmed). */
export async function deleteLink(dialog: Locator) {
  await dialog.getByRole('button', { name: 'delete this link' }).click();
  await dialog.getByRole('button', { name: 'Delete link' }).click();
}

/** Opens the Share modal of chat `title` from its sidebar menu. */
export async function openShareFromSidebar(page: Page, title: string) {
  await page.getByRole('button', { name: `Chat options for ${title}` }).click();
  await page.getByRole('menuitem', { name: 'Share' }).click();
  await expect(page.getByRole('dialog', { name: 'Share Chat' })).toBeVisible();
}

const AXE = fs.readFileSync(path.join(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const SCREENS = path.join(__dirname, '../screens');

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

/** The WCAG 2.1 A/AA violations axe-core finds on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations;
  });
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks the page with axe-core's WCAG 2.1 A/AA rules in light and dark, and saves a
 * screenshot of each to end2end/screens/ (the page's context needs `bypassCSP: true`). */
export async function check(page: Page, name: string, width: number) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let transitions settle before measuring colours.
    await page.waitForTimeout(150);
    expect(await violations(page), `${name}, ${scheme}, ${width} px`).toEqual([]);
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, `${name}-${scheme}-${width}.png`) });
  }
}
