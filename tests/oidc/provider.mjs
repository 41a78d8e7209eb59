// A real OpenID Connect provider for the tests: the `oidc-provider` package (a certified
// implementation) on a loopback port, with its built-in login page. Started by the Rust
// integration tests (tests/oidc.rs) and by Playwright (end2end/playwright.config.ts).
//
//   OIDC_PORT=0 node tests/oidc/provider.mjs     prints `OIDC_PROVIDER_URL=http://127.0.0.1:PORT`
//
// One client: `chatshare` / `chatshare-test-secret`, authorization code with PKCE, any
// `http://127.0.0.1:PORT/auth/oidc/callback` or `http://localhost:PORT/...` redirect (the
// servers under test pick their ports at start-up). Consent is given on the user's behalf
// (as a company IdP does for the apps its admins registered).
//
// Its people: the login page accepts any login and password. The login is the account:
// - `email` is the login without anything after a `#` (`alice@example.com#2` is a second IdP
//   account with Alice's email, for the merge-by-email rule) and without a leading
//   `unverified.`, lower-cased;
// - `email_verified` is false when the login starts with `unverified.`;
// - `name` is the email's local part, capitalised;
// - `groups` (scope `groups`): `chat-admins` when the login contains `admin`, and
//   `engineering` for every `@example.com` login.
// The claims are sent from the userinfo endpoint and, for `sub`, in the ID token (the
// provider's strict default), as Keycloak and Okta do for custom claims.
import http from 'node:http';

// oidc-provider warns on every start that its quick-start parts (memory store, signing keys,
// login page, Node.js 20) are for development, which this is, and notes each default it uses;
// quiet. (Imported after the console is patched, since it warns as it loads.)
for (const level of ['warn', 'info', 'log']) {
  const write = console[level];
  console[level] = (...args) => {
    if (!String(args[0] ?? '').startsWith('oidc-provider ')) write(...args);
  };
}
const { default: Provider } = await import('oidc-provider');

const port = Number(process.env.OIDC_PORT ?? 0);
const server = http.createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

function claimsOf(login) {
  const email = login.split('#')[0].trim().toLowerCase().replace(/^unverified\./, '');
  const local = email.split('@')[0];
  const groups = [];
  if (login.includes('admin')) groups.push('chat-admins');
  if (email.endsWith('@example.com')) groups.push('engineering');
  return {
    sub: login,
    email,
    email_verified: !login.startsWith('unverified.'),
    name: local.charAt(0).toUpperCase() + local.slice(1),
    groups,
  };
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'chatshare',
    client_secret: 'chatshare-test-secret',
    redirect_uris: ['http://127.0.0.1/auth/oidc/callback'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  cookies: { keys: ['chatshare-test-provider-cookie-key'] },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return claimsOf(id); } };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

// The servers under test run on ports chosen at their start: any loopback callback is allowed.
const callback = /^http:\/\/(127\.0\.0\.1|localhost):\d+\/auth\/oidc\/callback$/;
provider.Client.prototype.redirectUriAllowed = (uri) => callback.test(uri);

server.on('request', (req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  provider.callback()(req, res);
});

console.log(`OIDC_PROVIDER_URL=${issuer}`);
process.on('SIGTERM', () => process.exit(0));
