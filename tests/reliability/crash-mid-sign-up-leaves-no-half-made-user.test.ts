// `kill -9` of the server in the middle of a sign-up. The server is stopped at an exact point by a
// proxy between it and PostgreSQL (tests/support/pg-proxy.ts) that holds the COMMIT of the
// transaction writing the new user: before it reaches the database, or after the database has
// committed it but before the server hears so. After a restart there is no half-made user: either
// nothing was written and the same email signs up again, or the user exists together with the
// confirmation code the sign-up promised, and can finish confirming.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type pg from "pg";
import type { RunningServer } from "../support/server.ts";
import { commitOfInsertInto, crashWhileHeld, type PgProxy } from "../support/pg-proxy.ts";
import { startServerBehindPgProxy } from "../support/server-behind-pg-proxy.ts";
import { TestBrowser, flashOf, type Page } from "../support/browser.ts";
import { CALLBACK, POOL, testConfig } from "../support/fixtures.ts";
import { pkceAuthorizeRequest } from "../support/oauth.ts";
import { openHostedPage, waitForOutbox } from "../support/codes.ts";

const PASSWORD = "Crash-Test-42";
let proxy: PgProxy, server: RunningServer, db: pg.Client;
let stop = async () => {};
before(async () => {
  ({ proxy, server, db, stop } = await startServerBehindPgProxy({ config: testConfig() }));
});
after(() => stop());

async function openSignup(): Promise<{ browser: TestBrowser; page: Page }> {
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "signup" });
  assert.match(page.html, /Create your account/);
  return { browser, page };
}

async function usersWithEmail(email: string) {
  const { rows } = await db.query<{ id: string; status: string }>(`SELECT id, status FROM "User" WHERE "poolId" = $1 AND "emailKey" = $2`, [POOL, email.toLowerCase()]);
  return rows;
}

async function usableSignUpCodes(userId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM "VerificationCode" WHERE "userId" = $1 AND purpose = 'SIGN_UP' AND "consumedAt" IS NULL AND "expiresAt" > now()`,
    [userId],
  );
  return Number(rows[0]!.n);
}

const atCallback = (page: Page) => page.url.startsWith(CALLBACK) && new URL(page.url).searchParams.has("code");

async function confirmWithLatestCode(browser: TestBrowser, page: Page, email: string): Promise<Page> {
  assert.match(page.url, /\/confirm$/, flashOf(page) ?? page.url);
  const [newest] = await waitForOutbox(server.url, email, 1);
  assert.ok(newest?.code, `no code was sent to ${email}`);
  return browser.submit(page, { intent: "confirm", code: newest.code });
}

test("killed before the sign-up commits: no user is left, and the same email signs up and confirms", async () => {
  const email = `crash-before-${Date.now()}@example.com`;
  const { browser, page } = await openSignup();
  await crashWhileHeld(proxy, server, { when: commitOfInsertInto("User"), phase: "before" }, () => browser.submit(page, { email, password: PASSWORD }));

  assert.deepEqual(await usersWithEmail(email), [], "the uncommitted user is gone");
  const again = await openSignup();
  const confirm = await again.browser.submit(again.page, { email, password: PASSWORD });
  const done = await confirmWithLatestCode(again.browser, confirm, email);
  assert.ok(atCallback(done), `ended at ${done.url}: ${flashOf(done)}`);
});

test("killed just after the user is committed: the user has its confirmation code and can finish", async () => {
  const email = `crash-after-${Date.now()}@example.com`;
  const { browser, page } = await openSignup();
  await crashWhileHeld(proxy, server, { when: commitOfInsertInto("User"), phase: "after" }, () => browser.submit(page, { email, password: PASSWORD }));

  const users = await usersWithEmail(email);
  assert.equal(users.length, 1, "the committed user is there, once");
  assert.equal(users[0]!.status, "UNCONFIRMED");
  // The user and its first code are written together: a user is never left without the code the
  // sign-up sent it (Cognito's SignUp either makes both or neither).
  assert.ok((await usableSignUpCodes(users[0]!.id)) >= 1, "the user was committed without a confirmation code: half-made");

  // Through the hosted UI: signing in leads to confirmation with a fresh code, then to the app.
  const retry = new TestBrowser(server.url);
  const login = await retry.request(pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web" }).url);
  const confirm = await retry.submit(login, { login: email, password: PASSWORD });
  const done = await confirmWithLatestCode(retry, confirm, email);
  assert.ok(atCallback(done), `ended at ${done.url}: ${flashOf(done)}`);
  assert.equal((await usersWithEmail(email))[0]!.status, "CONFIRMED");
});
