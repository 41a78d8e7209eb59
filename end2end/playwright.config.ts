import { defineConfig } from '@playwright/test';

// Runs the server ($CHATSHARE_BIN, else the release build) on its own port with a fresh data
// directory, and Debian's Chromium.
const server = process.env.CHATSHARE_BIN ?? './target/release/chatshare';
const port = Number(process.env.CHATSHARE_E2E_PORT ?? 3107);
/** The stand-in model server's port (models.spec.ts reads the same variable). */
const standinPort = Number(process.env.CHATSHARE_E2E_STANDIN_PORT ?? 3108);
const dataDir = `/tmp/chatshare-e2e-${process.pid}`;
/** A second instance, the community hub community.spec.ts shares to (reached as `localhost`,
 * so its cookies are not the first instance's, whose address is 127.0.0.1). */
const hubPort = Number(process.env.CHATSHARE_E2E_HUB_PORT ?? 3109);
/** An instance that signs in with an OpenID Connect provider (sso.spec.ts), and the provider:
 * tests/oidc/provider.mjs, the `oidc-provider` package. */
const ssoPort = Number(process.env.CHATSHARE_E2E_SSO_PORT ?? 3110);
const idpPort = Number(process.env.CHATSHARE_E2E_IDP_PORT ?? 3111);

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run',
      ],
    },
  },
  webServer: [{
    // The OpenAI-compatible stand-in that models.spec.ts connects to.
    command: 'node end2end/standin.mjs',
    cwd: '..',
    url: `http://127.0.0.1:${standinPort}/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { STANDIN_PORT: String(standinPort) },
  }, {
    command: `rm -rf ${dataDir} && ${server}`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      CHATSHARE_ADDR: `127.0.0.1:${port}`,
      CHATSHARE_DATA_DIR: dataDir,
      RUST_LOG: 'warn',
    },
  }, {
    command: `rm -rf ${dataDir}-hub && ${server}`,
    cwd: '..',
    url: `http://127.0.0.1:${hubPort}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      CHATSHARE_ADDR: `127.0.0.1:${hubPort}`,
      CHATSHARE_DATA_DIR: `${dataDir}-hub`,
      RUST_LOG: 'warn',
    },
  }, {
    command: 'node tests/oidc/provider.mjs',
    cwd: '..',
    url: `http://127.0.0.1:${idpPort}/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { OIDC_PORT: String(idpPort) },
  }, {
    command: `rm -rf ${dataDir}-sso && ${server}`,
    cwd: '..',
    url: `http://127.0.0.1:${ssoPort}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      CHATSHARE_ADDR: `127.0.0.1:${ssoPort}`,
      CHATSHARE_DATA_DIR: `${dataDir}-sso`,
      OIDC_ISSUER_URL: `http://127.0.0.1:${idpPort}`,
      OIDC_CLIENT_ID: 'chatshare',
      OIDC_CLIENT_SECRET: 'chatshare-test-secret',
      OIDC_PROVIDER_NAME: 'Company SSO',
      DEFAULT_USER_ROLE: 'user',
      RUST_LOG: 'warn',
    },
  }],
});
