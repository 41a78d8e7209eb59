import { test, expect, Page } from '@playwright/test';
import { adminContext, adminToken, hydrated, memberContext, pageReady } from './helpers';

/** Stored-XSS payloads: script tags, event handlers, javascript:/data:/vbscript: URLs, SVG and
 * MathML tricks, markdown link and image forms, entity-encoded and mixed-case variants, broken
 * and nested tags. */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed</a>',
  '[y](JAVASCRIPT:alert(1))',
  '[z](&#106;avascript:alert(1))',
  '[w](javascript&colon;alert(1))',
  '![img](javascript:alert(1))',
  '![img](x" onerror="alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="data:text/html,<script>alert(1)</script>">d</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  "<style>@import 'javascript:alert(1)'</style>",
  '<div style="background:url(javascript:alert(1))">s</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>alert(1)//<</script>',
  '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<img src=x onerror=alert`1`>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '[click](vbscript:msgbox(1))',
  '<marquee onstart=alert(1)>m</marquee>',
  '<template><script>alert(1)</script></template>',
  '<javascript:alert(1)>',
  '[link](javascript://%0aalert(1))',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">hex</a>',
];

const FORBIDDEN = 'script, iframe, object, embed, svg, math, style, form, input, video, audio, source, details, marquee, meta, base, link, noscript, template';

async function assertInert(page: Page, where: string) {
  // Nothing the payloads could have made exists in the content, and no element anywhere has an
  // event-handler attribute or a script URL.
  await expect(page.locator('.messages').locator(FORBIDDEN), where).toHaveCount(0);
  // Markdown images may exist (that is markdown), but only with a harmless source.
  for (const src of await page.locator('.messages img').evaluateAll((els) => els.map((e) => e.getAttribute('src')))) {
    expect(src === null || !/^(javascript|vbscript|data):/i.test(src), `${where}: img src ${src}`).toBeTruthy();
  }
  const bad = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        const v = a.value.trim().toLowerCase();
        if (a.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${a.name}`);
        if (['href', 'src', 'action', 'data', 'xlink:href', 'formaction'].includes(a.name.toLowerCase())
          && /^(javascript|vbscript|data):/.test(v.replace(/\s/g, ''))) found.push(`${el.tagName} ${a.name}=${a.value}`);
      }
    }
    return found;
  });
  expect(bad, where).toEqual([]);
}

test(`${PAYLOADS.length} stored-XSS payloads in messages, titles and names stay inert everywhere`, async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const { ctx } = await memberContext(browser, '<img src=x onerror=alert(1)> Mallory', bearer);
  const messages: Record<string, unknown> = {};
  let parent: string | null = null;
  PAYLOADS.forEach((p, i) => {
    const id = `m${i}`;
    messages[id] = { id, parentId: parent, childrenIds: i + 1 < PAYLOADS.length ? [`m${i + 1}`] : [], role: i % 2 ? 'assistant' : 'user', content: `payload ${i}: ${p}` };
    parent = id;
  });
  const title = '<script>alert(1)</script><img src=x onerror=alert(1)>';
  const res = await ctx.request.post('/api/v1/chats/new', { data: { chat: { title, history: { messages, currentId: parent } } } });
  expect(res.status()).toBe(200);
  const chatId = (await res.json()).id;
  const shared = await ctx.request.post(`/api/v1/chats/${chatId}/share`);
  const shareId = (await shared.json()).share_id;

  const admin = await adminContext(browser);
  for (const [context, url, who] of [[ctx, `/c/${chatId}`, 'owner, chat view and sidebar'], [ctx, `/s/${shareId}`, 'owner, shared page'], [admin, `/s/${shareId}`, 'another reader, shared page']] as const) {
    const page = await context.newPage();
    const dialogs: string[] = [];
    const violations: string[] = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
    await page.goto(url);
    await pageReady(page);
    await expect(page.locator('.message')).toHaveCount(PAYLOADS.length);
    // Shown as the text it is.
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.locator('.messages')).toContainText('payload 0: <script>alert(1)</script>');
    await expect(page.locator('.messages')).toContainText('<IMG SRC=x OnErRoR=alert(1)>');
    await assertInert(page, who);
    // Click every link the content has: none runs anything. (Our own controls beside each
    // message, such as "Copy link to this message", are not content.)
    const links = page.locator('.messages .message-body a');
    for (let i = 0; i < await links.count(); i++) {
      const href = await links.nth(i).getAttribute('href');
      expect(href === null || /^(https?:|mailto:)/.test(href), `link ${i}: ${href}`).toBeTruthy();
      if (href === null) await links.nth(i).click();
    }
    await page.waitForTimeout(300);
    expect(dialogs, who).toEqual([]);
    expect(violations, who).toEqual([]);
    await page.close();
  }

  // The name appears as text in the account menu and the admin's user list.
  const page = await ctx.newPage();
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByRole('button', { name: '<img src=x onerror=alert(1)> Mallory' })).toBeVisible();
  await expect(page.locator('.chat-list')).toContainText(title);
  await assertInert(page, 'sidebar');
  const apage = await admin.newPage();
  const adialogs: string[] = [];
  apage.on('dialog', async (d) => { adialogs.push(d.message()); await d.dismiss(); });
  await apage.goto('/admin');
  await hydrated(apage);
  await expect(apage.getByRole('row').filter({ hasText: '<img src=x onerror=alert(1)> Mallory' })).toHaveCount(1);
  await assertInert(apage, 'admin users');
  expect(adialogs).toEqual([]);
  await admin.close();
  await ctx.close();
});

test('a chat title never becomes markup in the page head (no meta refresh away from a shared link)', async ({ browser, request }) => {
  const bearer = await adminToken(request);
  const { ctx } = await memberContext(browser, 'Title Tester', bearer);
  const title = 'Notes</title><meta http-equiv="refresh" content="0;url=https://example.org/x"><script>alert(1)</script>';
  const res = await ctx.request.post('/api/v1/chats/new', { data: { chat: { title } } });
  expect(res.status()).toBe(200);
  const chatId = (await res.json()).id;
  const shareId = (await (await ctx.request.post(`/api/v1/chats/${chatId}/share`)).json()).share_id;
  const admin = await adminContext(browser);
  for (const [context, path] of [[admin, `/s/${shareId}`], [ctx, `/c/${chatId}`]] as const) {
    const page = await context.newPage();
    const navigations: string[] = [];
    const dialogs: string[] = [];
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations.push(f.url()); });
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    // Blocks the meta refresh's target, should the page ever try to go there.
    await page.route('https://example.org/**', (route) => route.abort());
    await page.goto(path);
    await pageReady(page);
    await page.waitForTimeout(1500);
    expect(new URL(page.url()).pathname, path).toBe(path);
    expect(navigations.filter((u) => !u.endsWith(path)), path).toEqual([]);
    expect(await page.title(), path).toBe(`${title} · chatshare`);
    await expect(page.locator('head meta[http-equiv]'), path).toHaveCount(0);
    await expect(page.locator('head script:not([nonce])'), path).toHaveCount(0);
    expect(dialogs, path).toEqual([]);
    await page.close();
  }
  await admin.close();
  await ctx.close();
});
