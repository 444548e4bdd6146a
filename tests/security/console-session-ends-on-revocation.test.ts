// A console cookie dies with the sign-in behind it (issue 8, item 3): after "sign out everywhere",
// signing one session out, a password reset, an admin setting the password or signing out of the
// console, the old cookie no longer reads the admin API, creates API keys or opens /admin. Each
// admin signs in through the real hosted login of the system pool, as a browser does.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser } from "../support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey, signInToConsole, startConsoleSignIn } from "../support/console.ts";
import { readOutbox } from "../support/oauth.ts";

const SYSTEM_POOL = "system_Gatehouse";
let server: RunningServer;
let api: ReturnType<typeof apiClient>;

before(async () => {
  server = await startServer({ env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url, "revocation tests"));
});
after(async () => {
  await server?.stop();
});

let admins = 0;
/** A new admin of the console, signed in through the hosted login; their cookie works. */
async function signedInAdmin() {
  const email = `admin-${++admins}-${Date.now()}@example.com`;
  const password = "Admin-Passw0rd-1";
  const created = await api("POST", `/pools/${SYSTEM_POOL}/users`, { attributes: { email, email_verified: "true" }, groups: ["admins"] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const username = created.body.user.username as string;
  assert.equal((await api("POST", `/pools/${SYSTEM_POOL}/users/${username}/password`, { password, permanent: true })).status, 200);
  const { browser, landed } = await signInToConsole(server.url, { email, password });
  assert.equal(new URL(landed.url).pathname, "/admin", landed.html.slice(0, 300));
  await assertLive(browser);
  return { email, username, browser };
}

async function consolePage(browser: TestBrowser) {
  return fetch(`${server.url}/admin`, { headers: { cookie: browser.cookieHeader() }, redirect: "manual" });
}

async function assertLive(browser: TestBrowser) {
  assert.equal((await browser.api(`${server.url}/api/admin/me`)).status, 200);
  assert.equal((await consolePage(browser)).status, 200);
}

/** The old cookie, replayed as it was: no admin API, no new API key, no console. */
async function assertEnded(cookie: string) {
  const me = await fetch(`${server.url}/api/admin/me`, { headers: { cookie } });
  assert.equal(me.status, 401, "GET /api/admin/me");
  assert.equal(((await me.json()) as { error: { code: string } }).error.code, "NotAuthorizedException");
  const key = await fetch(`${server.url}/api/admin/api-keys`, {
    method: "POST",
    headers: { cookie, origin: server.url, "content-type": "application/json" },
    body: JSON.stringify({ name: "after revocation" }),
  });
  assert.equal(key.status, 401, "POST /api/admin/api-keys");
  const page = await fetch(`${server.url}/admin`, { headers: { cookie }, redirect: "manual" });
  assert.equal(page.status, 307, "GET /admin");
  assert.match(page.headers.get("location") ?? "", /\/admin\/sign-in$/);
  const rsc = await fetch(`${server.url}/admin/api-keys`, { headers: { cookie, rsc: "1" }, redirect: "manual" });
  assert.notEqual(rsc.status, 200, "RSC /admin/api-keys");
  assert.doesNotMatch(await rsc.text(), /revocation tests/);
}

async function latestCode(to: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const [message] = await readOutbox(server.url, to);
    if (message?.code) return message.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code was sent to ${to}`);
}

describe("a console session ends when its sign-in is revoked", () => {
  test("sign out everywhere (the admin API's global sign-out of the admin)", async () => {
    const { username, browser } = await signedInAdmin();
    const cookie = browser.cookieHeader();
    assert.equal((await api("POST", `/pools/${SYSTEM_POOL}/users/${username}/sign-out`)).status, 200);
    await assertEnded(cookie);
  });

  test("signing the admin out of the one session the console used", async () => {
    const { username, browser } = await signedInAdmin();
    const cookie = browser.cookieHeader();
    const { body } = await api("GET", `/pools/${SYSTEM_POOL}/users/${username}/sessions`);
    assert.equal(body.sessions.length, 1);
    assert.equal((await api("DELETE", `/pools/${SYSTEM_POOL}/users/${username}/sessions/${body.sessions[0].id}`)).status, 200);
    await assertEnded(cookie);
  });

  test("a password reset through forgot password in the console's pool", async () => {
    const { email, browser } = await signedInAdmin();
    const cookie = browser.cookieHeader();
    // Someone (the admin, or whoever took over their mailbox) resets the password from another browser.
    const other = new TestBrowser(server.url);
    const login = await startConsoleSignIn(other, server.url);
    let page = await other.request(login.url.replace(/\/login$/, "/forgot-password"));
    page = await other.submit(page, { login: email });
    assert.match(page.url, /\/reset-password$/);
    page = await other.submit(page, { code: await latestCode(email), password: "Reset-Passw0rd-2" });
    assert.match(page.html, /password has been changed/);
    await assertEnded(cookie);
    // The new password opens a new session.
    const { browser: again } = await signInToConsole(server.url, { email, password: "Reset-Passw0rd-2" });
    await assertLive(again);
  });

  test("an admin setting the admin's password", async () => {
    const { username, browser } = await signedInAdmin();
    const cookie = browser.cookieHeader();
    assert.equal((await api("POST", `/pools/${SYSTEM_POOL}/users/${username}/password`, { password: "Set-By-Admin-3x", permanent: true })).status, 200);
    await assertEnded(cookie);
  });

  test("signing out of the console ends a copy of its cookie too", async () => {
    const { browser } = await signedInAdmin();
    const cookie = browser.cookieHeader();
    const { csrfToken } = (await (await browser.api(`${server.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const signedOut = await fetch(`${server.url}/api/auth/signout`, {
      method: "POST",
      headers: { cookie: browser.cookieHeader(), origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${server.url}/admin/sign-in`, json: "true" }),
      redirect: "manual",
    });
    assert.ok(signedOut.status < 400, String(signedOut.status));
    await assertEnded(cookie);
  });

  test("next-auth's own session endpoint refuses an ended session and clears its cookie", async () => {
    const { username, browser } = await signedInAdmin();
    const cookie = browser.cookieHeader();
    const live = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
    assert.ok(((await live.json()) as { user?: unknown }).user);
    await api("POST", `/pools/${SYSTEM_POOL}/users/${username}/sign-out`);
    const ended = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
    assert.deepEqual(await ended.json(), {});
    assert.ok(ended.headers.getSetCookie().some((c) => /next-auth\.session-token=;/.test(c) || /next-auth\.session-token=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c)));
  });

  test("the other admins' sessions live on", async () => {
    const first = await signedInAdmin();
    const second = await signedInAdmin();
    await api("POST", `/pools/${SYSTEM_POOL}/users/${first.username}/sign-out`);
    await assertEnded(first.browser.cookieHeader());
    await assertLive(second.browser);
  });
});
