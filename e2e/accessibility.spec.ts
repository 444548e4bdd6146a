// Every hosted page, and the login page showing an error, scanned with axe at desktop and phone
// width: no serious or critical violations, and no sideways scrolling at 360px. Screenshots of
// each go to tmp/screens/ for a human to look at.
//
// Users: fresh sign-ups, unknown addresses, and temp (only to open the new-password page, which
// changes nothing; temporary-password.spec.ts, which runs after this file, then replaces it).
import { test, expect } from "@playwright/test";
import {
  alertOf, currentStep, expectCallback, gatehouseUrl, hostedPage, latestCode, MFA_POOL, PASSWORD, POOL, startSignIn, submitLogin, submitSignUp, totpCode,
  uniqueEmail, audit,
} from "./support.ts";
import { CODES_CLIENT, CODES_POOL } from "./mfa-codes-pool.ts";
import { ACCOUNT_POOL, SECURITY_POOL } from "../tests/account/support.ts";
import { PASSKEY_POOL } from "../tests/support/fixtures.ts";

test("login, login with an error, sign-up, forgot password and reset password", async ({ page }) => {
  await startSignIn(page);
  await audit(page, "login");

  await submitLogin(page, { login: "nobody-a11y@example.com", password: "Wrong-passw0rd" });
  await expect(alertOf(page)).toHaveText("Incorrect username or password.");
  await audit(page, "login-error");

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  // Some rules met and some not, so both looks of the list are scanned.
  await page.getByLabel("Password", { exact: true }).fill("abcd");
  await audit(page, "signup");

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "forgot-password"));
  await audit(page, "forgot-password");

  await page.getByLabel("Email", { exact: true }).fill("nobody-a11y@example.com");
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "reset-password"));
  await audit(page, "reset-password");
});

test("confirm sign-up", async ({ page }) => {
  await startSignIn(page);
  await page.getByRole("link", { name: "Create an account" }).click();
  await submitSignUp(page, { email: uniqueEmail("a11y-confirm"), password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(POOL, "confirm"));
  await audit(page, "confirm");

  await page.getByLabel("Verification code").fill("12");
  await page.getByRole("button", { name: "Confirm account" }).click();
  await expect(alertOf(page)).toBeVisible();
  await audit(page, "confirm-error");
});

test("new password for a temporary password", async ({ page }) => {
  await startSignIn(page);
  await submitLogin(page, { login: "temp@example.com", password: "Temp0rary!" });
  await expect(page, "temp@example.com must still have its temporary password (run this file before temporary-password.spec.ts)")
    .toHaveURL(hostedPage(POOL, "new-password"));
  await audit(page, "new-password");
});

test("TOTP set-up and the TOTP code page", async ({ page, browser }) => {
  const mfa = { pool: MFA_POOL, clientId: "secure-web" };
  const email = uniqueEmail("a11y-totp");
  const request = await startSignIn(page, mfa);
  await page.getByRole("link", { name: "Create an account" }).click();
  await submitSignUp(page, { email, password: PASSWORD });
  await page.getByLabel("Verification code").fill(await latestCode(email));
  await page.getByRole("button", { name: "Confirm account" }).click();
  await expect(page).toHaveURL(hostedPage(MFA_POOL, "mfa-setup"));
  await audit(page, "mfa-setup");

  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  const step = currentStep();
  await page.getByLabel("Code from your app").fill(await totpCode(secret, step));
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page).toHaveURL(hostedPage(MFA_POOL, "recovery-codes"));
  await audit(page, "recovery-codes");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectCallback(page, request);

  const context = await browser.newContext();
  try {
    const again = await context.newPage();
    await startSignIn(again, mfa);
    await submitLogin(again, { login: email, password: PASSWORD });
    await expect(again).toHaveURL(hostedPage(MFA_POOL, "mfa"));
    await audit(again, "mfa");

    await again.getByLabel("Authentication code").fill("000000");
    await again.getByRole("button", { name: "Verify" }).click();
    await expect(alertOf(again)).toBeVisible();
    await audit(again, "mfa-error");

    await again.getByRole("link", { name: "Use a recovery code instead" }).click();
    await expect(again).toHaveURL(hostedPage(MFA_POOL, "recovery-code"));
    await audit(again, "recovery-code");
  } finally {
    await context.close();
  }
});

test("SMS / email code pages and the choice of a second factor", async ({ page, browser }) => {
  const codes = { pool: CODES_POOL, clientId: CODES_CLIENT };
  await startSignIn(page, codes);
  await submitLogin(page, { login: "ally@example.com", password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(CODES_POOL, "mfa-select"));
  await audit(page, "mfa-select");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(hostedPage(CODES_POOL, "mfa-code"));
  await audit(page, "mfa-code-sms");
  await page.getByLabel("Sign-in code").fill("12");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(alertOf(page)).toBeVisible();
  await audit(page, "mfa-code-error");

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await startSignIn(other, codes);
    await submitLogin(other, { login: "ivy@example.com", password: PASSWORD });
    await expect(other).toHaveURL(hostedPage(CODES_POOL, "mfa-code"));
    await audit(other, "mfa-code-email");
  } finally {
    await context.close();
  }
});

test("pages the provider renders: a protocol error, and signing out to the signed-out page", async ({ page }) => {
  const authorize = new URL(`${gatehouseUrl()}/${POOL}/oauth2/authorize`);
  authorize.search = new URLSearchParams({ client_id: "web", redirect_uri: "https://unregistered.example/cb", response_type: "code", scope: "openid" }).toString();
  await page.goto(authorize.toString());
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await audit(page, "protocol-error");
  // The sign-out page submits itself; it ends on the signed-out page.
  await page.goto(`${gatehouseUrl()}/${POOL}/logout?client_id=web`);
  await expect(page).toHaveURL(new RegExp(`/${POOL}/logout/success$`));
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  await audit(page, "signed-out");
});

test("the account page, signed in: every section, an error, the authenticator set-up and the signed-out page", async ({ page }) => {
  await page.goto(`${gatehouseUrl()}/${ACCOUNT_POOL}/account`);
  await submitLogin(page, { login: "pia@example.com", password: PASSWORD });
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  // The folded forms open, so they are scanned too.
  for (const summary of ["More details", "Change email address", "Add a phone number", "Sign out everywhere"]) await page.locator("summary").filter({ hasText: summary }).click();
  await audit(page, "account");

  await page.getByRole("region", { name: "Email and phone" }).getByLabel("New email address").fill("pia.new@example.com");
  await page.getByRole("region", { name: "Email and phone" }).getByRole("button", { name: "Change email address" }).click();
  await expect(alertOf(page)).toHaveText("Enter your current password.");
  await audit(page, "account-error");

  await page.getByRole("region", { name: "Authenticator app" }).getByRole("button", { name: "Add authenticator app" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await audit(page, "account-authenticator-setup");

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  await audit(page, "account-signed-out");
});

test("the account page's security sections: sign-in codes, passkeys, recovery codes (new and shown), devices, each folded form open", async ({ page }) => {
  await page.goto(`${gatehouseUrl()}/${SECURITY_POOL}/account`);
  await submitLogin(page, { login: "xia@example.com", password: PASSWORD });
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await page.getByRole("region", { name: "Sign-in codes" }).getByRole("button", { name: "Turn on email codes" }).click();
  await page.getByRole("region", { name: "Sign-in codes" }).getByRole("button", { name: "Turn on text message codes" }).click();
  for (const summary of ["Turn off email codes", "Turn off text message codes", "Get recovery codes"]) await page.locator("summary").filter({ hasText: summary }).click();
  await audit(page, "account-security");

  const recovery = page.getByRole("region", { name: "Recovery codes" });
  await recovery.getByRole("button", { name: "Create recovery codes" }).click();
  await expect(alertOf(page)).toHaveText("Enter your current password.");
  await audit(page, "account-security-error");
  await page.getByRole("region", { name: "Recovery codes" }).getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("region", { name: "Recovery codes" }).getByRole("button", { name: "Create recovery codes" }).click();
  await expect(page.getByTestId("recovery-codes")).toBeVisible();
  await audit(page, "account-security-codes");
});

test("choice-based sign-in: the sign-in page with passkey and code, the code page, a refused passkey, the offer to add one", async ({ page }) => {
  const app = { pool: PASSKEY_POOL, clientId: "passkey-web" };
  await startSignIn(page, app);
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
  await audit(page, "passkey-login");

  await page.getByLabel("Email", { exact: true }).fill("paula@example.com");
  await page.getByRole("button", { name: "Email me a sign-in code" }).click();
  await expect(page).toHaveURL(hostedPage(PASSKEY_POOL, "email-code"));
  await audit(page, "email-code");
  await page.getByLabel("Sign-in code").fill("12");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alertOf(page)).toBeVisible();
  await audit(page, "email-code-error");

  // A passkey answer the server refuses (here, not a credential at all) lands on the passkey page.
  // (After the page's own autofill request, which would otherwise restart the flow behind this one.)
  const autofill = page.waitForResponse((r) => r.url().endsWith("/passkey-options"));
  await page.getByRole("link", { name: "Go back and send another" }).click();
  await autofill;
  await page.evaluate(async () => {
    const csrf = (document.querySelector("input[name=csrf]") as HTMLInputElement).value;
    const base = location.href.replace(/\/login$/, "");
    const opened = await fetch(`${base}/passkey-options`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrf }) });
    if (!opened.ok) throw new Error(`passkey-options answered ${opened.status}`);
    const form = document.createElement("form");
    form.method = "post";
    form.action = `${base}/passkey`;
    for (const [name, value] of [["csrf", csrf], ["credential", "{}"]]) {
      const input = document.createElement("input");
      Object.assign(input, { type: "hidden", name, value });
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  });
  await expect(page).toHaveURL(hostedPage(PASSKEY_POOL, "passkey"));
  await expect(alertOf(page)).toBeVisible();
  await audit(page, "passkey-error");

  await page.getByRole("link", { name: "Sign in another way" }).click();
  await page.getByLabel("Email", { exact: true }).fill("paula@example.com");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(hostedPage(PASSKEY_POOL, "add-passkey"));
  await audit(page, "add-passkey");
});
