// The client's figures in Debian's Chromium, for scripts/bench.py (prints one JSON object):
//   cold-cache bytes on the wire and request counts for /s/{id}, /auth and /c/{id};
//   /s/{id} on Slow 4G (issue #36's figures: 1.4 Mbit/s down, 562.5 ms RTT) with 4× CPU
//   throttling: when its text shows (first contentful paint), when a button works (Clone Chat,
//   a plain form, is shown and enabled) and when every control works (the page's one script
//   ran: it has no WASM client since issue #36).
// Usage: node scripts/bench-client.mjs BASE_URL SESSION_TOKEN SHARE_ID CHAT_ID
import { chromium } from 'playwright-core';

const [base, token, shareId, chatId] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const host = new URL(base).hostname;

async function visit(path, { signedIn, slow, hydrates = true, button = null, ready = 'body[data-hydrated="true"]' }) {
  const context = await browser.newContext();
  if (signedIn) {
    await context.addCookies([{ name: 'chatshare_session', value: token, domain: host, path: '/' }]);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 562.5, downloadThroughput: (1.4 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  const bytes = new Map();
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  const started = Date.now();
  await page.goto(base + path, { waitUntil: 'commit' });
  let buttonMs = null;
  if (button) {
    await page.waitForSelector(button, { state: 'visible', timeout: 60_000 });
    buttonMs = Date.now() - started;
  }
  let hydratedMs = null;
  if (hydrates) {
    await page.waitForSelector(ready, { timeout: 60_000 });
    hydratedMs = Date.now() - started;
  }
  await page.waitForLoadState('networkidle');
  const fcpMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  await context.close();
  return { bytes: total, requests: bytes.size, button_ms: buttonMs, hydrated_ms: hydratedMs, fcp_ms: fcpMs };
}

// The shared page is ready when its one script has run (no WASM client).
const SHARED_READY = 'body[data-script-ready="true"]';
const result = {
  shared: await visit(`/s/${shareId}`, { signedIn: true, ready: SHARED_READY }),
  auth: await visit('/auth', { signedIn: false, hydrates: false }), // plain HTML: no client
  chat: await visit(`/c/${chatId}`, { signedIn: true }),
};
// Slow runs: best of three (the machine's other work moves single runs).
const slow = [];
const cloneButton = 'form[action$="/clone"] button:not([disabled])';
for (let i = 0; i < 3; i++) slow.push(await visit(`/s/${shareId}`, { signedIn: true, slow: true, button: cloneButton, ready: SHARED_READY }));
slow.sort((a, b) => a.hydrated_ms - b.hydrated_ms);
result.shared_slow_4g = slow[0];
await browser.close();
console.log(JSON.stringify(result));
