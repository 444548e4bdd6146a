// A hosted page shows the sign-in in progress (a TOTP secret, the form's CSRF token, the user's
// address) only to the browser that started it: every interaction page and form checks the cookie
// bound to that interaction. Knowing the URL is not enough, nor is another sign-in's cookie.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import { startServer, type RunningServer } from "../support/server.ts";
import { CALLBACK, MFA_POOL, PASSWORD, testConfig } from "../support/fixtures.ts";
import { TestBrowser, type Page } from "../support/browser.ts";
import { pkceAuthorizeRequest } from "../support/oauth.ts";

const PAGES = ["login", "signup", "confirm", "forgot-password", "reset-password", "new-password", "mfa-setup", "mfa", "recovery-code", "recovery-codes"];

let server: RunningServer;
before(async () => {
  server = await startServer({ config: testConfig() });
});
after(async () => {
  await server?.stop();
});

async function signInToMfaSetup(login: string) {
  const browser = new TestBrowser(server.url);
  const login_ = await browser.request(pkceAuthorizeRequest(server.url, { pool: MFA_POOL, clientId: "secure-web" }).url);
  const setup = await browser.submit(login_, { login, password: PASSWORD });
  assert.match(setup.url, /\/mfa-setup$/);
  const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(setup.html)![1]!.replace(/\s+/g, "");
  const csrf = /name="csrf" value="([^"]+)"/.exec(setup.html)![1]!;
  return { browser, page: setup, secret, csrf, base: setup.url.replace(/\/mfa-setup$/, "") };
}

/** What must never reach anyone but the browser that signed in. */
function assertNothingLeaks(body: string, victim: { secret: string; csrf: string }, what: string) {
  const groupedSecret = victim.secret.match(/.{1,4}/g)!.join(" ");
  for (const secret of [victim.secret, groupedSecret, victim.csrf, "bob@example.com", 'name="csrf"', "totp-secret", "data:image/png"]) {
    assert.ok(!body.includes(secret), `${what} shows ${secret}`);
  }
}

test("every interaction page answers 'expired', with no data, without the interaction's cookie or with another browser's", async () => {
  const victim = await signInToMfaSetup("bob@example.com");
  const other = await signInToMfaSetup("dave@example.com");
  const visitors: [string, Record<string, string>][] = [
    ["no cookies", {}],
    ["another browser's cookies", { cookie: other.browser.cookieHeader() }],
  ];
  for (const [who, headers] of visitors) {
    for (const page of PAGES) {
      const url = `${victim.base}/${page}`;
      const first = await fetch(url, { headers, redirect: "manual" });
      assertNothingLeaks(await first.text(), victim, `${page} with ${who} (first answer, ${first.status})`);
      const final = await fetch(url, { headers });
      const body = await final.text();
      assertNothingLeaks(body, victim, `${page} with ${who}`);
      assert.equal(final.status, 400, `${page} with ${who}`);
      assert.match(body, /This sign-in page has expired/, `${page} with ${who}`);
    }
  }

  // The victim's own browser still sees its page, and its sign-in is undisturbed.
  const own = await victim.browser.request(`${victim.base}/mfa-setup`);
  assert.ok(own.html.includes(victim.csrf));
  const codes = await victim.browser.submit(own, { code: await generate({ secret: victim.secret }) });
  assert.match(codes.url, /\/recovery-codes$/);
  // The recovery codes on that page reach no one else either.
  const shown = [...codes.html.matchAll(/\b[0-9a-z]{5}-[0-9a-z]{5}\b/g)].map((m) => m[0]);
  assert.equal(new Set(shown).size, 10);
  for (const [who, headers] of visitors) {
    const body = await (await fetch(`${victim.base}/recovery-codes`, { headers })).text();
    for (const code of shown) assert.ok(!body.includes(code), `recovery-codes with ${who} shows a code`);
  }
  const done = await victim.browser.submit(codes, {});
  assert.ok(done.url.startsWith(CALLBACK), done.url);
});

test("a form posted with the stolen CSRF token but without the interaction's cookie is refused", async () => {
  const victim = await signInToMfaSetup("dave@example.com");
  // Another browser with a sign-in of its own under way.
  const other = new TestBrowser(server.url);
  assert.match((await other.request(pkceAuthorizeRequest(server.url, { pool: MFA_POOL, clientId: "secure-web" }).url)).url, /\/login$/);
  for (const headers of [{}, { cookie: other.cookieHeader() }] as Record<string, string>[]) {
    const res = await fetch(`${victim.base}/mfa-setup`, {
      method: "POST", redirect: "manual",
      headers: { ...headers, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: victim.csrf, code: await generate({ secret: victim.secret }) }),
    });
    const body = await res.text();
    assert.equal(res.status, 400);
    assert.match(body, /This sign-in page has expired/);
    assertNothingLeaks(body, victim, "the refused form");
  }
  // The refused posts neither finished nor spoiled the real sign-in.
  const own: Page = await victim.browser.request(`${victim.base}/mfa-setup`);
  const codes = await victim.browser.submit(own, { code: await generate({ secret: victim.secret }) });
  assert.match(codes.url, /\/recovery-codes$/);
  const done = await victim.browser.submit(codes, {});
  assert.ok(done.url.startsWith(CALLBACK), done.url);
});
