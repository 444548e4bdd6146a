// Self sign-up on the hosted page: the live password requirements, the server's own policy check,
// confirmation by the emailed code, and a new code when the first one is lost. Every test signs up
// a fresh address.
import { test, expect } from "@playwright/test";
import {
  alertOf, expectCallback, hostedPage, latestCode, noticeOf, PASSWORD, POOL, readOutbox, redeemCode, startSignIn, submitSignUp, uniqueEmail,
} from "./support.ts";
import type { Page } from "@playwright/test";

async function openSignUp(page: Page) {
  const request = await startSignIn(page);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  return request;
}

// The label may carry a hint such as "(optional)"; the field is the one named Email.
const emailField = (page: Page) => page.getByRole("textbox", { name: /^Email/ });

test("sign up, confirm with the emailed code, and arrive at the client's callback", async ({ page }) => {
  const request = await openSignUp(page);
  const email = uniqueEmail("signup");
  await submitSignUp(page, { email, password: PASSWORD });

  await expect(page).toHaveURL(hostedPage(POOL, "confirm"));
  await expect(page.getByRole("heading", { name: "Confirm your account" })).toBeVisible();
  // The address is shown masked.
  await expect(page.getByText(/We sent a code to s\*\*\*@e\*\*\*/)).toBeVisible();
  await page.getByLabel("Verification code").fill(await latestCode(email));
  await page.getByRole("button", { name: "Confirm account" }).click();

  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe(email);
  expect(claims.email_verified).toBe(true);
});

test("the password requirements are ticked off as the user types", async ({ page }) => {
  await openSignUp(page);
  const rules = page.getByRole("list", { name: "Password requirements" });
  const rule = (name: string) => rules.getByRole("listitem").filter({ hasText: name });
  await expect(rules.getByRole("listitem")).toHaveCount(4);
  for (const name of ["At least 8 characters", "A lowercase letter", "An uppercase letter", "A number"]) {
    await expect(rule(name)).toContainText("(not met yet)");
  }

  const password = page.getByLabel("Password", { exact: true });
  await password.fill("abc");
  await expect(rule("A lowercase letter")).toContainText("(met)");
  await expect(rule("An uppercase letter")).toContainText("(not met yet)");

  await password.fill("abcD1234");
  for (const name of ["At least 8 characters", "A lowercase letter", "An uppercase letter", "A number"]) {
    await expect(rule(name)).toContainText("(met)");
  }
});

test("the Show button reveals the password and hides it again", async ({ page }) => {
  await openSignUp(page);
  const password = page.getByLabel("Password", { exact: true });
  await password.fill("Secret-1");
  await expect(password).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show password" }).click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(page.getByRole("button", { name: "Hide password" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Hide password" }).click();
  await expect(password).toHaveAttribute("type", "password");
});

test("a password that breaks the policy is refused by the server, and the email is kept", async ({ page }) => {
  await openSignUp(page);
  const email = uniqueEmail("weak");
  await submitSignUp(page, { email, password: "short" });

  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  await expect(alertOf(page)).toContainText("Password does not meet the requirements");
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toBeFocused();
  await expect(emailField(page)).toHaveValue(email);
  expect(await readOutbox(email)).toEqual([]);
});

test("an email that already has an account is not revealed: sign-up carries on to confirmation", async ({ page }) => {
  await openSignUp(page);
  await submitSignUp(page, { email: "alice@example.com", password: PASSWORD });

  await expect(page).toHaveURL(hostedPage(POOL, "confirm"));
  await expect(page.getByText(/We sent a code to a\*\*\*@e\*\*\*/)).toBeVisible();
  await expect(alertOf(page)).toHaveCount(0);
  await expect.poll(async () => (await readOutbox("alice@example.com")).map((m) => m.subject)).toContain("Someone tried to sign up for Acme with your email address");
});

test("a wrong code is refused; a new code can be sent and the newest one confirms", async ({ page }) => {
  const request = await openSignUp(page);
  const email = uniqueEmail("resend");
  await submitSignUp(page, { email, password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(POOL, "confirm"));
  const first = await latestCode(email);

  const wrong = first === "000000" ? "111111" : "000000";
  await page.getByLabel("Verification code").fill(wrong);
  await page.getByRole("button", { name: "Confirm account" }).click();
  await expect(alertOf(page)).toHaveText("That code is not right. Check it and try again.");
  await expect(page.getByLabel("Verification code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Verification code")).toHaveValue("");

  const before = new Date((await readOutbox(email))[0]!.createdAt);
  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(noticeOf(page)).toHaveText("We sent you a new code.");
  const second = await latestCode(email, before);
  expect(await readOutbox(email)).toHaveLength(2);

  // A new code replaces the old one.
  if (second !== first) {
    await page.getByLabel("Verification code").fill(first);
    await page.getByRole("button", { name: "Confirm account" }).click();
    await expect(alertOf(page)).toContainText("That code is not right");
  }
  await page.getByLabel("Verification code").fill(second);
  await page.getByRole("button", { name: "Confirm account" }).click();
  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe(email);
});
