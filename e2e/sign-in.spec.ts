// Signing in on the hosted page: success back to the client, and each way a password sign-in is
// refused. Users: alice (success, wrong password), locked (lockout), disabled; carol in the
// username pool.
import { test, expect } from "@playwright/test";
import { alertOf, expectCallback, hostedPage, PASSWORD, POOL, redeemCode, startSignIn, submitLogin, USERNAME_POOL } from "./support.ts";

const WRONG = "Incorrect username or password.";

test("a user with the right password arrives at the client's callback with a code", async ({ page }) => {
  const request = await startSignIn(page);
  await expect(page).toHaveTitle(/Sign in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("to continue to Acme web")).toBeVisible();

  await submitLogin(page, { login: "alice@example.com", password: PASSWORD });

  const code = await expectCallback(page, request);
  const claims = await redeemCode(request, code);
  expect(claims.email).toBe("alice@example.com");
});

test("a wrong password is refused and the sign-in name is kept", async ({ page }) => {
  await startSignIn(page);
  await submitLogin(page, { login: "alice@example.com", password: "Wrong-passw0rd" });

  await expect(page).toHaveURL(hostedPage(POOL, "login"));
  await expect(alertOf(page)).toHaveText(WRONG);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("alice@example.com");
  // The password is never echoed back. It takes focus, and a screen reader reads the error with it
  // (an alert already on a freshly loaded page is not announced by itself).
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveValue("");
  await expect(password).toBeFocused();
  await expect(password).toHaveAccessibleDescription(WRONG);
});

test("an unknown user gets the same message as a wrong password", async ({ page }) => {
  await startSignIn(page);
  await submitLogin(page, { login: "nobody-here@example.com", password: PASSWORD });

  await expect(page).toHaveURL(hostedPage(POOL, "login"));
  await expect(alertOf(page)).toHaveText(WRONG);
});

test("lockout: after 5 wrong passwords even the right password is refused", async ({ page }) => {
  await startSignIn(page);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitLogin(page, { login: "locked@example.com", password: `Wrong-${attempt}` });
    await expect(alertOf(page)).toHaveText(WRONG);
  }
  await submitLogin(page, { login: "locked@example.com", password: "Wrong-5" });
  await expect(alertOf(page)).toContainText("Password attempts exceeded");

  await submitLogin(page, { login: "locked@example.com", password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(POOL, "login"));
  await expect(alertOf(page)).toContainText("Password attempts exceeded");
});

test("a disabled user with the right password is told the account is disabled", async ({ page }) => {
  await startSignIn(page);
  await submitLogin(page, { login: "disabled@example.com", password: PASSWORD });

  await expect(page).toHaveURL(hostedPage(POOL, "login"));
  await expect(alertOf(page)).toContainText("This account is disabled");
});

test("a pool with usernames labels the field for both and accepts the username", async ({ page }) => {
  const request = await startSignIn(page, { pool: USERNAME_POOL, clientId: "names-web" });
  await submitLogin(page, { label: "Username or email", login: "carol", password: PASSWORD });

  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe("carol@example.com");
});
