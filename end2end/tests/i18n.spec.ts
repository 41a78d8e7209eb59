import { test, expect, Page, Browser } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { adminToken, check, createChat, hydrated, scriptReady, setAdminConfig } from './helpers';

// Issue #40: the pages of the seed's walk-through speak the browser's language, Arabic from
// right to left.

/** The browser locale of each language the interface speaks. */
const LOCALES: Record<string, string> = {
  de: 'de-DE', fr: 'fr-FR', es: 'es-ES', 'pt-BR': 'pt-BR', 'zh-CN': 'zh-CN', ja: 'ja-JP', ar: 'ar',
};
const LOCALE_DIR = path.join(__dirname, '../../app/locales');

/** A catalogue: each message's text pieces (a select's variants each count), by key. */
type Catalogue = Map<string, string[]>;

/** Reads one language's catalogue files (a small reader of the Fluent the catalogue uses:
 * `key = text`, placeholders `{ $x }`, and selects with one variant per line). */
function catalogue(lang: string): Catalogue {
  const out: Catalogue = new Map();
  for (const file of ['app.ftl', 'pages.ftl', 'errors.ftl']) {
    let key = '';
    for (const line of fs.readFileSync(path.join(LOCALE_DIR, lang, file), 'utf8').split('\n')) {
      const head = /^([a-z0-9-]+) = ?(.*)$/.exec(line);
      const variant = /^\s+\*?\[[^\]]+\] (.*)$/.exec(line);
      const text = head ? ((key = head[1]), head[2]) : variant ? variant[1] : null;
      if (text === null || !key) continue;
      const pieces = text
        .replace(/\{ ?"([^"]*)" ?\}/g, '$1')
        .split(/\{[^}]*\}?/)
        .map((p) => p.trim())
        .filter((p) => p.length > 0);
      out.set(key, [...(out.get(key) ?? []), ...pieces]);
    }
  }
  return out;
}

const ENGLISH = catalogue('en');

/** English words no other of our languages uses (chat content and names in the tests hold none). */
/** (Not inside an identifier such as `chat.share`, which is the same in every language.) */
const ENGLISH_WORDS = /(?<![\w.])(the|and|your|you|with|this|that|from|have|will|been|only|there|who|of|to|is|are|for|not|sign|share|copy|delete|loading|settings|save)(?![\w.])/i;

/** The English of the catalogue on the page: pieces whose words the language says otherwise,
 * found in the page's visible text, its placeholders and its labels. */
async function englishOn(page: Page, lang: string): Promise<string[]> {
  const theirs = catalogue(lang);
  const theirText = new Set([...theirs.values()].flat());
  const phrases = new Set<string>();
  for (const [key, pieces] of ENGLISH) {
    if (!theirs.has(key)) continue;
    for (const p of pieces) {
      // A piece the language also says (a name, a notation such as "JSON") is not English here.
      if (p.length >= 4 && /[a-z]{2}/i.test(p) && !theirText.has(p)) phrases.add(p);
    }
  }
  const texts: string[] = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, template, code, pre, kbd')) continue;
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const t = (n.textContent ?? '').trim();
      if (t) out.push(t);
    }
    for (const el of Array.from(document.querySelectorAll('[placeholder], [aria-label], [title]'))) {
      if ((el as HTMLElement).getClientRects().length === 0) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v.trim());
      }
    }
    return out;
  });
  // Chat titles are chat content (the sidebar lists other tests' chats too).
  const titles: string[] = await page.locator('.chat-link').allTextContents();
  const found: string[] = [];
  for (let t of texts) {
    for (const title of titles) if (title.trim()) t = t.split(title.trim()).join('');
    if (ENGLISH_WORDS.test(t)) found.push(`"${t}" (an English word)`);
    else for (const p of phrases) if (t === p || (p.length >= 12 && t.includes(p))) found.push(`"${t}" (${p})`);
  }
  return [...new Set(found)];
}

/** A signed-in admin's browser in `locale`. */
async function adminIn(browser: Browser, locale: string) {
  const ctx = await browser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  await adminToken(ctx.request);
  return ctx;
}

for (const [lang, locale] of Object.entries(LOCALES)) {
  test(`the walk-through's pages speak ${lang}`, async ({ browser }) => {
    const say = (key: string) => catalogue(lang).get(key)![0];
    // Sign-in, for a visitor.
    const visitor = await browser.newContext({ locale });
    const signIn = await visitor.newPage();
    await signIn.goto('/auth');
    await expect(signIn.locator('html')).toHaveAttribute('lang', lang);
    expect(await englishOn(signIn, lang), 'sign-in').toEqual([]);

    // The chat, and its Share dialog before and after the link is made.
    const ctx = await adminIn(browser, locale);
    const title = `Tomate ${lang} ${Date.now()}`;
    // Title and words with no English in them (the user's message is the title and a '?').
    const chatId = await createChat(ctx, title, 'Basilikum.');
    const page = await ctx.newPage();
    await page.goto(`/c/${chatId}`);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(page.getByPlaceholder(say('chat-send-message'))).toBeVisible();
    expect(await englishOn(page, lang), 'chat').toEqual([]);
    if (lang === 'ar') {
      // Right to left: the sidebar sits on the right of the messages.
      const sidebar = (await page.locator('#sidebar').boundingBox())!;
      const main = (await page.locator('#main').boundingBox())!;
      expect(sidebar.x).toBeGreaterThan(main.x);
      await check(page, 'i18n-ar-chat', 1280);
    }
    await page.locator('.chat-item', { hasText: title }).locator('.chat-menu-button').click();
    await page.getByRole('menuitem', { name: say('common-share') }).click();
    const dialog = page.getByRole('dialog', { name: say('share-dialog-title') });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: say('share-copy-link') })).toBeEnabled();
    expect(await englishOn(page, lang), 'Share dialog, no link yet').toEqual([]);
    if (lang === 'ar') await check(page, 'i18n-ar-share-first', 1280);
    await dialog.getByRole('button', { name: say('share-copy-link') }).click();
    await expect(dialog.getByRole('button', { name: say('common-copied') })).toBeVisible();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    await expect(dialog.getByRole('button', { name: say('share-update-and-copy') })).toBeVisible();
    expect(await englishOn(page, lang), 'Share dialog, shared').toEqual([]);
    if (lang === 'ar') await check(page, 'i18n-ar-share-shared', 1280);

    // The shared page, as its reader (signed in here) reads it.
    const shared = await ctx.newPage();
    await shared.goto(url);
    await scriptReady(shared);
    await expect(shared.locator('html')).toHaveAttribute('lang', lang);
    expect(await englishOn(shared, lang), '/s/{id}').toEqual([]);
    if (lang === 'ar') await check(shared, 'i18n-ar-shared-page', 1280);

    // Admin Panel → Settings → General.
    const admin = await ctx.newPage();
    await admin.goto('/admin/settings/general');
    await hydrated(admin);
    await expect(admin.locator('#setting-default-language')).toBeVisible();
    expect(await englishOn(admin, lang), 'Admin Panel → Settings → General').toEqual([]);
    if (lang === 'ar') await check(admin, 'i18n-ar-admin-general', 1280);
    await visitor.close();
    await ctx.close();
  });
}

test('the language: the account setting, else the browser, else the instance default', async ({ browser, request }) => {
  // A browser that asks for Russian, which the interface does not speak: the instance default.
  await setAdminConfig(request, { DEFAULT_LOCALE: 'es' });
  const ru = await browser.newContext({ locale: 'ru-RU' });
  const page = await ru.newPage();
  await page.goto('/auth');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('button', { name: 'Iniciar sesión' })).toBeVisible();
  await setAdminConfig(request, { DEFAULT_LOCALE: 'en' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The account's setting wins over the browser's German, and follows the account.
  const ctx = await adminIn(browser, 'de-DE');
  const settings = await ctx.newPage();
  await settings.goto('/settings');
  await hydrated(settings);
  await expect(settings.locator('html')).toHaveAttribute('lang', 'de');
  await settings.getByLabel('Sprache').selectOption('ja');
  await expect(settings.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(settings.getByRole('heading', { name: '設定', exact: true })).toBeVisible();
  // Another browser of the same account, signed in: Japanese once the app has looked it up.
  const other = await adminIn(browser, 'fr-FR');
  const home = await other.newPage();
  await home.goto('/');
  await hydrated(home);
  await home.reload();
  await expect(home.locator('html')).toHaveAttribute('lang', 'ja');
  // Back to the browser's language.
  await settings.getByLabel('言語').selectOption('');
  await expect(settings.locator('html')).toHaveAttribute('lang', 'de');
  // The API answers an error in the language it is asked for.
  const res = await ctx.request.get('/api/v1/chats/00000000-0000-0000-0000-000000000000', { headers: { 'Accept-Language': 'fr' } });
  expect(res.status()).toBe(404);
  expect((await res.json()).detail).toBe('Conversation introuvable.');
  await ru.close();
  await ctx.close();
  await other.close();
});
