// TOTP in a pool with MFA ON: set-up at the first sign-in (QR code and key), then a code from the
// app at every later sign-in, where a code already used is refused. User: bob.
import { test, expect } from "@playwright/test";
import {
  alertOf, currentStep, expectCallback, hostedPage, MFA_POOL, PASSWORD, redeemCode, startSignIn, submitLogin, totpCode,
} from "./support.ts";

const MFA = { pool: MFA_POOL, clientId: "secure-web" };
const NOT_RIGHT = "That code is not right, or it was already used. Wait for a new code and try again.";

test("set up TOTP at the first sign-in, then sign in again with a fresh code from the app", async ({ page, browser }) => {
  const request = await startSignIn(page, MFA);
  await submitLogin(page, { login: "bob@example.com", password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(MFA_POOL, "mfa-setup"));
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code to add bob@example.com to an authenticator app" })).toBeVisible();
  const shown = page.getByTestId("totp-secret");
  // Base32, in groups of four for typing by hand.
  await expect(shown).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const secret = (await shown.innerText()).trim();

  // A wrong code keeps the same key on screen, so the app need not be set up again.
  await page.getByLabel("Code from your app").fill("000000");
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(alertOf(page)).toHaveText(NOT_RIGHT);
  await expect(page).toHaveURL(hostedPage(MFA_POOL, "mfa-setup"));
  await expect(page.getByTestId("totp-secret")).toHaveText(secret);

  const setupStep = currentStep();
  const setupCode = await totpCode(secret, setupStep);
  await page.getByLabel("Code from your app").fill(setupCode);
  await page.getByRole("button", { name: "Verify and continue" }).click();
  // The recovery codes issued with the enrolment (e2e/recovery-codes.spec.ts); "Continue" finishes.
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe("bob@example.com");

  // A second sign-in in a new browser: the password, then a code rather than set-up.
  const context = await browser.newContext();
  try {
    const again = await context.newPage();
    const second = await startSignIn(again, MFA);
    await submitLogin(again, { login: "bob@example.com", password: PASSWORD });
    await expect(again).toHaveURL(hostedPage(MFA_POOL, "mfa"));
    await expect(again.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();

    // The code used for set-up cannot be replayed.
    await again.getByLabel("Authentication code").fill(setupCode);
    await again.getByRole("button", { name: "Verify" }).click();
    await expect(alertOf(again)).toHaveText(NOT_RIGHT);
    await expect(again.getByLabel("Authentication code")).toHaveAttribute("aria-invalid", "true");

    // The app's next code (one step later; the server allows one step of clock drift).
    await again.getByLabel("Authentication code").fill(await totpCode(secret, setupStep + 1));
    await again.getByRole("button", { name: "Verify" }).click();
    const secondClaims = await redeemCode(second, await expectCallback(again, second));
    expect(secondClaims.email).toBe("bob@example.com");
  } finally {
    await context.close();
  }
});
