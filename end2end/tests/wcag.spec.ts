import { Browser, expect, test } from '@playwright/test';
import { adminContext, check, createChat, hydrated, scriptReady } from './helpers';

// axe-core's WCAG 2.1 A and AA rules on the pages people use most, light and dark ([check]);
// screenshots of each state at desktop and phone widths go to end2end/screens/ to be looked at.
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
