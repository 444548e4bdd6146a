// Passkeys in Chromium with the DevTools virtual authenticator (a platform authenticator with
// resident keys and user verification, as a phone or laptop has): a password sign-in is offered
// to add a passkey, and once added, the passkey alone signs in and reaches the app's callback.
// Users: pia (the passkey), pete (email code, and "Not now").
import { test, expect, type Page } from "@playwright/test";
import { alertOf, authorizeUrl, CALLBACK, expectCallback, hostedPage, latestCode, PASSWORD, redeemCode, startSignIn, type SignInRequest } from "./support.ts";
import { PASSKEY_POOL } from "../tests/support/fixtures.ts";

const APP = { pool: PASSKEY_POOL, clientId: "passkey-web" };

async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

/**
 * The code the app's callback receives, read from the request itself: with a DevTools session of
 * its own on the page, Chromium sends that navigation past Playwright's route (nothing listens there).
 */
async function callbackCode(page: Page, request: SignInRequest, action: () => Promise<void>): Promise<string> {
  const arrived = page.waitForRequest((r) => r.url().startsWith(`${CALLBACK}?`));
  await action();
  const callback = await arrived;
  // Let that navigation end (answered or refused) before the test navigates again.
  await callback.response().catch(() => null);
  await page.waitForLoadState("load").catch(() => {});
  const url = new URL(callback.url());
  expect(url.searchParams.get("state")).toBe(request.state);
  return url.searchParams.get("code")!;
}

async function passwordSignIn(page: Page, email: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("register a passkey after a password sign-in, sign out, and sign in with the passkey alone", async ({ page }) => {
  const authenticator = await virtualAuthenticator(page);
  const first = await startSignIn(page, APP);
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("autocomplete", "username webauthn");
  await passwordSignIn(page, "pia@example.com");

  await expect(page).toHaveURL(hostedPage(PASSKEY_POOL, "add-passkey"));
  await expect(page.getByRole("heading", { name: "Sign in faster next time" })).toBeVisible();
  const claims = await redeemCode(first, await callbackCode(page, first, () => page.getByRole("button", { name: "Add a passkey" }).click()));
  expect(claims.email).toBe("pia@example.com");
  const saved = await authenticator.credentials();
  expect(saved).toHaveLength(1);
  expect(saved[0]!.isResidentCredential).toBe(true);
  expect(saved[0]!.rpId).toBe("localhost");

  // Signed out: the browser forgets its session with Gatehouse; the passkey stays on the device.
  // The sign-in page asks for passkeys in the username field's autofill (conditional UI): picking
  // the passkey there signs in, no name or password typed.
  await page.context().clearCookies();
  const second = authorizeUrl(APP);
  // The autofill request can finish (and leave for the callback) before the page's own load does, which
  // Chromium reports as an interrupted navigation: the callback's arrival is what callbackCode checks.
  const again = await redeemCode(second, await callbackCode(page, second, () => page.goto(second.url, { waitUntil: "commit" }).then(() => undefined, () => undefined)));
  expect(again.email).toBe("pia@example.com");
  expect(again.sub).toBe(claims.sub);
  const used = (await authenticator.credentials())[0]!;
  expect(used.signCount).toBeGreaterThan(saved[0]!.signCount);

  // And with the button, in a browser that has no passkey autofill (as some do not).
  await page.context().clearCookies();
  await page.addInitScript(() => Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false }));
  const third = await startSignIn(page, APP);
  const code = await callbackCode(page, third, () => page.getByRole("button", { name: "Sign in with a passkey" }).click());
  expect((await redeemCode(third, code)).sub).toBe(claims.sub);
});

test("an email code signs in without a password, and Not now skips the passkey offer", async ({ page }) => {
  const request = await startSignIn(page, APP);
  const since = new Date();
  await page.getByLabel("Email", { exact: true }).fill("pete@example.com");
  await page.getByRole("button", { name: "Email me a sign-in code" }).click();
  await expect(page).toHaveURL(hostedPage(PASSKEY_POOL, "email-code"));
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("We sent a sign-in code to p***@e***")).toBeVisible();
  await page.getByLabel("Sign-in code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alertOf(page)).toBeVisible();
  await page.getByLabel("Sign-in code").fill(await latestCode("pete@example.com", since));
  await page.getByRole("button", { name: "Sign in" }).click();
  // A code is not a password: no offer, straight back to the app.
  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe("pete@example.com");

  await page.context().clearCookies();
  const second = await startSignIn(page, APP);
  await passwordSignIn(page, "pete@example.com");
  await expect(page).toHaveURL(hostedPage(PASSKEY_POOL, "add-passkey"));
  await page.getByRole("button", { name: "Not now" }).click();
  expect((await redeemCode(second, await expectCallback(page, second))).email).toBe("pete@example.com");
});
