// Screenshots of Open WebUI beside ours, for looking at the two side by side (#37): the chat,
// the Share dialog, the shared page and Settings, light and dark, at 1280 and 375 px. Not part
// of the test suite (Open WebUI is a 7 GB install): run it by hand against a local Open WebUI
// (../shared/reference/open-webui-local.md) and the end-to-end stand-in model server.
//
//   STANDIN_PORT=3108 node end2end/standin.mjs &
//   node scripts/compare-owui.mjs http://127.0.0.1:8080 target/owui-screens
//
// Our own screenshots of the same screens are saved by the browser tests in end2end/screens.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'target/owui-screens';
const standin = `http://127.0.0.1:${process.env.STANDIN_PORT ?? 3108}/v1`;
fs.mkdirSync(out, { recursive: true });

async function api(method, url, token, body) {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// The first account is the admin; later runs sign in with it.
const who = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
let session;
try {
  session = await api('POST', '/api/v1/auths/signup', null, who);
} catch {
  session = await api('POST', '/api/v1/auths/signin', null, { email: who.email, password: who.password });
}
const token = session.token;
await api('POST', '/openai/config/update', token, {
  ENABLE_OPENAI_API: true,
  OPENAI_API_BASE_URLS: [standin],
  OPENAI_API_KEYS: ['sk-e2e-standin-key-4242'],
  OPENAI_API_CONFIGS: {},
});

// A chat of three turns with a code block, as the comparison's subject.
const t = Math.floor(Date.now() / 1000);
const turns = [
  ['user', 'How do I read a file line by line in Rust?\nKeep it short.'],
  ['assistant', 'Use `BufReader`:\n\n```rust\nuse std::io::{BufRead, BufReader};\nlet f = std::fs::File::open("notes.txt")?;\nfor line in BufReader::new(f).lines() {\n    println!("{}", line?);\n}\n```\n\n- It buffers reads.\n- Each line comes without its newline.'],
  ['user', 'And in Python?'],
  ['assistant', 'Iterate over the file object: `for line in open("notes.txt"): print(line, end="")`.'],
];
const messages = {};
let parent = null;
turns.forEach(([role, content], i) => {
  const id = `m${i}`;
  messages[id] = { id, parentId: parent, childrenIds: i + 1 < turns.length ? [`m${i + 1}`] : [], role, content, timestamp: t, model: 'echo' };
  parent = id;
});
const chat = await api('POST', '/api/v1/chats/new', token, {
  chat: { title: 'Reading files', models: ['echo'], history: { messages, currentId: parent }, messages: Object.values(messages) },
});
const link = await api('POST', `/api/v1/chats/${chat.id}/share`, token);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const theme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    const ctx = await browser.newContext({ viewport: { width, height: width > 400 ? 800 : 740 }, colorScheme: theme });
    await ctx.addInitScript(([tok, th]) => {
      localStorage.setItem('token', tok);
      localStorage.setItem('theme', th);
    }, [token, theme]);
    const page = await ctx.newPage();
    // Open WebUI greets a new version with its release notes: closed first.
    const settle = async () => {
      await page.waitForTimeout(1200);
      const notes = page.getByRole('button', { name: "Okay, Let's Go!" });
      if (await notes.count()) await notes.click().catch(() => {});
    };
    const shot = async (name) => {
      await settle();
      await page.screenshot({ path: path.join(out, `owui-${name}-${theme}-${width}.png`) });
    };
    await page.goto(`${base}/c/${chat.id}`);
    await page.waitForSelector('#messages-container, .messages', { timeout: 30000 }).catch(() => {});
    await shot('chat');
    await page.goto(`${base}/s/${link.id}`);
    await shot('shared');
    await page.goto(`${base}/c/${chat.id}`);
    await page.waitForTimeout(1500);
    // The chat's ⋯ menu → Share.
    await settle();
    try {
      await page.locator('#chat-context-menu-button, button[aria-label="Chat Menu"], nav button:has(svg)').last().click({ timeout: 5000 });
      await page.getByText('Share', { exact: true }).first().click({ timeout: 5000 });
      await shot('share-dialog');
      await page.keyboard.press('Escape');
    } catch (e) {
      console.log(`no Share dialog at ${width} px, ${theme}: ${e.message.split('\n')[0]}`);
    }
    await page.goto(`${base}/`);
    await page.waitForTimeout(1000);
    await shot('home');
    await ctx.close();
  }
}
await browser.close();
console.log(`saved in ${out}`);
