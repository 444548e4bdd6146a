// Forgot password: a code by email, a new password, and signing in with it. User: forgetful.
// Asking for an account that does not exist looks the same and sends nothing.
import { test, expect, type Page } from "@playwright/test";
import {
  alertOf, expectCallback, hostedPage, latestCode, noticeOf, PASSWORD, POOL, readOutbox, redeemCode, startSignIn, submitLogin,
} from "./support.ts";

const NEW_PASSWORD = "Rem3mbered-now";

async function requestCode(page: Page, login: string) {
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "forgot-password"));
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(login);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "reset-password"));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
}

test("forgot password: a code by email, a new password, and sign-in with it", async ({ page }) => {
  const request = await startSignIn(page);
  const sentBefore = new Date();
  await requestCode(page, "forgetful@example.com");
  const code = await latestCode("forgetful@example.com", new Date(sentBefore.getTime() - 1000));

  // A wrong code is refused, and the new password is not applied.
  await page.getByLabel("Verification code").fill(code === "000000" ? "111111" : "000000");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(alertOf(page)).toHaveText("That code is not right. Check it and try again.");
  await expect(page.getByLabel("Verification code")).toHaveAttribute("aria-invalid", "true");

  // A new password that breaks the policy is refused before the code is spent.
  await page.getByLabel("Verification code").fill(code);
  await page.getByLabel("New password", { exact: true }).fill("weak");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(alertOf(page)).toContainText("Password does not meet the requirements");
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Verification code").fill(code);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "login"));
  await expect(noticeOf(page)).toHaveText("Your password has been changed. Sign in with your new password.");

  await submitLogin(page, { login: "forgetful@example.com", password: PASSWORD });
  await expect(alertOf(page)).toHaveText("Incorrect username or password.");

  await submitLogin(page, { login: "forgetful@example.com", password: NEW_PASSWORD });
  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe("forgetful@example.com");
});

test("forgot password for an unknown address looks the same and sends nothing", async ({ page }) => {
  await startSignIn(page);
  const nobody = "nobody-forgot@example.com";
  await requestCode(page, nobody);
  await expect(page.getByText("If an account matches, we sent a code to the email or phone number on the account.")).toBeVisible();
  expect(await readOutbox(nobody)).toEqual([]);

  // Whatever code is tried, the answer is the ordinary wrong-code one.
  await page.getByLabel("Verification code").fill("123456");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(alertOf(page)).toHaveText("That code is not right. Check it and try again.");
});

test("forgot password does not reveal whether an account exists: the reset page reads the same", async ({ page, browser }) => {
  const subtitle = () => page.getByRole("main").getByText(/we sent a code to/);
  await startSignIn(page);
  await requestCode(page, "forgetful@example.com");
  const known = await subtitle().innerText();

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await startSignIn(other);
    await requestCode(other, "nobody-compare@example.com");
    await expect(other.getByRole("main").getByText(/we sent a code to/)).toHaveText(known);
  } finally {
    await context.close();
  }
});

test("the reset page links back to ask for another code", async ({ page }) => {
  await startSignIn(page);
  await requestCode(page, "nobody-again@example.com");
  await page.getByRole("link", { name: "Send another" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "forgot-password"));
});
