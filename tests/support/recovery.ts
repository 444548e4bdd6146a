// What the recovery-code tests share: a pool with MFA ON whose client allows both the hosted UI
// and the Cognito API's password sign-in, and enrolling a user in TOTP through the hosted UI (the
// one place recovery codes are issued at enrolment), keeping the ten codes shown.
import assert from "node:assert/strict";
import { generate } from "otplib";
import { TestBrowser, flashOf, type Page } from "./browser.ts";
import { CALLBACK, LOGOUT, PASSWORD } from "./fixtures.ts";
import { pkceAuthorizeRequest } from "./oauth.ts";

export const RECOVERY_POOL = "local_Recover01";
export const RECOVERY_CLIENT = "rc-web";
export const RECOVERY_USERS = ["rita", "sam", "tess", "uma", "vic", "walt"] as const;

export function recoveryConfig() {
  return {
    pools: [{
      id: RECOVERY_POOL, name: "Recovery Co", signInAliases: ["email"], autoVerifiedAttributes: ["email"], mfa: "ON",
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
      clients: [{
        clientId: RECOVERY_CLIENT, name: "Recovery web", callbackUrls: [CALLBACK], logoutUrls: [LOGOUT], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"],
        explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }],
      users: RECOVERY_USERS.map((name) => ({ username: name, password: PASSWORD, attributes: { email: `${name}@example.com`, email_verified: "true" } })),
    }],
  };
}

export const atCallback = (page: Page) => page.url.startsWith(CALLBACK) && new URL(page.url).searchParams.has("code");

/** Opens the hosted sign-in of the recovery pool and signs in with the password. */
export async function passwordStep(base: string, email: string): Promise<{ browser: TestBrowser; page: Page }> {
  const browser = new TestBrowser(base);
  const login = await browser.request(pkceAuthorizeRequest(base, { pool: RECOVERY_POOL, clientId: RECOVERY_CLIENT }).url);
  assert.match(login.url, /\/login$/);
  return { browser, page: await browser.submit(login, { login: email, password: PASSWORD }) };
}

/** The codes a recovery-codes page shows. */
export function codesOn(page: Page): string[] {
  const list = /data-testid="recovery-codes"[^>]*>([\s\S]*?)<\/ul>/.exec(page.html)?.[1] ?? "";
  return [...list.matchAll(/<li[^>]*>([^<]+)<\/li>/g)].map((m) => m[1]!.trim());
}

/** First sign-in of `email`: TOTP set-up, the page of recovery codes, "Continue" to the app. */
export async function enrol(base: string, email: string): Promise<{ secret: string; codes: string[] }> {
  const { browser, page } = await passwordStep(base, email);
  assert.match(page.url, /\/mfa-setup$/);
  const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(page.html)![1]!.replace(/\s+/g, "");
  const shown = await browser.submit(page, { code: await generate({ secret }) });
  assert.match(shown.url, /\/recovery-codes$/, flashOf(shown) ?? shown.url);
  const codes = codesOn(shown);
  const done = await browser.submit(shown, {});
  assert.ok(atCallback(done), flashOf(done) ?? done.url);
  return { secret, codes };
}
