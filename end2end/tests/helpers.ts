import { APIRequestContext, Page, expect } from '@playwright/test';

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
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}
