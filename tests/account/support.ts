// The account page's tests: a server with two pools, signing in to the account page through the
// pool's hosted UI as a browser does, and posting the page's forms.
import assert from "node:assert/strict";
import { TestBrowser, flashOf, type Page } from "../support/browser.ts";

export const ACCOUNT_POOL = "local_Account01";
export const OTHER_POOL = "local_Account02";
/** The pool of the security sections: SMS and email codes beside the authenticator, passkeys, remembered devices. */
export const SECURITY_POOL = "local_Account03";
export const PASSWORD = "Passw0rd!";
export const NEW_PASSWORD = "Brand-new-Passw0rd";
const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };

const user = (name: string, extra: Record<string, string> = {}) => ({
  username: name, password: PASSWORD, attributes: { email: `${name}@example.com`, email_verified: "true", ...extra },
});

/** A pool with every second factor, passkeys and remembered devices (its users have a verified phone too). */
export function securityPoolConfig(usernames: string[]) {
  return {
    id: SECURITY_POOL,
    name: "Acme Secure",
    signInAliases: ["email"],
    autoVerifiedAttributes: ["email"],
    mfa: "OPTIONAL",
    mfaMethods: ["TOTP", "SMS", "EMAIL"],
    signInMethods: ["PASSWORD", "PASSKEY"],
    deviceTracking: "USER_OPT_IN",
    skipMfaOnRememberedDevices: true,
    passwordPolicy: policy,
    users: usernames.map((name, i) => user(name, { phone_number: `+1555010${String(i).padStart(4, "0")}`, phone_number_verified: "true" })),
  };
}

/** One pool whose users manage their accounts, and a second pool for cross-pool checks (and the security pool's users, when named). */
export function accountConfig(usernames: string[], securityUsers: string[] = []) {
  return {
    pools: [
      {
        id: ACCOUNT_POOL,
        name: "Acme Accounts",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        mfa: "OPTIONAL",
        mfaMethods: ["TOTP"],
        passwordPolicy: policy,
        customAttributes: [{ name: "team", type: "String", mutable: true }, { name: "origin", type: "String", mutable: false }],
        clients: [{ clientId: "accounts-web", name: "Acme web", callbackUrls: ["http://localhost:4000/callback"], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "aws.cognito.signin.user.admin"],
          explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
        users: usernames.map((name) => user(name, { given_name: name[0]!.toUpperCase() + name.slice(1) })),
      },
      {
        id: OTHER_POOL,
        name: "Other Co",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        passwordPolicy: policy,
        users: [user("other")],
      },
      ...(securityUsers.length ? [securityPoolConfig(securityUsers)] : []),
    ],
  };
}

export const accountUrl = (base: string, pool = ACCOUNT_POOL) => `${base}/${pool}/account`;

/** Opens the account page signed out: the browser lands on the pool's hosted sign-in. */
export async function openAccountSignIn(base: string, pool = ACCOUNT_POOL, browser = new TestBrowser(base)) {
  const login = await browser.request(accountUrl(base, pool));
  assert.match(login.url, new RegExp(`/${pool}/interaction/[\\w-]+/login$`), `landed on ${login.url}`);
  return { browser, login };
}

/** Signs in to the account page through the pool's hosted UI; returns the account page. */
export async function signInToAccount(base: string, options: { email: string; password?: string; pool?: string; browser?: TestBrowser }) {
  const pool = options.pool ?? ACCOUNT_POOL;
  const { browser, login } = await openAccountSignIn(base, pool, options.browser);
  let page = await submitPassword(browser, login, pool, options.email, options.password ?? PASSWORD);
  // In a pool with passkeys, a user without one is first offered to add one.
  if (page.url.endsWith("/add-passkey")) page = await notNow(browser, page);
  assert.equal(page.url, accountUrl(base, pool), `ended at ${page.url}: ${flashOf(page)}`);
  assert.match(page.html, /Your account/);
  return { browser, page };
}

export function csrfOf(page: Page): string {
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
  assert.ok(csrf, "the page has a CSRF token");
  return csrf;
}

/** Posts one of the page's forms (its CSRF token included) and follows to where it leads. */
export async function post(browser: TestBrowser, page: Page, action: string, fields: Record<string, string> = {}, pool = ACCOUNT_POOL) {
  const base = new URL(page.url).origin;
  return browser.request(`${accountUrl(base, pool)}/${action}`, { method: "POST", body: new URLSearchParams({ csrf: csrfOf(page), ...fields }) });
}

/** The same post, answered raw (no redirects followed): for refusals. */
export async function postRaw(base: string, options: { cookie: string; action: string; fields: Record<string, string>; pool?: string; origin?: string }) {
  return fetch(`${accountUrl(base, options.pool)}/${options.action}`, {
    method: "POST", redirect: "manual",
    headers: { cookie: options.cookie, "content-type": "application/x-www-form-urlencoded", origin: options.origin ?? base },
    body: new URLSearchParams(options.fields),
  });
}

/** Loads the account page with a cookie header as it is: 200 while the session lives, else a redirect to sign in. */
export async function accountStatus(base: string, cookie: string, pool = ACCOUNT_POOL): Promise<{ status: number; location: string | null }> {
  const response = await fetch(accountUrl(base, pool), { headers: { cookie }, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location") };
}

export function assertSignedIn(result: { status: number }) {
  assert.equal(result.status, 200, "the account page opens");
}

export function assertSignedOut(result: { status: number; location: string | null }) {
  assert.equal(result.status, 307, "the account page sends the browser to sign in");
  assert.match(result.location ?? "", /\/account\/sign-in$/);
}

export { flashOf };

/** The pool's logout page confirms itself with a script; a browser without scripts submits its form. */
export async function confirmLogout(browser: TestBrowser, page: Page): Promise<Page> {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1]?.replace(/&amp;/g, "&");
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)?.[1];
  assert.ok(action && xsrf, `no logout form on ${page.url}: ${page.html.slice(0, 300)}`);
  return browser.request(new URL(action, page.url).toString(), { method: "POST", body: new URLSearchParams({ xsrf, logout: "yes" }) });
}

/** The sign-in page's password form (in a pool with passkeys, the page holds the passkey form first). */
export async function submitPassword(browser: TestBrowser, login: Page, pool: string, email: string, password = PASSWORD): Promise<Page> {
  if (pool !== SECURITY_POOL) return browser.submit(login, { login: email, password });
  const action = /<form[^>]*action="([^"]+\/login)"/.exec(login.html)?.[1]?.replace(/&amp;/g, "&");
  assert.ok(action, `no password form on ${login.url}`);
  return browser.request(action, { method: "POST", body: new URLSearchParams({ csrf: csrfOf(login), login: email, password, intent: "password" }) });
}

/** The add-passkey offer after sign-in, declined as a browser without scripts does. */
export async function notNow(browser: TestBrowser, page: Page): Promise<Page> {
  return browser.submit(page, { intent: "skip" });
}
