// Second factors by code in the hosted UI: a pool that requires MFA uses a verified email or phone
// without set-up. erin (email only) gets an email code at once, asks for a new one, and signs in;
// cole (phone and email) chooses between them and signs in with the text message.
import { test, expect } from "@playwright/test";
import { alertOf, expectCallback, hostedPage, latestCode, noticeOf, PASSWORD, redeemCode, startSignIn, submitLogin } from "./support.ts";
import { CODES_CLIENT, CODES_POOL } from "./mfa-codes-pool.ts";

const CODES = { pool: CODES_POOL, clientId: CODES_CLIENT };

test("sign in with a code sent by email, after asking for a new one", async ({ page }) => {
  const request = await startSignIn(page, CODES);
  const before = new Date();
  await submitLogin(page, { login: "erin@example.com", password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(CODES_POOL, "mfa-code"));
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("We sent a 6-digit sign-in code to e***@e***.")).toBeVisible();
  const first = await latestCode("erin@example.com", before);

  // A wrong code is refused, with the field marked.
  await page.getByLabel("Sign-in code").fill(first === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(alertOf(page)).toHaveText("That code is not right. Check it and try again, or send a new code.");
  await expect(page.getByLabel("Sign-in code")).toHaveAttribute("aria-invalid", "true");

  const resentAt = new Date();
  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(noticeOf(page)).toHaveText("We sent you a new code.");
  const second = await latestCode("erin@example.com", resentAt);
  await page.getByLabel("Sign-in code").fill(second);
  await page.getByRole("button", { name: "Verify" }).click();
  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe("erin@example.com");
});

test("choose between a text message and an email, then sign in with the text message", async ({ page }) => {
  const request = await startSignIn(page, CODES);
  await submitLogin(page, { login: "cole@example.com", password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(CODES_POOL, "mfa-select"));
  await expect(page.getByRole("heading", { name: "Verify it's you" })).toBeVisible();
  const text = page.getByRole("radio", { name: "Text message" });
  const email = page.getByRole("radio", { name: "Email" });
  await expect(text).toBeChecked();
  await expect(page.getByText("We'll text a code to +*******0001")).toBeVisible();
  await expect(page.getByText("We'll email a code to c***@e***")).toBeVisible();
  await email.check();
  await text.check();
  const before = new Date();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(hostedPage(CODES_POOL, "mfa-code"));
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  await expect(page.getByText("We sent a 6-digit sign-in code to +*******0001.")).toBeVisible();
  await page.getByLabel("Sign-in code").fill(await latestCode("+15550300001", before));
  await page.getByRole("button", { name: "Verify" }).click();
  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe("cole@example.com");
});
