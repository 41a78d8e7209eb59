import { Browser, Page, expect, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { adminContext, createChat, hydrated, scriptReady } from './helpers';

// axe-core's WCAG 2.1 A and AA rules on the pages people use most, light and dark; screenshots
// of each state at desktop and phone widths go to end2end/screens/ to be looked at.
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

/** Checks the page in light and dark, and saves a screenshot of each. */
async function check(page: Page, name: string, width: number) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let transitions settle before measuring colours.
    await page.waitForTimeout(150);
    expect(await violations(page), `${name}, ${scheme}, ${width} px`).toEqual([]);
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, `${name}-${scheme}-${width}.png`) });
  }
}

async function signedIn(browser: Browser, width: number) {
  return adminContext(browser, {
    bypassCSP: true, // axe-core is injected as a script
    viewport: { width, height: width > 500 ? 800 : 740 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
}

for (const width of [1280, 375]) {
  test(`axe-core finds no WCAG 2.1 A/AA problem: /auth, chat page, Share modal, shared page (${width} px)`, async ({ browser }) => {
    const visitor = await browser.newContext({ bypassCSP: true, viewport: { width, height: 800 } });
    const auth = await visitor.newPage();
    await auth.goto('/auth'); // plain HTML: it is not hydrated
    await check(auth, 'auth', width);
    await visitor.close();

    const owner = await signedIn(browser, width);
    const chatId = await createChat(owner, `Accessible chat ${width}`, 'Here is **bold** text, `code` and a [link](https://example.com).');
    const page = await owner.newPage();
    await page.goto(`/c/${chatId}`);
    await hydrated(page);
    await check(page, 'chat', width);

    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Share Chat' });
    await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeVisible();
    await check(page, 'share-modal-new', width);
    await dialog.getByRole('button', { name: 'Copy Link' }).click();
    await expect(dialog.getByRole('button', { name: 'Update and Copy Link' })).toBeVisible({ timeout: 5000 });
    await expect(page.getByText('Copied shared chat URL to clipboard!')).toBeHidden({ timeout: 5000 });
    await check(page, 'share-modal-shared', width);
    const url = await dialog.getByLabel('Link', { exact: true }).inputValue();

    const shared = await owner.newPage();
    await shared.goto(url);
    await scriptReady(shared);
    await check(shared, 'shared', width);
    await owner.close();
  });
}
