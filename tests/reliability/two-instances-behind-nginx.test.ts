// Two Gatehouse processes on one PostgreSQL database and one Redis namespace, behind Debian's nginx
// balancing round-robin, configured as an operator would (PUBLIC_URL is the proxy's, TRUST_PROXY=1).
// Sign-ins and sign-ups whose requests alternate between the instances complete; a signing key
// rotated or branding published through one instance is what the other serves at once.
//
// Without nginx installed this test fails with a message saying to install nginx-light, rather
// than skip: it is the proof that Gatehouse scales out, and a proof that silently does not run on
// a machine proves nothing there. CI (.ci/run) installs it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as oidc from "openid-client";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { freePort, startServer, type RunningServer } from "../support/server.ts";
import { startNginx, type RunningNginx } from "../support/nginx.ts";
import { startPostgres, type PostgresInstance } from "../support/postgres-instance.ts";
import { TestBrowser, flashOf, type Page } from "../support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, signInToConsole } from "../support/console.ts";
import { CALLBACK, PASSWORD, POOL, testConfig } from "../support/fixtures.ts";
import { pkceAuthorizeRequest } from "../support/oauth.ts";
import { waitForOutbox } from "../support/codes.ts";

let postgres: PostgresInstance | undefined;
let nginx: RunningNginx;
let a: RunningServer;
let b: RunningServer;
let publicUrl: string;
/** The admin API on instance A only, bypassing the proxy. */
let apiOnA: ReturnType<typeof apiClient>;
let consoleUpstreams: Set<string>;

before(async () => {
  assert.ok(process.env.REDIS_URL, "the instances hear of each other's changes through Redis: set REDIS_URL (CI does)");
  const port = await freePort();
  publicUrl = `http://localhost:${port}`;
  const env = { PUBLIC_URL: publicUrl, TRUST_PROXY: "1", GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD };
  // One PostgreSQL server for both: the machine's when DATABASE_URL names one, else the test's own.
  const databaseServer = process.env.DATABASE_URL ?? (postgres = await startPostgres()).url;
  a = await startServer({ config: testConfig(), env, databaseServer });
  b = await startServer({ config: testConfig(), env, shareWith: a });
  nginx = await startNginx({ port, upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`] });
  assert.equal(nginx.url, publicUrl);

  // The console's own sign-in (next-auth, then the hosted login of the console pool) crosses too.
  const { browser, landed } = await signInToConsole(publicUrl);
  assert.equal(new URL(landed.url).pathname, "/admin", `the console sign-in ended at ${landed.url}: ${flashOf(landed)}`);
  const created = await browser.api(`${publicUrl}/api/admin/api-keys`, { method: "POST", json: { name: "two-instances" } });
  assert.equal(created.status, 201);
  apiOnA = apiClient(a.url, ((await created.json()) as { key: string }).key);
  consoleUpstreams = upstreamsSince(0);
});
after(async () => {
  await nginx?.stop();
  await b?.stop();
  await a?.stop();
  postgres?.destroy();
});

/** Which instances served the requests logged since entry `from` (none may have failed). */
function upstreamsSince(from: number): Set<string> {
  const lines = nginx.accessLog().slice(from);
  const failed = lines.filter((l) => l.status >= 500);
  assert.deepEqual(failed, [], "no request failed at an instance");
  return new Set(lines.map((l) => l.upstream));
}

const both = () => new Set([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
// nginx writes its access log line just after the response: give it a moment.
const settle = () => new Promise((r) => setTimeout(r, 100));

async function relyingParty(clientId = "web") {
  return oidc.discovery(new URL(`${publicUrl}/${POOL}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/** Authorization code + PKCE through the proxy: the authorization request, the hosted form(s), the code. */
async function authorize(config: oidc.Configuration, fill: (browser: TestBrowser, login: Page) => Promise<Page>) {
  const browser = new TestBrowser(publicUrl);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK, scope: "openid email", state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
  });
  const login = await browser.request(url.toString());
  assert.match(login.url, /\/login$/);
  const done = await fill(browser, login);
  assert.ok(done.url.startsWith(CALLBACK) && new URL(done.url).searchParams.has("code"), `ended at ${done.url}: ${flashOf(done)}`);
  return { callback: new URL(done.url), verifier, state };
}

test("the console's sign-in through the proxy was served by both instances", () => {
  assert.deepEqual(consoleUpstreams, both());
});

test("a hosted sign-in whose requests alternate between the two instances completes", async () => {
  const mark = nginx.accessLog().length;
  const config = await relyingParty();
  const { callback, verifier, state } = await authorize(config, (browser, login) => browser.submit(login, { login: "alice@example.com", password: PASSWORD }));
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  const { payload } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${publicUrl}/${POOL}/.well-known/jwks.json`)), { issuer: `${publicUrl}/${POOL}`, audience: "web" });
  assert.equal(payload.email, "alice@example.com");
  await settle();
  assert.deepEqual(upstreamsSince(mark), both(), "both instances served parts of the sign-in");
  // Round-robin: the sign-in's consecutive requests went to one instance, then the other.
  const hops = nginx.accessLog().slice(mark).filter((l, i, all) => i > 0 && l.upstream !== all[i - 1]!.upstream).length;
  assert.ok(hops >= 3, `the sign-in switched instances ${hops} times`);
});

test("a sign-up confirmed with the emailed code, its requests alternating, completes", async () => {
  const mark = nginx.accessLog().length;
  const email = `two-${Date.now()}@example.com`;
  const config = await relyingParty();
  const { callback, verifier, state } = await authorize(config, async (browser, login) => {
    const signup = await browser.request(login.url.replace(/\/login$/, "/signup"));
    const confirm = await browser.submit(signup, { email, password: "Two-Instances-1" });
    assert.match(confirm.url, /\/confirm$/, flashOf(confirm) ?? "");
    // The dev outbox answers only requests from the machine itself, not through the proxy; the
    // code goes out just after the answer.
    const [message] = await waitForOutbox(a.url, email, 1);
    assert.ok(message?.code, "the code was sent");
    return browser.submit(confirm, { intent: "confirm", code: message.code });
  });
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  assert.equal(tokens.claims()?.email, email);
  await settle();
  assert.deepEqual(upstreamsSince(mark), both());
});

/** Polls `check` on an instance for up to 3 s: the other instance hears of changes through Redis. */
async function eventually(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 3000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function kids(server: RunningServer): Promise<string[]> {
  const jwks = (await (await fetch(`${server.url}/${POOL}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((k) => k.kid);
}

test("a signing key rotated through one instance is published and used by the other", async () => {
  // Both instances have the pool's provider loaded with the current keys.
  assert.deepEqual((await kids(a)).sort(), (await kids(b)).sort());
  const rotated = await apiOnA("POST", `/pools/${POOL}/signing-keys/rotate`);
  assert.equal(rotated.status, 200);
  const kid = rotated.body.kid as string;
  for (const server of [a, b]) {
    await eventually(async () => (await kids(server)).includes(kid), `instance ${server.port} publishes the new key ${kid}`);
  }
  // Tokens signed after the rotation carry the new key, whichever instance exchanges the code.
  const config = await relyingParty();
  for (const server of [a, b]) {
    const { callback, verifier } = await authorize(config, (browser, login) => browser.submit(login, { login: "alice@example.com", password: PASSWORD }));
    const response = await fetch(`${server.url}/${POOL}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: "web", code: callback.searchParams.get("code")!, redirect_uri: CALLBACK, code_verifier: verifier }),
    });
    const tokens = (await response.json()) as { id_token: string };
    assert.equal(response.status, 200, JSON.stringify(tokens));
    assert.equal(decodeProtectedHeader(tokens.id_token).kid, kid, `instance ${server.port} signs with the new key`);
  }
});

test("branding published through one instance shows on the other's hosted pages", async () => {
  const browser = new TestBrowser(publicUrl);
  const login = await browser.request(pkceAuthorizeRequest(publicUrl, { pool: POOL, clientId: "web" }).url);
  assert.match(login.url, /\/login$/);
  // The same hosted page, asked of each instance directly.
  const pageOn = async (server: RunningServer) => (await fetch(`${server.url}${new URL(login.url).pathname}`, { headers: { cookie: browser.cookieHeader() } })).text();
  assert.doesNotMatch(await pageOn(b), /#be123c/);

  const draft = (await apiOnA("GET", `/pools/${POOL}/branding`)).body.draft;
  assert.equal((await apiOnA("PUT", `/pools/${POOL}/branding/draft`, { ...draft, colors: { ...draft.colors, primary: "#be123c" }, texts: { ...draft.texts, signInTitle: "Two doors, one house" } })).status, 200);
  assert.equal((await apiOnA("POST", `/pools/${POOL}/branding/publish`)).status, 200);

  for (const server of [a, b]) {
    await eventually(async () => {
      const html = await pageOn(server);
      return /--gh-primary: #be123c/.test(html) && /Two doors, one house/.test(html);
    }, `instance ${server.port} shows the published branding`);
  }
});
