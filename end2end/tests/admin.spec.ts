import { test, expect, Page } from '@playwright/test';
import { adminContext, adminToken, check, createChat, hydrated, memberContext, setAdminConfig } from './helpers';

async function openGeneralSettings(page: Page) {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('button', { name: 'Ada Admin' }).click();
  await page.getByRole('menuitem', { name: 'Admin Panel' }).click();
  await expect(page.getByRole('heading', { name: 'Admin Panel' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Admin Panel' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'General' }).click();
  await expect(page).toHaveURL(/\/admin\/settings\/general$/);
  await expect(page.getByRole('heading', { name: 'Sharing' })).toBeVisible();
}

async function flip(page: Page, name: RegExp, on: boolean) {
  const sw = page.getByRole('switch', { name });
  await sw.click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  if (on) await expect(sw).toBeChecked(); else await expect(sw).not.toBeChecked();
}

test('Admin Panel → Settings → General: community sharing, chat sharing, read aloud, for everyone at once', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const admin = await adminContext(browser);
  const apage = await admin.newPage();
  const { ctx: member } = await memberContext(browser, 'Mona Member', bearer);
  const title = `Compost ${Date.now()}`;
  const chatId = await createChat(member, title);
  const mpage = await member.newPage();

  await openGeneralSettings(apage);
  await expect(apage.getByRole('switch', { name: /Enable Community Sharing/ })).toBeChecked();

  // Community sharing off: the member's Share dialog has no community button, and the
  // config the client reads says so.
  await flip(apage, /Enable Community Sharing/, false);
  await mpage.goto(`/c/${chatId}`);
  await hydrated(mpage);
  await mpage.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = mpage.getByRole('dialog', { name: 'Share Chat' });
  await expect(dialog.getByRole('button', { name: 'Copy Link' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Share to Open WebUI Community' })).toHaveCount(0);
  const cfg = await (await member.request.get('/api/config')).json();
  expect(cfg.features.enable_community_sharing).toBe(false);

  // On again: back after a reload.
  await flip(apage, /Enable Community Sharing/, true);
  await mpage.reload();
  await hydrated(mpage);
  await mpage.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Share to Open WebUI Community' })).toBeVisible();
  await mpage.keyboard.press('Escape');

  // The setting survived a reload of the Admin Panel (it lives in the database).
  await apage.reload();
  await hydrated(apage);
  await expect(apage.getByRole('switch', { name: /Enable Community Sharing/ })).toBeChecked();

  // "Allow chat sharing" off: the Share item and button are gone, and the server refuses.
  await flip(apage, /Allow chat sharing/, false);
  await mpage.reload();
  await hydrated(mpage);
  await expect(mpage.getByRole('heading', { name: title })).toBeVisible();
  await expect(mpage.getByRole('button', { name: 'Share', exact: true })).toHaveCount(0);
  await mpage.getByRole('button', { name: `Chat options for ${title}` }).click();
  await expect(mpage.getByRole('menuitem', { name: 'Rename' })).toBeVisible();
  await expect(mpage.getByRole('menuitem', { name: 'Share' })).toHaveCount(0);
  await mpage.keyboard.press('Escape');
  const refused = await member.request.post('/api/fn/share_chat', { data: { chat_id: chatId } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).detail).toBeTruthy();
  await flip(apage, /Allow chat sharing/, true);
  const allowed = await member.request.post('/api/fn/share_chat', { data: { chat_id: chatId } });
  expect(allowed.status()).toBe(200);
  const shareId = (await allowed.json()).share_id;

  // Text-to-speech on: the shared page offers "Read aloud"; off: it does not.
  await mpage.goto(`/s/${shareId}`);
  await expect(mpage.getByText('Feed it twice a day.')).toBeVisible();
  await expect(mpage.getByRole('button', { name: 'Read aloud' })).toHaveCount(0);
  await flip(apage, /Read aloud/, true);
  // The Voice field is one line high (a flex basis once made it 256 px tall).
  expect((await apage.locator('#setting-tts-voice').boundingBox())!.height).toBeLessThan(60);
  await mpage.reload();
  await expect(mpage.getByRole('button', { name: 'Read aloud' }).first()).toBeVisible();
  await flip(apage, /Read aloud/, false);

  // A bad value is refused in words and nothing changes.
  await apage.getByLabel('Community sharing URL').fill('javascript:alert(1)');
  await apage.getByRole('button', { name: 'Save' }).first().click();
  await expect(apage.getByRole('alert').filter({ hasText: 'The community sharing URL must be an http(s) URL.' })).toBeVisible();
  const stored = await (await request.get('/api/v1/auths/admin/config', { headers: { Authorization: `Bearer ${bearer}` } })).json();
  expect(stored.COMMUNITY_SHARING_URL).toBe('https://openwebui.com/chats/upload');
  // This instance runs its own community: one click points the Share dialog's button at it.
  await apage.getByRole('button', { name: "Use this instance's community" }).click();
  await expect(apage.getByLabel('Community sharing URL')).toHaveValue(`${new URL(apage.url()).origin}/chats/upload`);
  await setAdminConfig(request, { COMMUNITY_SHARING_URL: 'https://openwebui.com/chats/upload' });
  await admin.close();
  await member.close();
});

test('Admin Panel → Users: search, role, per-user sharing, delete; the last admin stays', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const admin = await adminContext(browser);
  const page = await admin.newPage();

  // Someone signs up and waits for approval.
  const stamp = Date.now();
  const penny = { name: `Penny ${stamp}`, email: `penny-${stamp}@example.com`, password: 'penny password' };
  const signup = await request.post('/api/v1/auths/signup', { data: penny });
  expect(signup.status()).toBe(200);
  const pennyToken = (await signup.json()).token;
  const asPenny = { headers: { Authorization: `Bearer ${pennyToken}` } };

  await page.goto('/admin');
  await hydrated(page);
  await expect(page.getByRole('navigation', { name: 'Admin Panel' }).getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('searchbox', { name: 'Search users' }).fill(`penny-${stamp}`);
  const row = page.getByRole('row').filter({ hasText: penny.email });
  await expect(row).toHaveCount(1);
  await expect(page.getByRole('row')).toHaveCount(2); // header and Penny
  const role = row.getByRole('combobox', { name: `Role of ${penny.name}` });
  await expect(role).toHaveValue('pending');
  // #37 item 10: she is marked, and counted on the Users tab.
  await expect(row).toContainText('Waiting for approval');
  await expect(page.getByRole('navigation', { name: 'Admin Panel' }).getByRole('link', { name: 'Users' })).toContainText(/\d+ waiting for approval/);
  await check(page, 'admin-users-pending', 1280);

  // Approve: Penny can use the app.
  expect((await request.get('/api/v1/chats/', asPenny)).status()).toBe(403);
  await role.selectOption('user');
  await expect(page.getByRole('status').filter({ hasText: 'Role changed.' })).toBeVisible();
  expect((await request.get('/api/v1/chats/', asPenny)).status()).toBe(200);

  // Her own sharing permission.
  const sharing = row.getByRole('combobox', { name: `Chat sharing for ${penny.name}` });
  await expect(sharing).toHaveValue('default');
  await sharing.selectOption('deny');
  await expect(page.getByRole('status').filter({ hasText: 'Permission changed.' })).toBeVisible();
  expect((await (await request.get('/api/v1/users/permissions', asPenny)).json()).chat.share).toBe(false);
  await page.reload();
  await hydrated(page);
  await page.getByRole('searchbox', { name: 'Search users' }).fill(`penny-${stamp}`);
  await expect(page.getByRole('row').filter({ hasText: penny.email }).getByRole('combobox', { name: `Chat sharing for ${penny.name}` })).toHaveValue('deny');

  // The last admin cannot demote themselves.
  await page.getByRole('searchbox', { name: 'Search users' }).fill('ada@example.com');
  const me = page.getByRole('row').filter({ hasText: 'ada@example.com' });
  await me.getByRole('combobox', { name: 'Role of Ada Admin' }).selectOption('user');
  await expect(page.getByRole('alert').filter({ hasText: 'The last administrator cannot be demoted.' })).toBeVisible();
  await expect(me.getByRole('combobox', { name: 'Role of Ada Admin' })).toHaveValue('admin');

  // Add user: an account with its first password, which signs in.
  const quinn = { name: `Quinn ${stamp}`, email: `quinn-${stamp}@example.com`, password: 'quinn password' };
  await page.getByRole('button', { name: 'Add user' }).click();
  const add = page.getByRole('dialog', { name: 'Add user' });
  await add.getByLabel('Name').fill(quinn.name);
  await add.getByLabel('Email').fill(quinn.email);
  await add.getByLabel('Password').fill(quinn.password);
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'User added.' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search users' }).fill(`quinn-${stamp}`);
  await expect(page.getByRole('row').filter({ hasText: quinn.email }).getByRole('combobox', { name: `Role of ${quinn.name}` })).toHaveValue('user');
  expect((await request.post('/api/v1/auths/signin', { data: { email: quinn.email, password: quinn.password } })).status()).toBe(200);

  // Delete Penny, through a dialog that says what goes with her.
  await page.getByRole('searchbox', { name: 'Search users' }).fill(`penny-${stamp}`);
  await page.getByRole('button', { name: `Delete ${penny.name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${penny.name}?` });
  await expect(confirm).toContainText('all of their chats and every link they shared');
  await confirm.getByRole('button', { name: 'Delete user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'User deleted.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: penny.email })).toHaveCount(0);
  expect((await request.get('/api/v1/chats/', asPenny)).status()).toBe(401);
  void bearer;
  await admin.close();
});

test('the Admin Panel is for admins: members get a 403 page and 403 from its server functions', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const { ctx: member } = await memberContext(browser, 'Nils Nonadmin', bearer);
  const page = await member.newPage();
  const res = await page.goto('/admin/settings/general');
  expect(res!.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Administrators only' })).toBeVisible();
  await expect(page.getByRole('switch')).toHaveCount(0);
  for (const [fn, data] of [['admin_settings', {}], ['admin_update_settings', { patch: { enable_signup: false } }], ['admin_list_users', { query: '' }]] as const) {
    const r = await member.request.post(`/api/fn/${fn}`, { data });
    expect(r.status(), fn).toBe(403);
  }
  const anonymous = await browser.newContext();
  const visit = await (await anonymous.newPage()).goto('/admin');
  expect(visit!.url()).toMatch(/\/auth\?redirect=%2Fadmin|\/auth\?redirect=\/admin/);
  await anonymous.close();
  await member.close();
});
