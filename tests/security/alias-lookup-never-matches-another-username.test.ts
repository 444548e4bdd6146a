// An email (or phone number) typed to sign in, to reset a password or to name a user to the admin
// API reaches the account whose address it is, never another account that has it as a username.
// New usernames of that shape are refused, but rows from before that rule may hold one: here such a
// legacy row is written straight into the database, with the same password as the real owner, so
// only the account the tokens are for tells which one the lookup found.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import * as oidc from "openid-client";
import { decodeJwt } from "jose";
import pg from "pg";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser, flashOf } from "../support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { CALLBACK, PASSWORD, POOL, USERNAME_POOL, testConfig } from "../support/fixtures.ts";
import { pkceAuthorizeRequest, readOutbox } from "../support/oauth.ts";
import { waitForOutbox } from "../support/codes.ts";

const needsDatabase = !process.env.DATABASE_URL && "needs DATABASE_URL to write a legacy row";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let db: pg.Client;
/** The real owners' subs, and the legacy rows that have their addresses as usernames. */
const subs: Record<string, string> = {};

/** A row as an older Gatehouse could make it: username = someone else's address, same password. */
async function insertLegacyRow(options: { pool: string; username: string; email: string; passwordOf: string }): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "User" (id, "poolId", username, "usernameKey", email, "emailKey", "emailVerified", "passwordHash", "passwordSetAt", status, "updatedAt")
     SELECT $1, $2, $3, lower($3), $4, lower($4), true, "passwordHash", now(), 'CONFIRMED', now() FROM "User" WHERE "poolId" = $2 AND "usernameKey" = $5`,
    [id, options.pool, options.username, options.email, options.passwordOf],
  );
  return id;
}

before(async () => {
  if (needsDatabase) return;
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  for (const [pool, username] of [[USERNAME_POOL, "carol"], [POOL, "alice"]] as const) {
    const { rows } = await db.query(`SELECT id FROM "User" WHERE "poolId" = $1 AND "usernameKey" = $2`, [pool, username]);
    subs[username] = rows[0].id;
  }
  subs.legacyCarol = await insertLegacyRow({ pool: USERNAME_POOL, username: "carol@example.com", email: "mallory@example.com", passwordOf: "carol" });
  subs.legacyAlice = await insertLegacyRow({ pool: POOL, username: "Alice@Example.com", email: "mallory2@example.com", passwordOf: "alice" });
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await db?.end();
  await server?.stop();
});

/** Signs in through the hosted page with a real relying party; returns the ID token's sub. */
async function signInSub(pool: string, clientId: string, login: string, password: string): Promise<string> {
  const config = await oidc.discovery(new URL(`${server.url}/${pool}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK, scope: "openid email", state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
  });
  const browser = new TestBrowser(server.url);
  const page = await browser.submit(await browser.request(url.toString()), { login, password });
  assert.ok(page.url.startsWith(CALLBACK), `expected the callback, got ${page.url}: ${flashOf(page)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url), { pkceCodeVerifier: verifier, expectedState: state });
  return String(decodeJwt(tokens.id_token!).sub);
}

describe("an alias lookup never matches another account's username", { skip: needsDatabase }, () => {
  test("sign-in with an email reaches its owner, not the account named after it (username + email pool)", async () => {
    assert.equal(await signInSub(USERNAME_POOL, "names-web", "carol@example.com", PASSWORD), subs.carol);
    assert.equal(await signInSub(USERNAME_POOL, "names-web", "CAROL@example.com", PASSWORD), subs.carol, "whatever the case");
    assert.equal(await signInSub(USERNAME_POOL, "names-web", "mallory@example.com", PASSWORD), subs.legacyCarol, "the legacy account signs in with its own address");
  });

  test("sign-in with an email reaches its owner in a pool where email is the username attribute", async () => {
    assert.equal(await signInSub(POOL, "web", "alice@example.com", PASSWORD), subs.alice);
  });

  test("forgot password with an email sends the code to its owner, and resets the owner's password", async () => {
    const browser = new TestBrowser(server.url);
    const { url } = pkceAuthorizeRequest(server.url, { pool: USERNAME_POOL, clientId: "names-web" });
    const login = await browser.request(url);
    const forgot = await browser.request(login.url.replace(/\/login$/, "/forgot-password"));
    const reset = await browser.submit(forgot, { login: "carol@example.com" });
    assert.match(reset.url, /\/reset-password$/);
    // Codes go out just after the answer: wait for the owner's before checking nobody else got one.
    const [message] = await waitForOutbox(server.url, "carol@example.com", 1);
    assert.ok(message?.code, "the owner got the code");
    assert.deepEqual(await readOutbox(server.url, "mallory@example.com"), [], "the account named after the address got nothing");
    const done = await browser.submit(reset, { code: message.code, password: "Brand-New-Passw0rd" });
    assert.match(flashOf(done) ?? "", /password has been changed/);
    assert.equal(await signInSub(USERNAME_POOL, "names-web", "carol@example.com", "Brand-New-Passw0rd"), subs.carol);
    assert.equal(await signInSub(USERNAME_POOL, "names-web", "mallory@example.com", PASSWORD), subs.legacyCarol, "the other account's password did not change");
  });

  test("admin API: an address that is one user's legacy username and another's email is refused, not guessed", async () => {
    for (const [pool, name] of [[USERNAME_POOL, "carol@example.com"], [POOL, "alice@example.com"]] as const) {
      const { status, body } = await api("GET", `/pools/${pool}/users/${encodeURIComponent(name)}`);
      assert.equal(status, 400);
      assert.equal(body.error.code, "InvalidParameterException");
      assert.match(body.error.message, /sub/);
      assert.equal((await api("POST", `/pools/${pool}/users/${encodeURIComponent(name)}/disable`)).status, 400, "no change lands on either account");
    }
    const bySub = await api("GET", `/pools/${USERNAME_POOL}/users/${subs.legacyCarol}`);
    assert.equal(bySub.body.username, "carol@example.com", "the sub names the legacy row unambiguously");
    assert.equal((await api("GET", `/pools/${USERNAME_POOL}/users/carol`)).body.sub, subs.carol);
    assert.equal((await api("GET", `/pools/${USERNAME_POOL}/users/mallory%40example.com`)).body.sub, subs.legacyCarol, "a unique address still names its one user");
  });
});
