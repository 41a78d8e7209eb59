import { test, expect } from '@playwright/test';
import { adminContext, adminToken, hydrated, memberContext } from './helpers';

// Security round three, item 1: a collaborator works inside the live link. She never sees the
// masked word or the branch the link does not share, cannot move the owner's branch (her edit
// is a branch of her own), is offered Edit on her own messages only, and is shut out when the
// link expires.
test('a live link bounds its collaborator: masks, scope, her own branches, expiry', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const stamp = Date.now();
  const owner = await adminContext(browser);
  const { ctx: carol } = await memberContext(browser, `Carol ${stamp}`, bearer);
  const carolId = (await (await carol.request.get('/api/v1/auths/')).json()).id;
  const title = `Offsite ${stamp}`;
  const created = await owner.request.post('/api/v1/chats/new', {
    data: {
      chat: {
        title,
        history: {
          currentId: 'a1', messages: {
            u1: { id: 'u1', parentId: null, childrenIds: ['a0', 'a1'], role: 'user', content: 'Where do we meet? The door code is SECRETWORD.', timestamp: 1795295194 },
            a0: { id: 'a0', parentId: 'u1', childrenIds: [], role: 'assistant', content: 'HIDDENBRANCH: the plan we dropped.', timestamp: 1795295196 },
            a1: { id: 'a1', parentId: 'u1', childrenIds: [], role: 'assistant', content: 'At the station, at nine.', timestamp: 1795295198 },
          },
        },
      },
    },
  });
  expect(created.status()).toBe(200);
  const chatId = (await created.json()).id;
  const shared = await owner.request.post(`/api/v1/chats/${chatId}/share`, { data: { redact: ['SECRETWORD'] } });
  expect(shared.status()).toBe(200);
  const live = await owner.request.post(`/api/v1/chats/shared/${chatId}/access/update`, {
    data: { access_grants: [{ principal_type: 'user', principal_id: carolId, permission: 'write' }], share_mode: 'continue' },
  });
  expect(live.status()).toBe(200);

  const page = await carol.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/c/${chatId}`);
  await hydrated(page);
  const main = page.locator('main');
  await expect(main).toContainText('At the station, at nine.');
  await expect(main).toContainText('[redacted]');
  for (const hidden of ['SECRETWORD', 'HIDDENBRANCH']) {
    expect(await page.content()).not.toContain(hidden);
  }
  // No way to the unshared branch, and no Edit or Regenerate on the owner's messages.
  await expect(page.locator('.message').first().getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Regenerate' })).toHaveCount(0);
  await expect(page.locator('.branch-switch, .sibling-nav')).toHaveCount(0);

  // Her turn extends the shared branch; Edit is offered on it.
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Carol: I bring snacks.');
  await composer.press('Enter');
  const mine = page.locator('.message.user').filter({ hasText: 'Carol: I bring snacks.' });
  await expect(mine).toBeVisible();
  await expect(mine.getByRole('button', { name: 'Edit' })).toBeVisible();

  // Her edit is a branch of her own: the owner's chat still ends with the snacks.
  await mine.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Edit your message' }).fill('Carol: I bring cake.');
  await page.getByRole('button', { name: 'Save & Submit' }).click();
  await expect(page.locator('.message.user').filter({ hasText: 'Carol: I bring cake.' })).toBeVisible();
  await page.screenshot({ path: 'test-results/live-bounds-collaborator-1280.png' });
  // On a phone: the page opened at that width (the sidebar folded away).
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await hydrated(page);
  await expect(page.locator('.message.user').filter({ hasText: 'Carol: I bring cake.' })).toBeVisible();
  await page.screenshot({ path: 'test-results/live-bounds-collaborator-360.png' });
  const opage = await owner.newPage();
  await opage.goto(`/c/${chatId}`);
  await hydrated(opage);
  await expect(opage.locator('.message.user').last()).toContainText('Carol: I bring snacks.');
  await expect(opage.locator('main')).not.toContainText('I bring cake.');

  // The link expires: Carol is shut out of the chat.
  const soon = Math.floor(Date.now() / 1000) + 3;
  expect((await owner.request.post(`/api/v1/chats/${chatId}/share`, { data: { expires_at: soon } })).status()).toBe(200);
  await page.waitForTimeout(4_000);
  const gone = await page.goto(`/c/${chatId}`);
  expect(gone!.status()).toBe(404);
  for (const ctx of [owner, carol]) await ctx.close();
});
