import { test, expect, Page } from '@playwright/test';
import { adminContext, hydrated } from './helpers';

// The stand-in started by playwright.config.ts (end2end/standin.mjs).
const STANDIN = `http://127.0.0.1:${process.env.CHATSHARE_E2E_STANDIN_PORT ?? 3108}/v1`;
const KEY = 'sk-e2e-standin-key-4242';

async function pickModel(page: Page, model: string) {
  await page.getByRole('combobox', { name: 'Model' }).selectOption(model);
}

test('connect a model, stream, stop, regenerate, switch answers, share the chosen branch', async ({ browser }) => {
  const ctx = await adminContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await ctx.newPage();
  // A panic in the WASM client would freeze the page silently: fail on any.
  const panics: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' && m.text().includes('panicked')) panics.push(m.text()); });
  page.on('pageerror', (e) => panics.push(e.message));

  // With no connection the composer says so, and links an admin to Connections.
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByText('No model is connected yet')).toBeVisible();
  await page.getByRole('link', { name: 'Set up a connection' }).click();
  await expect(page).toHaveURL(/\/admin\/settings\/connections$/);
  await hydrated(page);

  // Admin Panel → Settings → Connections: verify, then add. The key is never shown again.
  await page.getByLabel('Base URL').fill(STANDIN);
  await page.getByLabel('API key').fill('sk-wrong');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status').filter({ hasText: '401: Invalid API key' })).toBeVisible();
  await page.getByLabel('API key').fill(KEY);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected: 3 models.' })).toBeVisible();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const row = page.locator('.connection-list .connection');
  await expect(row).toHaveCount(1);
  await expect(row.getByLabel('API key')).toHaveAttribute('placeholder', 'sk-…4242 (leave empty to keep)');
  expect(await page.content()).not.toContain(KEY);
  await page.screenshot({ path: 'test-results/connections.png', fullPage: true });

  // Pick a model and send: the answer's words arrive one after another.
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByText('No model is connected yet')).toHaveCount(0);
  await page.getByRole('button', { name: 'Refresh models' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 models available.' })).toBeVisible();
  await pickModel(page, 'slow');
  const question = `Tell me about sourdough ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(question);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  const live = page.locator('.message.live .live-text');
  await expect(live).toContainText('w2');
  const early = (await live.textContent()) ?? '';
  await expect(live).toContainText('w6');
  const later = (await live.textContent()) ?? '';
  expect(later.length).toBeGreaterThan(early.length);
  await page.screenshot({ path: 'test-results/models-streaming.png' });
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('slow');

  // Stop keeps what arrived.
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.locator('.message.live')).toHaveCount(0);
  const stopped = page.locator('.message.assistant').last();
  await expect(stopped).toContainText('w6');
  await expect(stopped).not.toContainText('w60');
  await expect(stopped.locator('.author')).toHaveText('slow');
  // It says it was cut short (a finished answer does not).
  await expect(stopped.locator('.stopped-mark')).toHaveText('stopped');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  const stoppedText = (await stopped.locator('.message-body').textContent())!.trim();

  // Regenerate with another model: a second answer, "2 / 2"; the first finished answer names the chat.
  await pickModel(page, 'echo');
  await page.getByRole('button', { name: 'Regenerate' }).click();
  const answer = page.locator('.message.assistant').last();
  await expect(answer).toContainText(`You said: ${question}`);
  await expect(answer.locator('.branch-pos')).toHaveText('2 / 2');
  await expect(answer.locator('.author')).toHaveText('echo');
  await expect(page.getByRole('heading', { name: 'Stand-in chat title' })).toBeVisible();
  await expect(answer.locator('.stopped-mark')).toHaveCount(0);

  // Switch between the two answers; the choice survives a reload.
  await answer.getByRole('button', { name: 'Previous answer' }).click();
  await expect(page.locator('.message.assistant').last().locator('.branch-pos')).toHaveText('1 / 2');
  await expect(page.locator('.message.assistant').last()).toContainText(stoppedText);
  await expect(page.locator('.message.assistant').last().locator('.stopped-mark')).toHaveText('stopped');
  await page.locator('.message.assistant').last().getByRole('button', { name: 'Next answer' }).click();
  await expect(page.locator('.message.assistant').last()).toContainText('You said:');
  await page.locator('.message.assistant').last().getByRole('button', { name: 'Previous answer' }).click();
  await expect(page.locator('.message.assistant').last().locator('.branch-pos')).toHaveText('1 / 2');
  await page.reload();
  await hydrated(page);
  await expect(page.locator('.message.assistant').last()).toContainText(stoppedText);

  // Share: the shared page shows the branch chosen (the stopped answer) with its model's name.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Chat' });
  await dialog.getByRole('button', { name: 'Copy Link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const shared = await ctx.newPage();
  await shared.goto(url);
  await expect(shared.getByRole('heading', { name: 'Stand-in chat title' })).toBeVisible();
  await expect(shared.locator('.message.assistant')).toContainText(stoppedText);
  await expect(shared.locator('.message.assistant .author')).toHaveText('slow');
  await expect(shared.getByText('You said:')).toHaveCount(0);
  // A reader cannot switch branches on a snapshot, so no arrows; the question is the owner's.
  await expect(shared.locator('.branch-switch')).toHaveCount(0);
  await expect(shared.locator('.message.user .author').first()).not.toHaveText('You');
  await page.keyboard.press('Escape');

  // An upstream failure shows on the answer in words; the question stays.
  await pickModel(page, 'fail');
  await page.getByRole('textbox', { name: 'Message' }).fill('Will this fail?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.message.assistant').last().getByRole('alert')).toContainText('The stand-in model is overloaded.');
  await expect(page.locator('.message.user').last()).toContainText('Will this fail?');

  // Edit that question: a second version with its own answer, "2 / 2" on the question.
  await pickModel(page, 'echo');
  const failed = page.locator('.message.user').last();
  await failed.getByRole('button', { name: 'Edit' }).click();
  // The edit box takes the focus; Escape puts the text back and closes it.
  const editBox = failed.getByRole('textbox', { name: 'Edit your message' });
  await expect(editBox).toBeFocused();
  await editBox.fill('Never mind');
  await editBox.press('Escape');
  await expect(editBox).toHaveCount(0);
  await failed.getByRole('button', { name: 'Edit' }).click();
  await expect(editBox).not.toHaveValue('Never mind');
  await editBox.fill('Will this work?');
  await failed.getByRole('button', { name: 'Save & Submit' }).click();
  await expect(page.locator('.message.assistant').last()).toContainText('You said: Will this work?');
  await expect(page.locator('.message.user').last().locator('.branch-pos')).toHaveText('2 / 2');
  await page.locator('.message.user').last().getByRole('button', { name: 'Previous version' }).click();
  await expect(page.locator('.message.user').last()).toContainText('Will this fail?');
  await page.screenshot({ path: 'test-results/models-chat.png', fullPage: true });

  // 360 px, dark: the head (title, picker, Share) wraps instead of scrolling sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('combobox', { name: 'Model' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: 'test-results/models-chat-360-dark.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Delete the connection again (the other specs run without one).
  await page.goto('/admin/settings/connections');
  await hydrated(page);
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete connection?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No connections yet.')).toBeVisible();
  expect(panics).toEqual([]);
  await ctx.close();
});

test('the view follows you: after six sends the last answer is in view; scrolled up, an answer leaves you there and "↓" brings you back', async ({ browser }) => {
  const ctx = await adminContext(browser);
  // The stand-in, connected through the Admin Panel's server function (and removed at the end).
  const saved = await ctx.request.post('/api/fn/admin_save_connection', { data: { id: null, base_url: STANDIN, api_key: KEY, enabled: true } });
  expect(saved.status()).toBe(200);
  const connection = (await saved.json()).id;
  // The other specs run without a connection: it goes, whatever happens here.
  try {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await hydrated(page);
    await page.getByRole('button', { name: 'Refresh models' }).click();
    await expect(page.getByRole('status').filter({ hasText: '3 models available.' })).toBeVisible();
    await pickModel(page, 'echo');
    const box = page.getByRole('textbox', { name: 'Message' });
    const question = (n: number) => Array.from({ length: 8 }, (_, i) => `Question ${n}, line ${i + 1}`).join('\n');
    for (let n = 1; n <= 6; n++) {
      await box.fill(question(n));
      await box.press('Enter');
      if (n === 1) await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
      await expect(page.locator('.message.assistant').last()).toContainText(`Question ${n}, line 8`);
      await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    }
    await expect(page.locator('.message.assistant').last()).toBeInViewport();
    await expect(page.locator('.message.user').last()).toBeInViewport();

    // Scrolled up while an answer is written: it does not pull you down; the composer offers "↓".
    await pickModel(page, 'slow');
    await box.fill('A slow one');
    await box.press('Enter');
    const live = page.locator('.message.live .live-text');
    await expect(live).toContainText('w2');
    await page.locator('#main').evaluate((main) => { main.scrollTop = 0; });
    await expect(live).toContainText('w10');
    expect(await page.locator('#main').evaluate((main) => main.scrollTop)).toBeLessThan(50);
    const down = page.locator('form.composer').getByRole('button', { name: 'Scroll to the latest message' });
    await expect(down).toBeVisible();
    await page.screenshot({ path: 'test-results/follow-behind.png' });
    await down.click();
    await expect(live).toBeInViewport();
    await expect(down).toHaveCount(0);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
  } finally {
    await ctx.request.post('/api/fn/admin_delete_connection', { data: { id: connection } });
    await ctx.close();
  }
});
