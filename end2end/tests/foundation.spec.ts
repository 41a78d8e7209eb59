import { test, expect } from '@playwright/test';

test('the start page is server-rendered before the WASM runs', async ({ page, request }) => {
  const res = await request.get('/');
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain('Welcome to chatshare');
  expect(html).toMatch(/\/pkg\/[0-9a-f]{12}\/chatshare\.js/);

  // With the WASM blocked the page still shows its content, but nothing is interactive yet.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to chatshare' })).toBeVisible();
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
});

test('the page hydrates and a server function round-trips to the database', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.setViewportSize({ width: 390, height: 800 }); // the sidebar toggle shows on phones
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

  // A client-side interaction: the sidebar toggle flips its state in the browser.
  const toggle = page.getByRole('button', { name: 'Toggle sidebar' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#sidebar')).toBeInViewport();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  // The start page shows no server internals (it used to have a "Server status" card).
  await expect(page.locator('main')).not.toContainText(/Server status|database|migrations/);

  // Client-side navigation to a lazily loaded page, whose server function reads the database
  // (does the instance have an account yet?).
  const call = page.waitForResponse((r) => r.url().endsWith('/api/fn/sign_in_methods'));
  await page.getByRole('link', { name: /Sign in or create an account|Create the admin account/ }).click();
  const res = await call;
  expect(res.status()).toBe(200);
  expect(typeof (await res.json()).first_run).toBe('boolean');
  await expect(page).toHaveURL(/\/auth/);
  await expect(page.getByRole('heading', { name: /Sign in to chatshare|Create the admin account/ })).toBeVisible();

  // The system-info function tells a visitor that the server is up, not what database it runs
  // or how many accounts it has.
  const info = await (await page.request.post('/api/fn/system_info', { data: {} })).json();
  expect(info.database_ok).toBe(true);
  expect(info.details).toBeNull();

  expect(errors).toEqual([]);
});

test('assets are versioned, cached for a year and compressed', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const js = html.match(/\/pkg\/[0-9a-f]{12}\/chatshare\.js/)![0];
  const wasm = js.replace('chatshare.js', 'chatshare_bg.wasm');
  for (const path of [js, wasm, js.replace('chatshare.js', 'chatshare.css')]) {
    const res = await request.get(path, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.status(), path).toBe(200);
    expect(res.headers()['cache-control']).toContain('immutable');
    expect(['br', 'gzip']).toContain(res.headers()['content-encoding']);
  }
});

test('an unknown path is a 404 page', async ({ page }) => {
  const res = await page.goto('/no/such/page');
  expect(res!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('narrow screens: the layout fits 360 px and the sidebar opens', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Toggle sidebar' }).click();
  await expect(page.locator('#sidebar')).toBeInViewport();
  await page.screenshot({ path: 'test-results/home-360.png' });
});
