// The hosted sign-in flows over HTTP, as a browser without JavaScript would drive them: each
// security rule of the foundation has a test named for it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import { startServer, type RunningServer } from "./support/server.ts";
import { TestBrowser, flashOf, type Page } from "./support/browser.ts";
import { CALLBACK, MFA_POOL, PASSWORD, POOL, USERNAME_POOL, testConfig } from "./support/fixtures.ts";
import { pkceAuthorizeRequest, readOutbox } from "./support/oauth.ts";
import { latestCode } from "./support/codes.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: testConfig() });
});
after(async () => {
  await server?.stop();
});

async function openLogin(poolId = POOL, clientId = "web", browser = new TestBrowser(server.url)) {
  const page = await browser.request(pkceAuthorizeRequest(server.url, { pool: poolId, clientId }).url);
  assert.match(page.url, /\/login$/);
  return { browser, page };
}


const atCallback = (page: Page) => page.url.startsWith(CALLBACK) && new URL(page.url).searchParams.has("code");

describe("sign-up", () => {
  test("sign up, confirm with the emailed code, and arrive at the client with a code", async () => {
    const email = `new-${Date.now()}@example.com`;
    const { browser, page } = await openLogin();
    const signup = await browser.request(page.url.replace(/\/login$/, "/signup"));
    assert.match(signup.html, /Create your account/);
    let next = await browser.submit(signup, { email, password: "Sunny-Day-42" });
    assert.match(next.url, /\/confirm$/);
    assert.match(next.html, /n\*\*\*@e\*\*\*/, "tells where the code went, masked");
    next = await browser.submit(next, { intent: "confirm", code: "000000" === (await latestCode(server.url, email)) ? "111111" : "000000" });
    assert.equal(flashOf(next), "That code is not right. Check it and try again.");
    next = await browser.submit(next, { intent: "confirm", code: await latestCode(server.url, email) });
    assert.ok(atCallback(next), `ended at ${next.url}: ${flashOf(next)}`);
  });

  test("the password policy is enforced on the server", async () => {
    const { browser, page } = await openLogin();
    const signup = await browser.request(page.url.replace(/\/login$/, "/signup"));
    const next = await browser.submit(signup, { email: `weak-${Date.now()}@example.com`, password: "short" });
    assert.match(next.url, /\/signup$/);
    assert.match(flashOf(next)!, /at least 8 characters/);
    assert.match(next.html, /value="weak-/, "the email is kept, the password is not");
  });

  test("an email that already has an account is not revealed: sign-up carries on to confirmation", async () => {
    const { browser, page } = await openLogin();
    const signup = await browser.request(page.url.replace(/\/login$/, "/signup"));
    const next = await browser.submit(signup, { email: "alice@example.com", password: "Sunny-Day-42" });
    assert.match(next.url, /\/confirm$/);
    assert.match(next.html, /a\*\*\*@e\*\*\*/);
    assert.equal(flashOf(next), null);
  });

  test("malformed sign-up input gets a clear error and creates nothing", async () => {
    const { browser, page } = await openLogin();
    const signup = await browser.request(page.url.replace(/\/login$/, "/signup"));
    const next = await browser.submit(signup, { email: "not-an-email", password: "Sunny-Day-42" });
    assert.equal(flashOf(next), "Enter a valid email address.");
    const again = await browser.submit(next, { email: "fine@example.com", password: "Sunny-Day-42", "custom:unknown": "x" });
    assert.match(flashOf(again)!, /custom:unknown is not defined/);
    assert.deepEqual(await readOutbox(server.url, "fine@example.com"), [], "no code was sent: no user was made");
  });

  test("a user with an unconfirmed account is sent to confirmation when signing in", async () => {
    const email = `later-${Date.now()}@example.com`;
    const first = await openLogin();
    const signup = await first.browser.request(first.page.url.replace(/\/login$/, "/signup"));
    await first.browser.submit(signup, { email, password: "Sunny-Day-42" });
    const { browser, page } = await openLogin();
    const next = await browser.submit(page, { login: email, password: "Sunny-Day-42" });
    assert.match(next.url, /\/confirm$/);
    const done = await browser.submit(next, { intent: "confirm", code: await latestCode(server.url, email) });
    assert.ok(atCallback(done));
  });
});

describe("sign-in rules", () => {
  test("an unknown user and a wrong password get the same message", async () => {
    const { browser, page } = await openLogin();
    const unknown = await browser.submit(page, { login: "nobody@example.com", password: "Wrong-pass-1" });
    const wrong = await browser.submit(unknown, { login: "alice@example.com", password: "Wrong-pass-1" });
    assert.equal(flashOf(unknown), "Incorrect username or password.");
    assert.equal(flashOf(wrong), "Incorrect username or password.");
  });

  test("a disabled user cannot sign in", async () => {
    const { browser, page } = await openLogin();
    const next = await browser.submit(page, { login: "disabled@example.com", password: PASSWORD });
    assert.match(flashOf(next)!, /disabled/);
    assert.match(next.url, /\/login$/);
  });

  test("lockout: after 5 failed attempts even the right password is refused", async () => {
    const { browser, page } = await openLogin();
    let next = page;
    for (let i = 1; i <= 5; i++) next = await browser.submit(next, { login: "locked@example.com", password: `Wrong-${i}-Pass` });
    assert.match(flashOf(next)!, /Password attempts exceeded/);
    next = await browser.submit(next, { login: "locked@example.com", password: PASSWORD });
    assert.match(flashOf(next)!, /Password attempts exceeded/);
  });

  test("every form needs its CSRF token", async () => {
    const { page } = await openLogin();
    const res = await fetch(page.url, {
      method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login: "alice@example.com", password: PASSWORD }),
    });
    assert.notEqual(res.status, 303);
    assert.ok(res.status >= 400);
  });

  test("a form posted from another site is refused", async () => {
    const { browser, page } = await openLogin();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)![1]!;
    void browser;
    const res = await fetch(page.url, {
      method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ csrf, login: "alice@example.com", password: PASSWORD }),
    });
    assert.equal(res.status, 403);
  });

  test("hosted pages are served with security headers", async () => {
    const { page } = await openLogin();
    const res = await fetch(page.url);
    assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("referrer-policy"), "same-origin");
  });

  test("a pool with usernames accepts the username or the verified email", async () => {
    for (const login of ["carol", "CAROL", "carol@example.com"]) {
      const { browser, page } = await openLogin(USERNAME_POOL, "names-web");
      const next = await browser.submit(page, { login, password: PASSWORD });
      assert.ok(atCallback(next), `${login}: ${flashOf(next)}`);
    }
  });
});

describe("passwords", () => {
  test("forgot password: a code by email, then a new password that signs in", async () => {
    const { browser, page } = await openLogin();
    const forgot = await browser.request(page.url.replace(/\/login$/, "/forgot-password"));
    let next = await browser.submit(forgot, { login: "forgetful@example.com" });
    assert.match(next.url, /\/reset-password$/);
    next = await browser.submit(next, { code: await latestCode(server.url, "forgetful@example.com"), password: "Brand-New-Pass-9" });
    assert.match(next.url, /\/login$/);
    assert.match(flashOf(next)!, /password has been changed/);
    next = await browser.submit(next, { login: "forgetful@example.com", password: "Brand-New-Pass-9" });
    assert.ok(atCallback(next));
  });

  test("a user imported without a password sets one through forgot password, then signs in", async () => {
    const { browser, page } = await openLogin(USERNAME_POOL, "names-web");
    const refused = await browser.submit(page, { login: "dave", password: "Any-Guess-123" });
    assert.equal(flashOf(refused), "Incorrect username or password.");
    const forgot = await browser.request(page.url.replace(/\/login$/, "/forgot-password"));
    let next = await browser.submit(forgot, { login: "dave" });
    assert.match(next.url, /\/reset-password$/);
    next = await browser.submit(next, { code: await latestCode(server.url, "dave@example.com"), password: "Dave-Chose-This-1" });
    assert.match(flashOf(next)!, /password has been changed/);
    next = await browser.submit(next, { login: "dave", password: "Dave-Chose-This-1" });
    assert.ok(atCallback(next), flashOf(next) ?? next.url);
  });

  test("forgot password does not reveal whether an account exists", async () => {
    const { browser, page } = await openLogin();
    const forgot = await browser.request(page.url.replace(/\/login$/, "/forgot-password"));
    const next = await browser.submit(forgot, { login: "ghost@example.com" });
    assert.match(next.url, /\/reset-password$/);
    const after = await browser.submit(next, { code: "123456", password: "Brand-New-Pass-9" });
    assert.equal(flashOf(after), "That code is not right. Check it and try again.");
  });

  test("a temporary password must be replaced before signing in", async () => {
    const { browser, page } = await openLogin();
    let next = await browser.submit(page, { login: "temp@example.com", password: "Temp0rary!" });
    assert.match(next.url, /\/new-password$/);
    next = await browser.submit(next, { password: "Chosen-Pass-7", confirmPassword: "Different-7" });
    assert.equal(flashOf(next), "The passwords do not match.");
    next = await browser.submit(next, { password: "Chosen-Pass-7", confirmPassword: "Chosen-Pass-7" });
    assert.ok(atCallback(next), flashOf(next) ?? next.url);
  });
});

describe("TOTP", () => {
  test("MFA ON: set up TOTP at first sign-in, then a code is needed, and a used code cannot be replayed", async () => {
    const { browser, page } = await openLogin(MFA_POOL, "secure-web");
    let next = await browser.submit(page, { login: "bob@example.com", password: PASSWORD });
    assert.match(next.url, /\/mfa-setup$/);
    const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(next.html)![1]!.replace(/\s+/g, "");
    assert.match(next.html, /<img[^>]+src="data:image\/png;base64,/);
    const code = await generate({ secret });
    next = await browser.submit(next, { code });
    // The recovery codes issued with the enrolment, shown once; "Continue" finishes the sign-in.
    assert.match(next.url, /\/recovery-codes$/);
    next = await browser.submit(next, {});
    assert.ok(atCallback(next), flashOf(next) ?? next.url);

    // A new browser: password, then the TOTP challenge. The code just used is refused.
    const second = await openLogin(MFA_POOL, "secure-web");
    next = await second.browser.submit(second.page, { login: "bob@example.com", password: PASSWORD });
    assert.match(next.url, /\/mfa$/);
    next = await second.browser.submit(next, { code });
    assert.match(flashOf(next)!, /not right, or it was already used/);
    const nextStep = Math.floor(Date.now() / 30_000) + 1;
    const fresh = await generate({ secret, epoch: nextStep * 30 });
    next = await second.browser.submit(next, { code: fresh });
    assert.ok(atCallback(next), flashOf(next) ?? next.url);
  });
});

describe("lockout and account privacy across steps", () => {
  test("lockout: wrong TOTP codes count toward the user's lockout, even across new sign-ins", async () => {
    // dave sets up TOTP, then guesses codes in two separate sign-ins.
    const { browser, page } = await openLogin(MFA_POOL, "secure-web");
    let next = await browser.submit(page, { login: "dave@example.com", password: PASSWORD });
    const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(next.html)![1]!.replace(/\s+/g, "");
    next = await browser.submit(next, { code: await generate({ secret }) });
    assert.match(next.url, /\/recovery-codes$/);
    next = await browser.submit(next, {});
    assert.ok(atCallback(next), flashOf(next) ?? next.url);

    const guess = async (times: number) => {
      const fresh = await openLogin(MFA_POOL, "secure-web");
      let at = await fresh.browser.submit(fresh.page, { login: "dave@example.com", password: PASSWORD });
      assert.match(at.url, /\/mfa$/);
      for (let i = 0; i < times; i++) at = await fresh.browser.submit(at, { code: "000000" });
      return { at, browser: fresh.browser };
    };
    const first = await guess(3);
    assert.match(flashOf(first.at)!, /not right/);
    const second = await guess(2);
    assert.match(flashOf(second.at)!, /Too many wrong codes/);
    // Locked: even the right code is refused now.
    const right = await second.browser.submit(second.at, { code: await generate({ secret, epoch: (Math.floor(Date.now() / 30_000) + 1) * 30 }) });
    assert.match(flashOf(right)!, /Too many wrong codes/);
  });

  test("forgot password: wrong codes for an unknown account get the same answers as for a real one", async () => {
    const answers = async (login: string) => {
      const { browser, page } = await openLogin();
      const forgot = await browser.request(page.url.replace(/\/login$/, "/forgot-password"));
      let next = await browser.submit(forgot, { login });
      assert.match(next.html, /the email or phone number on the account/, "the page never names the account's address");
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        next = await browser.submit(next, { code: "000000", password: "Brand-New-Pass-9" });
        seen.push(flashOf(next)!);
      }
      return seen;
    };
    const real = await answers("forgetful@example.com");
    const ghost = await answers("ghost-2@example.com");
    assert.deepEqual(ghost, real);
    assert.match(real[4]!, /Too many wrong codes/);
  });
});

describe("configuration", () => {
  test("a config file with an unknown key stops start-up with a message naming it", async () => {
    const config = testConfig();
    (config.pools[0] as Record<string, unknown>).colour = "blue";
    await assert.rejects(startServer({ config }), /pools\.0: Unrecognized key: "colour"|colour/);
  });

  test("a bad environment variable stops start-up with a message naming it", async () => {
    await assert.rejects(startServer({ env: { PUBLIC_URL: "not a url" } }), /PUBLIC_URL/);
  });
});
