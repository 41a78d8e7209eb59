import { test, expect, Locator } from '@playwright/test';
import { adminContext, check, createChat, hydrated } from './helpers';

// Issue #37, item 3: the tools under each message are a row of icons with tooltips.
const opacity = (l: Locator) => l.evaluate((el) => getComputedStyle(el).opacity);
const tooltip = (l: Locator) => l.evaluate((el) => getComputedStyle(el, '::after').content);

test('message tools: icons with names and tooltips, shown on hover and focus (always on the last message and on touch); Copy and Info work', async ({ browser }) => {
  const owner = await adminContext(browser, { bypassCSP: true, viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const title = `Tools ${Date.now()}`;
  const chatId = await createChat(owner, title, 'Use **two** cups of flour.');
  const page = await owner.newPage();
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  const question = page.locator('.message.user').first();
  const answer = page.locator('.message.assistant').last();
  const asked = question.getByRole('group', { name: 'Message tools' });
  const answered = answer.getByRole('group', { name: 'Message tools' });

  // Named icons, no words under the messages.
  await expect(asked.getByRole('button')).toHaveCount(3);
  for (const name of ['Copy', 'Edit', 'Info']) await expect(asked.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(answered.getByRole('button')).toHaveCount(4);
  for (const name of ['Copy', 'Regenerate', 'Read aloud', 'Info']) await expect(answered.getByRole('button', { name, exact: true })).toBeVisible();
  expect((await asked.innerText()).trim()).toBe('');
  expect((await answered.innerText()).trim()).toBe('');

  // Hidden until the pointer is over the message or a tool has the focus; the last message's
  // are always there.
  await page.mouse.move(900, 5);
  expect(await opacity(asked)).toBe('0');
  expect(await opacity(answered)).toBe('1');
  await question.hover();
  await expect.poll(() => opacity(asked)).toBe('1');
  await page.mouse.move(900, 5);
  await expect.poll(() => opacity(asked)).toBe('0');
  await asked.getByRole('button', { name: 'Copy' }).focus();
  await expect.poll(() => opacity(asked)).toBe('1');
  expect(await tooltip(asked.getByRole('button', { name: 'Copy' }))).toBe('"Copy"');
  await check(page, 'message-tools', 1280);

  // Copy puts the message as written on the clipboard; Info says who wrote it and when.
  await answered.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to clipboard!' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Use **two** cups of flour.');
  await answered.getByRole('button', { name: 'Info' }).click();
  await expect(answered.getByRole('button', { name: 'Info' })).toHaveAttribute('aria-expanded', 'true');
  await expect(answered.locator('.info-pop')).toContainText('llama3.1:8b · ');
  await expect(answered.locator('.info-pop time')).toHaveAttribute('datetime', '2026-11-21T21:06:38Z');
  await owner.close();

  // On a touch screen (no hover) every message shows its tools.
  const phone = await adminContext(browser, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const touch = await phone.newPage();
  await touch.goto(`/c/${chatId}`);
  await hydrated(touch);
  expect(await opacity(touch.locator('.message.user').first().getByRole('group', { name: 'Message tools' }))).toBe('1');
  await touch.screenshot({ path: 'test-results/message-tools-375.png' });
  await phone.close();
});
