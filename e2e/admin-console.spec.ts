// The console in Chromium, in order on one fresh Gatehouse: the first-run set-up, signing in
// through our own hosted UI, creating a pool and a client, finding a user among thousands,
// disabling a user (who then cannot sign in), and branding seen on the real sign-in page.
import { createServer } from "node:http";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { verifySignature } from "../lib/triggers/signature.ts";
import { DEVICE_POOL } from "../tests/support/fixtures.ts";
import { solidPng } from "../tests/support/png.ts";
import {
  CALLBACK, CONSOLE_ADMIN, MFA_POOL, PASSWORD, POOL, alertOf, expectCallback, gatehouseUrl, latestCode, startSignIn, submitLogin, submitSignUp, totpCode, uniqueEmail,
} from "./support.ts";

test.describe.configure({ mode: "serial" });

const BRAND_POOL = "local_Brand0001";
const TRIGGER_POOL = "local_Trigr0001";
const ADMIN = CONSOLE_ADMIN;

async function signInToConsole(page: Page) {
  await page.goto(`${gatehouseUrl()}/admin`);
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.getByRole("button", { name: "Continue to sign in" }).click();
  await expect(page).toHaveURL(/\/system_Gatehouse\/interaction\/[\w-]+\/login$/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "User pools", level: 1 })).toBeVisible();
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}


test("first run: the console offers a one-time set-up that creates the first admin", async ({ page }) => {
  await page.goto(`${gatehouseUrl()}/admin`);
  await expect(page).toHaveURL(/\/admin\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill("something else");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in\?setup=done$/);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your admin account is ready");
  // The set-up page is gone for good.
  await page.goto(`${gatehouseUrl()}/admin/setup`);
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});

test("an admin signs in to the console through Gatehouse's own hosted UI", async ({ page }) => {
  await signInToConsole(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  // Signing out ended the Gatehouse session too: signing in asks for the password again.
  await page.getByRole("button", { name: "Continue to sign in" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
});

test("create a user pool and an app client; the secret is shown once", async ({ page }) => {
  await signInToConsole(page);
  await page.getByRole("link", { name: "Create user pool" }).click();
  await page.getByLabel("Pool name").fill("Storefront");
  await page.getByRole("button", { name: "Create user pool" }).click();
  await expect(page.getByRole("heading", { name: "Storefront", level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Created pool local_/ })).toBeVisible();
  const poolId = /\/admin\/pools\/(local_\w+)$/.exec(page.url())![1]!;

  await page.getByRole("link", { name: /App clients/ }).click();
  await page.getByRole("link", { name: "Create app client" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Storefront server");
  await page.getByRole("radio", { name: /Confidential/ }).check();
  await page.getByLabel("Callback URLs").fill("https://shop.example.com/callback");
  await page.getByRole("button", { name: "Create app client" }).click();
  const secret = page.getByRole("dialog").getByRole("textbox", { name: "Client secret" });
  await expect(secret).toHaveValue(/.{40,}/);
  await expect(page.getByRole("dialog")).toContainText("only time it is shown");

  const discovery = await page.request.get(`${gatehouseUrl()}/${poolId}/.well-known/openid-configuration`);
  expect(discovery.status()).toBe(200);
});

test("a pool's second factors, sign-in methods, passkeys and remembered devices are set in the form and read back", async ({ page }) => {
  await signInToConsole(page);
  await page.getByRole("link", { name: "Create user pool" }).click();
  await page.getByLabel("Pool name").fill("Factors");
  // The defaults, as the config file has them.
  await expect(page.getByRole("group", { name: "Second factors users can set up" }).getByRole("checkbox", { checked: true })).toHaveAccessibleName("Authenticator app");
  const password = page.getByRole("group", { name: "Users can sign in with" }).getByRole("checkbox", { name: "Password" });
  await expect(password).toBeChecked();
  await expect(password).toBeDisabled();
  await expect(page.getByLabel("Passkey relying party ID")).toHaveAttribute("placeholder", new URL(gatehouseUrl()).hostname);
  await expect(page.getByRole("switch", { name: "Skip MFA on remembered devices" })).toBeDisabled();
  await page.getByRole("button", { name: "Create user pool" }).click();
  await expect(page.getByRole("heading", { name: "Factors", level: 1 })).toBeVisible();
  const poolId = /\/admin\/pools\/(local_\w+)$/.exec(page.url())![1]!;
  const factor = (name: string) => page.getByRole("group", { name: "Second factors users can set up" }).getByRole("checkbox", { name, exact: true });
  const method = (name: string) => page.getByRole("group", { name: "Users can sign in with" }).getByRole("checkbox", { name, exact: true });

  await page.getByLabel("When to ask for a second factor").selectOption("OPTIONAL");
  await factor("Text message").check();
  await factor("Email").check();
  await method("Passkey").check();
  await method("Email code").check();
  await page.getByLabel("Passkey relying party ID").fill("Example.com");
  await page.getByLabel("User verification").selectOption("required");
  await page.getByLabel("Remember devices").selectOption("USER_OPT_IN");
  await page.getByRole("switch", { name: "Skip MFA on remembered devices" }).check();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole("heading", { name: "Multi-factor authentication" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `tmp/screens/console-pool-factors-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();

  // Read back: the form after a reload, and the admin API.
  await page.reload();
  await expect(page.getByLabel("When to ask for a second factor")).toHaveValue("OPTIONAL");
  for (const name of ["Authenticator app", "Text message", "Email"]) await expect(factor(name)).toBeChecked();
  for (const name of ["Passkey", "Email code"]) await expect(method(name)).toBeChecked();
  await expect(method("Text message code")).not.toBeChecked();
  await expect(page.getByLabel("Passkey relying party ID")).toHaveValue("example.com");
  await expect(page.getByLabel("User verification")).toHaveValue("required");
  await expect(page.getByLabel("Remember devices")).toHaveValue("USER_OPT_IN");
  await expect(page.getByRole("switch", { name: "Skip MFA on remembered devices" })).toBeChecked();
  const pool = await (await page.request.get(`${gatehouseUrl()}/api/admin/pools/${poolId}`)).json();
  expect(pool).toMatchObject({
    mfa: "OPTIONAL", mfaMethods: ["TOTP", "SMS", "EMAIL"], signInMethods: ["PASSWORD", "PASSKEY", "EMAIL_OTP"],
    passkeys: { relyingPartyId: "example.com", userVerification: "required" }, deviceTracking: "USER_OPT_IN", skipMfaOnRememberedDevices: true,
  });

  // No second factor at all is refused, with the field named.
  for (const name of ["Authenticator app", "Text message", "Email"]) await factor(name).uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/at least one second factor/).first()).toBeVisible();
});

test("a user's page shows how many recovery codes are left, and an admin can clear them", async ({ page, browser }) => {
  // A user enrols in TOTP on the hosted pages (and gets their ten codes), in a browser of their own.
  const email = uniqueEmail("console-recovery");
  const context = await browser.newContext();
  try {
    const user = await context.newPage();
    const request = await startSignIn(user, { pool: MFA_POOL, clientId: "secure-web" });
    await user.getByRole("link", { name: "Create an account" }).click();
    await submitSignUp(user, { email, password: PASSWORD });
    await user.getByLabel("Verification code").fill(await latestCode(email));
    await user.getByRole("button", { name: "Confirm account" }).click();
    await user.getByLabel("Code from your app").fill(await totpCode((await user.getByTestId("totp-secret").innerText()).trim()));
    await user.getByRole("button", { name: "Verify and continue" }).click();
    await user.getByRole("button", { name: "Continue" }).click();
    await expectCallback(user, request);
  } finally {
    await context.close();
  }

  await signInToConsole(page);
  await page.goto(`${gatehouseUrl()}/admin/pools/${MFA_POOL}/users`);
  await page.getByRole("link", { name: email }).first().click();
  const security = page.getByRole("definition").filter({ hasText: "10 of 10 left" });
  await expect(security).toBeVisible();
  await page.getByRole("button", { name: "Clear codes" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "tmp/screens/console-user-recovery-codes-1280.png" });
  await page.getByRole("button", { name: "Clear codes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Clear codes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Recovery codes cleared" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^None$/ })).toBeVisible();
});

test("a user's Sign-in security card: factors and a remembered device are shown, the device is forgotten, and Reset MFA leaves no second factor", async ({ page, browser }) => {
  // Ruth sets up TOTP on the hosted pages with "Remember this device" (and gets her recovery codes).
  const context = await browser.newContext();
  try {
    const user = await context.newPage();
    const request = await startSignIn(user, { pool: DEVICE_POOL, clientId: "remember-web" });
    await submitLogin(user, { login: "ruth@example.com", password: PASSWORD });
    await user.getByLabel("Code from your app").fill(await totpCode((await user.getByTestId("totp-secret").innerText()).trim()));
    await user.getByRole("checkbox", { name: "Remember this device" }).check();
    await user.getByRole("button", { name: "Verify and continue" }).click();
    await user.getByRole("button", { name: "Continue" }).click();
    await expectCallback(user, request);
  } finally {
    await context.close();
  }

  await signInToConsole(page);
  await page.goto(`${gatehouseUrl()}/admin/pools/${DEVICE_POOL}/users/ruth`);
  const factors = page.getByRole("list", { name: "Second factors" });
  await expect(factors.getByRole("listitem").filter({ hasText: "Authenticator app" })).toContainText("On");
  await expect(factors.getByRole("listitem").filter({ hasText: "Authenticator app" })).toContainText("Preferred");
  await expect(factors.getByRole("listitem").filter({ hasText: "SMS codes" })).toContainText("Not offered by the pool");
  await expect(page.getByText("10 of 10 left")).toBeVisible();
  await expect(page.getByRole("list", { name: "Passkeys" })).toHaveCount(0);
  const devices = page.getByRole("list", { name: "Devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  await expect(devices).toContainText("Remembered: skips MFA");
  await expectAccessible(page);
  await page.getByRole("heading", { name: "Sign-in security" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "tmp/screens/console-user-sign-in-security-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("heading", { name: "Sign-in security" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "tmp/screens/console-user-sign-in-security-390.png" });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Forget the device.
  await devices.getByRole("button", { name: /^Forget device / }).click();
  const forget = page.getByRole("dialog");
  await expect(forget).toContainText("their next sign-in on it asks for MFA again");
  await forget.getByRole("button", { name: "Forget device" }).click();
  await expect(page.getByRole("status").filter({ hasText: "forgotten" })).toBeVisible();
  await expect(page.getByText("None remembered")).toBeVisible();

  // Reset MFA: the dialog says what goes, and that passkeys stay.
  await page.getByRole("button", { name: "Reset MFA" }).click();
  const reset = page.getByRole("dialog");
  await expect(reset).toContainText("Their recovery codes are deleted.");
  await expect(reset).toContainText("Every remembered device is forgotten");
  await expect(reset).toContainText("Passkeys would stay");
  await page.screenshot({ path: "tmp/screens/console-user-reset-mfa-1280.png" });
  await reset.getByRole("button", { name: "Reset MFA" }).click();
  await expect(page.getByRole("status").filter({ hasText: "MFA reset" })).toBeVisible();
  await expect(factors.getByRole("listitem").filter({ hasText: "Authenticator app" })).toContainText("Not set up");
  await expect(page.getByRole("definition").filter({ hasText: /^None$/ })).toBeVisible(); // recovery codes
  await expect(page.getByRole("button", { name: "Reset MFA" })).toHaveCount(0);

  // The pool requires MFA: the user's next sign-in sets up a second factor again.
  const after = await browser.newPage();
  try {
    await startSignIn(after, { pool: DEVICE_POOL, clientId: "remember-web" });
    await submitLogin(after, { login: "ruth@example.com", password: PASSWORD });
    await expect(after).toHaveURL(/\/mfa-setup$/);
  } finally {
    await after.close();
  }
});

test("an app client can let sign-up say an account exists (Cognito's LEGACY), and back", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(`${gatehouseUrl()}/admin/pools/${POOL}/clients/new`);
  await page.getByLabel("Name", { exact: true }).fill("Legacy sign-up");
  await page.getByLabel("Callback URLs").fill("https://legacy.example.com/callback");
  const quiet = page.getByRole("switch", { name: "Prevent user existence errors" });
  await expect(quiet).toBeChecked();
  await quiet.uncheck();
  await page.getByRole("button", { name: "Create app client" }).click();
  await expect(page).toHaveURL(/\/clients\/\w{26}$/);
  const clientId = /\/clients\/(\w+)$/.exec(page.url())![1]!;
  const read = async () => (await (await page.request.get(`${gatehouseUrl()}/api/admin/pools/${POOL}/clients/${clientId}`)).json()).preventUserExistenceErrors;
  expect(await read()).toBe("LEGACY");

  await expect(quiet).not.toBeChecked();
  await quiet.check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  expect(await read()).toBe("ENABLED");
});

test("an app client's authentication flows start at Cognito's default and reach the API", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(`${gatehouseUrl()}/admin/pools/${POOL}/clients/new`);
  await page.getByLabel("Name", { exact: true }).fill("SDK app");
  await page.getByLabel("Callback URLs").fill("https://sdk.example.com/callback");
  const flows = page.getByRole("group", { name: "Authentication flows" });
  for (const name of ["Secure Remote Password (SRP)", "Custom challenges", "Refresh tokens"]) await expect(flows.getByRole("checkbox", { name })).toBeChecked();
  for (const name of ["Username and password", "Server-side password", "Choice-based sign-in"]) await expect(flows.getByRole("checkbox", { name })).not.toBeChecked();
  await flows.getByRole("checkbox", { name: "Username and password" }).check();
  await flows.getByRole("checkbox", { name: "Custom challenges" }).uncheck();
  await page.getByRole("button", { name: "Create app client" }).click();
  await expect(page).toHaveURL(/\/clients\/\w{26}$/);
  const clientId = /\/clients\/(\w+)$/.exec(page.url())![1]!;
  const read = async () => (await (await page.request.get(`${gatehouseUrl()}/api/admin/pools/${POOL}/clients/${clientId}`)).json()).explicitAuthFlows;
  expect(await read()).toEqual(["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);

  await expect(flows.getByRole("checkbox", { name: "Username and password" })).toBeChecked();
  await flows.getByRole("checkbox", { name: "Server-side password" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  expect(await read()).toEqual(["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
});

test("a new API key is shown once with its AWS credentials; the list keeps the access key ID", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(`${gatehouseUrl()}/admin/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByRole("dialog", { name: "Create API key" }).getByLabel("Name").fill("Terraform");
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Your new API key" });
  await expect(dialog.getByRole("textbox", { name: "API key", exact: true })).toHaveValue(/^ghk_[\w-]{43}$/);
  const secret = await dialog.getByRole("textbox", { name: "Secret access key" }).inputValue();
  expect(secret).toMatch(/^[\w-]{40}$/);
  const accessKeyId = (await dialog.getByText(/^GHK[A-Z2-7]{17}$/).textContent())!;
  await expect(dialog.getByRole("button", { name: "Copy access key ID" })).toBeVisible();
  await expect(dialog.getByText("This is the only time it is shown.")).toHaveCount(2);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: "Terraform" });
  await expect(row).toContainText(accessKeyId);
  await expect(row.getByRole("button", { name: "Copy the access key ID of Terraform" })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  const listed = (await (await page.request.get(`${gatehouseUrl()}/api/admin/api-keys`)).json()) as { apiKeys: Record<string, unknown>[] };
  const key = listed.apiKeys.find((k) => k.name === "Terraform")!;
  expect(key.accessKeyId).toBe(accessKeyId);
  expect(JSON.stringify(listed)).not.toContain(secret);
});

test("an app client's attribute permissions: writing includes reading, and the lists reach the API", async ({ page }) => {
  await signInToConsole(page);
  const imported = await page.request.post(`${gatehouseUrl()}/api/admin/pools/import`, {
    headers: { origin: gatehouseUrl() },
    data: {
      id: "local_Perms0001", name: "Perms",
      customAttributes: [{ name: "tier", type: "String", mutable: true }, { name: "tenant", type: "String", mutable: false }],
      clients: [{ clientId: "perms-web", name: "Perms web", callbackUrls: [CALLBACK] }],
    },
  });
  expect(imported.status()).toBe(200);
  const client = async () => (await (await page.request.get(`${gatehouseUrl()}/api/admin/pools/local_Perms0001/clients/perms-web`)).json()) as Record<string, unknown>;

  await page.goto(`${gatehouseUrl()}/admin/pools/local_Perms0001/clients/perms-web`);
  const section = page.getByRole("region", { name: "Attributes" });
  await expect(section).toContainText("Reads all 21 attributes · writes 17 of 19");
  // A new client writes the standard attributes, not custom ones; email is required, so fixed.
  await expect(section.getByRole("checkbox", { name: "Write tier" })).not.toBeChecked();
  await expect(section.getByRole("checkbox", { name: "Write Email", exact: true })).toBeDisabled();
  await expect(section.getByRole("checkbox", { name: "Write Email verified" })).toHaveCount(0);

  await section.getByRole("checkbox", { name: "Read tier" }).uncheck();
  await section.getByRole("checkbox", { name: "Write tier" }).check();
  await expect(section.getByRole("checkbox", { name: "Read tier" })).toBeChecked();
  await section.getByRole("checkbox", { name: "Read Given name" }).uncheck();
  await expect(section.getByRole("checkbox", { name: "Write Given name" })).not.toBeChecked();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  const saved = await client();
  expect(saved.writeAttributes).toContain("custom:tier");
  expect(saved.writeAttributes).not.toContain("given_name");
  expect(saved.readAttributes).not.toContain("given_name");

  await page.getByRole("button", { name: "Use the defaults" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." }).last()).toBeVisible();
  await expect.poll(async () => [(await client()).readAttributes, (await client()).writeAttributes]).toEqual([null, null]);
});

test("find one user among thousands with the server-side search", async ({ page }) => {
  await signInToConsole(page);
  // Thousands of users arrive through the admin API's import, as an operator's script would bring them.
  const users = Array.from({ length: 2000 }, (_, i) => ({ username: `shopper${String(i).padStart(4, "0")}`, attributes: { email: `shopper${String(i).padStart(4, "0")}@example.com` } }));
  const response = await page.request.post(`${gatehouseUrl()}/api/admin/pools/import`, {
    headers: { origin: gatehouseUrl() },
    data: { id: "local_Crowd0001", name: "Crowd", signInAliases: ["username", "email"], users },
  });
  expect(response.status()).toBe(200);

  await page.goto(`${gatehouseUrl()}/admin/pools/local_Crowd0001/users`);
  await expect(page.getByText(/2,000 users/)).toBeVisible();
  await page.getByLabel("Search users").fill("shopper1234@example");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=shopper1234/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2); // the header and the one match
  await expect(page.getByRole("table")).toContainText("shopper1234@example.com");
  await page.getByRole("link", { name: /shopper1234/ }).first().click();
  await expect(page.getByRole("heading", { name: "shopper1234", level: 2 })).toBeVisible();
});

test("a disabled user cannot sign in", async ({ page, browser }) => {
  await signInToConsole(page);
  const created = await page.request.post(`${gatehouseUrl()}/api/admin/pools/${POOL}/users`, {
    headers: { origin: gatehouseUrl() },
    data: { attributes: { email: "to-disable@example.com" } },
  });
  const { user } = (await created.json()) as { user: { username: string } };
  await page.request.post(`${gatehouseUrl()}/api/admin/pools/${POOL}/users/${user.username}/password`, {
    headers: { origin: gatehouseUrl() },
    data: { password: PASSWORD, permanent: true },
  });

  await page.goto(`${gatehouseUrl()}/admin/pools/${POOL}/users?q=to-disable`);
  await page.getByRole("link", { name: /to-disable@example.com/ }).first().click();
  await page.getByRole("button", { name: "Disable user" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("status").filter({ hasText: /disabled/i })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable user" })).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  await startSignIn(visitor);
  await submitLogin(visitor, { login: "to-disable@example.com", password: PASSWORD });
  await expect(alertOf(visitor)).toContainText(/disabled/i);
});

test("branding: a new colour and logo appear on the real hosted sign-in page once published", async ({ page, browser }) => {
  await signInToConsole(page);
  // A pool of its own, so the other specs' pages keep the default look.
  const imported = await page.request.post(`${gatehouseUrl()}/api/admin/pools/import`, {
    headers: { origin: gatehouseUrl() },
    data: { id: BRAND_POOL, name: "Brandy", clients: [{ clientId: "brandy-web", name: "Brandy web", callbackUrls: [CALLBACK] }] },
  });
  expect(imported.status()).toBe(200);
  await page.goto(`${gatehouseUrl()}/admin/pools/${BRAND_POOL}/branding`);
  await expect(page.getByTitle("Desktop preview")).toBeVisible();
  await page.getByRole("textbox", { name: "Primary", exact: true }).fill("#0f766e");
  await page.locator("#asset-logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: solidPng(120, 40, [15, 118, 110]) });
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();
  await expect(page.getByText("Draft saved")).toBeVisible();
  // The preview shows the draft; users do not see it yet.
  const preview = page.frameLocator('iframe[title="Desktop preview"]');
  await expect(preview.getByRole("img", { name: "Brandy" })).toBeVisible();
  const visitorBefore = await (await browser.newContext()).newPage();
  await startSignIn(visitorBefore, { pool: BRAND_POOL, clientId: "brandy-web" });
  await expect(visitorBefore.getByRole("img", { name: "Brandy" })).toHaveCount(0);

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Branding published" })).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  await startSignIn(visitor, { pool: BRAND_POOL, clientId: "brandy-web" });
  await expect(visitor.getByRole("img", { name: "Brandy" })).toBeVisible();
  const button = visitor.getByRole("button", { name: "Sign in" });
  await expect(button).toHaveCSS("background-color", "rgb(15, 118, 110)");
});

test("triggers: a webhook set in the console answers a test event, and its delivery is listed", async ({ page }) => {
  const secret = "whsec_console-e2e-secret-0001";
  // The team's webhook: checks the signature and auto-confirms, as a pre sign-up handler would.
  const hook = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    if (!verifySignature(secret, body, request.headers["gatehouse-signature"] as string | undefined)) return void response.writeHead(401).end();
    const event = JSON.parse(body) as { response: Record<string, unknown> };
    event.response.autoConfirmUser = true;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(event));
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/pre-sign-up`;
  try {
    await signInToConsole(page);
    // A pool of its own, so the other specs' sign-ups call no trigger.
    const imported = await page.request.post(`${gatehouseUrl()}/api/admin/pools/import`, { headers: { origin: gatehouseUrl() }, data: { id: TRIGGER_POOL, name: "Hooked" } });
    expect(imported.status()).toBe(200);
    await page.goto(`${gatehouseUrl()}/admin/pools/${TRIGGER_POOL}`);
    await page.getByRole("link", { name: "Triggers" }).click();
    await expect(page.getByRole("heading", { name: "Triggers", level: 2 })).toBeVisible();

    const preSignUp = page.getByRole("region", { name: /^Pre sign-up/ });
    await preSignUp.getByRole("combobox", { name: "Pre sign-up: how it is called" }).selectOption("webhook");
    await preSignUp.getByLabel("Pre sign-up webhook URL").fill(hookUrl);
    await preSignUp.getByLabel("Pre sign-up signing secret").fill(secret);
    await page.getByRole("button", { name: "Save triggers" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Triggers saved." })).toBeVisible();
    // The secret is write-only: the field is empty and says one is set.
    await expect(preSignUp.getByLabel("Pre sign-up signing secret")).toHaveValue("");
    await expect(preSignUp).toContainText("Set. Type a new one to replace it");

    await preSignUp.getByRole("button", { name: "Send a test event to Pre sign-up" }).click();
    const result = preSignUp.getByRole("status");
    await expect(result).toContainText("PreSignUp_SignUp answered in");
    await expect(result).toContainText('"autoConfirmUser": true');
    const delivery = preSignUp.getByRole("table", { name: "Last deliveries of preSignUp" }).getByRole("row").filter({ hasText: "PreSignUp_SignUp" });
    await expect(delivery).toHaveCount(1);
    await expect(delivery).toContainText("OK · 200");
    await expectAccessible(page);
  } finally {
    hook.closeAllConnections();
    hook.close();
  }
});

// One test per screen and width, so each has its own time budget and a failure names its screen;
// they share one console sign-in.
const AXE_SCREENS = [
  "/admin", "/admin/pools/new", `/admin/pools/${POOL}`, `/admin/pools/${POOL}/users`, `/admin/pools/${POOL}/groups`,
  `/admin/pools/${POOL}/clients`, `/admin/pools/${POOL}/clients/web`, `/admin/pools/${POOL}/clients/new`, `/admin/pools/${POOL}/resource-servers`,
  `/admin/pools/${POOL}/branding`, `/admin/pools/${POOL}/triggers`, `/admin/pools/${POOL}/outbox`, "/admin/audit", "/admin/api-keys",
];
test.describe("the console's screens pass axe", () => {
  const state = path.resolve("test-results/console-axe-session.json");
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    await signInToConsole(await context.newPage());
    await context.storageState({ path: state });
    await context.close();
  });
  for (const width of [1280, 360]) {
    for (const screen of AXE_SCREENS) {
      test(`${screen} at ${width} px`, async ({ browser }) => {
        const page = await (await browser.newContext({ storageState: state, viewport: { width, height: 900 } })).newPage();
        await page.goto(`${gatehouseUrl()}${screen}`);
        await expect(page.getByRole("main")).toBeVisible();
        await expectAccessible(page);
        // Nothing makes the page itself scroll sideways on a phone.
        if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth), `${screen} scrolls sideways`).toBeLessThanOrEqual(362);
      });
    }
  }
});
