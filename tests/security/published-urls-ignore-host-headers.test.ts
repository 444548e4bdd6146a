// Every URL Gatehouse publishes (discovery, endpoints, redirects, forms) comes from PUBLIC_URL,
// never from the request's Host, X-Forwarded-Host, X-Forwarded-Proto or Forwarded headers: one
// poisoned discovery document in a shared cache would send every relying party to an attacker.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { CALLBACK, PASSWORD, POOL, testConfig } from "../support/fixtures.ts";
import { pkceAuthorizeRequest } from "../support/oauth.ts";
import { CookieJar } from "../support/browser.ts";
import { rawRequestTo, type RawResponse } from "../support/raw-http.ts";

const EVIL = "evil.example";
const DEMO_POOL = "local_Demo12345";

/** Header sets an attacker (or a confused proxy) can send; none may change a published URL. */
const SPOOFS: [string, Record<string, string>][] = [
  ["Host", { host: EVIL }],
  ["X-Forwarded-Host", { "x-forwarded-host": EVIL }],
  ["X-Forwarded-Proto", { "x-forwarded-proto": "https" }],
  ["X-Forwarded-Proto http", { "x-forwarded-proto": "http" }],
  ["Forwarded", { forwarded: `for=203.0.113.9;host=${EVIL};proto=https` }],
  ["all of them", { host: EVIL, "x-forwarded-host": EVIL, "x-forwarded-proto": "https", "x-forwarded-port": "8443", forwarded: `host=${EVIL};proto=https` }],
];

const location = (res: RawResponse) => String(res.headers.location ?? "");

function assertPublished(url: string, base: string, what: string) {
  assert.ok(url.startsWith(`${base}/`), `${what}: ${url} is not under ${base}`);
}

async function assertDiscovery(server: RunningServer, publicUrl: string, pool: string, headers: Record<string, string>) {
  const issuer = `${publicUrl}/${pool}`;
  const res = await rawRequestTo(server.port, `${issuer}/.well-known/openid-configuration`, { headers });
  assert.equal(res.status, 200, res.body.slice(0, 300));
  assert.ok(!res.body.includes(EVIL), res.body);
  const doc = JSON.parse(res.body) as Record<string, unknown>;
  assert.equal(doc.issuer, issuer);
  const urls = Object.entries(doc).filter(([key, value]) => typeof value === "string" && (key.endsWith("_endpoint") || key.endsWith("_uri")));
  assert.ok(urls.length >= 5, "the document lists its endpoints");
  for (const [key, value] of urls) assertPublished(value as string, issuer, key);
  assert.equal(doc.jwks_uri, `${issuer}/.well-known/jwks.json`);
  assert.equal(doc.token_endpoint, `${issuer}/oauth2/token`);

  const jwks = await rawRequestTo(server.port, String(doc.jwks_uri), { headers });
  assert.equal(jwks.status, 200);
  assert.ok((JSON.parse(jwks.body) as { keys: unknown[] }).keys.length >= 1);
}

/** The sign-out page and its form, then the confirmation's redirect. */
async function assertLogout(server: RunningServer, publicUrl: string, pool: string, clientId: string, headers: Record<string, string>) {
  const issuer = `${publicUrl}/${pool}`;
  const jar = new CookieJar();
  const page = await rawRequestTo(server.port, `${issuer}/logout?client_id=${clientId}`, { headers });
  jar.store(page.headers["set-cookie"]);
  assert.equal(page.status, 200, page.body.slice(0, 300));
  assert.ok(!page.body.includes(EVIL));
  const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.equal(action, `${issuer}/logout/confirm`);
  const confirmed = await rawRequestTo(server.port, action, {
    method: "POST",
    headers: { ...headers, cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }).toString(),
  });
  assert.equal(confirmed.status, 303, confirmed.body.slice(0, 300));
  assert.equal(location(confirmed), `${issuer}/logout/success`);

  // Cognito's alias of it.
  const alias = await rawRequestTo(server.port, `${issuer}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent("http://localhost:4000/")}`, { headers });
  assertPublished(location(alias), issuer, "the /logout alias");
}

/** The console's sign-in (next-auth) builds its URLs from PUBLIC_URL too. */
async function assertConsoleSignIn(server: RunningServer, publicUrl: string, headers: Record<string, string>) {
  const res = await rawRequestTo(server.port, `${publicUrl}/api/auth/providers`, { headers });
  assert.equal(res.status, 200, res.body.slice(0, 300));
  const providers = JSON.parse(res.body) as Record<string, { signinUrl: string; callbackUrl: string }>;
  assertPublished(providers.gatehouse!.signinUrl, `${publicUrl}/api/auth`, "next-auth signinUrl");
  assertPublished(providers.gatehouse!.callbackUrl, `${publicUrl}/api/auth`, "next-auth callbackUrl");
}

describe("PUBLIC_URL http://localhost:{port}", () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ config: testConfig() });
  });
  after(async () => {
    await server?.stop();
  });

  for (const [name, headers] of SPOOFS) {
    test(`${name}: discovery, JWKS and every endpoint stay on PUBLIC_URL`, async () => {
      await assertDiscovery(server, server.url, POOL, headers);
    });

    test(`${name}: a whole sign-in redirects only to PUBLIC_URL and the client's callback`, async () => {
      const issuer = `${server.url}/${POOL}`;
      const jar = new CookieJar();
      const get = async (url: string) => {
        const res = await rawRequestTo(server.port, url, { headers: { ...headers, cookie: jar.header() } });
        jar.store(res.headers["set-cookie"]);
        return res;
      };
      const authorize = await get(pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web" }).url);
      assert.equal(authorize.status, 303, authorize.body.slice(0, 300));
      assert.match(location(authorize), new RegExp(`^${issuer}/interaction/[\\w-]+$`));
      const interaction = await get(location(authorize));
      assert.match(location(interaction), new RegExp(`^${issuer}/interaction/[\\w-]+/login$`));
      const login = await get(location(interaction));
      assert.equal(login.status, 200);
      assert.ok(!login.body.includes(EVIL));
      const action = /<form[^>]*action="([^"]+)"/.exec(login.body)![1]!.replace(/&amp;/g, "&");
      assert.equal(action, location(interaction));
      const csrf = /name="csrf" value="([^"]+)"/.exec(login.body)![1]!;
      const posted = await rawRequestTo(server.port, action, {
        method: "POST",
        headers: { ...headers, cookie: jar.header(), origin: server.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf, login: "alice@example.com", password: PASSWORD }).toString(),
      });
      jar.store(posted.headers["set-cookie"]);
      assert.equal(posted.status, 303, posted.body.slice(0, 300));
      // Back to the authorization endpoint, through the consent step that first-party clients skip.
      let next = location(posted);
      for (let hops = 0; !next.startsWith(`${CALLBACK}?`); hops++) {
        assert.ok(hops < 6, "too many redirects");
        assertPublished(next, issuer, "a redirect of the sign-in");
        next = location(await get(next));
      }
      const callback = new URL(next);
      assert.ok(callback.searchParams.get("code"));
      assert.equal(callback.searchParams.get("iss"), issuer);
    });

    test(`${name}: sign-out pages and their forms stay on PUBLIC_URL`, async () => {
      await assertLogout(server, server.url, POOL, "web", headers);
    });
  }

  test("the console's sign-in URLs stay on PUBLIC_URL", async () => {
    for (const [, headers] of SPOOFS) await assertConsoleSignIn(server, server.url, headers);
  });
});

// A TLS-terminating proxy in front: requests reach Gatehouse over plain loopback http, with or
// without forwarding headers, and with or without TRUST_PROXY.
for (const trustProxy of ["0", "1"]) {
  describe(`PUBLIC_URL https://id.example.test, reached over plain http, TRUST_PROXY=${trustProxy}`, () => {
    const publicUrl = "https://id.example.test";
    const issuer = `${publicUrl}/${DEMO_POOL}`;
    let server: RunningServer;
    before(async () => {
      // No config file: the demo pool and its client exist.
      server = await startServer({ env: { PUBLIC_URL: publicUrl, TRUST_PROXY: trustProxy } });
    });
    after(async () => {
      await server?.stop();
    });

    const cases: [string, Record<string, string>][] = [["the loopback Host", { host: "127.0.0.1" }], ["the proxy's Host", { host: "id.example.test" }], ...SPOOFS];
    for (const [name, headers] of cases) {
      test(`${name}: discovery, the demo app, authorize and the interaction use https://id.example.test only`, async () => {
        await assertDiscovery(server, publicUrl, DEMO_POOL, headers);
        const demo = await rawRequestTo(server.port, `${publicUrl}/demo`, { headers });
        assert.equal(demo.status, 302);
        assertPublished(location(demo), `${issuer}/oauth2`, "the demo app's sign-in link");
        const jar = new CookieJar();
        const authorize = await rawRequestTo(server.port, location(demo), { headers });
        jar.store(authorize.headers["set-cookie"]);
        assert.equal(authorize.status, 303, authorize.body.slice(0, 300));
        assert.match(location(authorize), new RegExp(`^${issuer}/interaction/[\\w-]+$`));
        const cookies = ([] as string[]).concat(authorize.headers["set-cookie"] ?? []);
        assert.ok(cookies.length > 0 && cookies.every((c) => /;\s*secure/i.test(c)), `cookies are Secure: ${cookies.join(" | ")}`);
        const interaction = await rawRequestTo(server.port, location(authorize), { headers: { ...headers, cookie: jar.header() } });
        assert.match(location(interaction), new RegExp(`^${issuer}/interaction/[\\w-]+/login$`));
      });

      test(`${name}: sign-out and the console's sign-in use https://id.example.test only`, async () => {
        await assertLogout(server, publicUrl, DEMO_POOL, "demo-web", headers);
        await assertConsoleSignIn(server, publicUrl, headers);
      });
    }
  });
}
