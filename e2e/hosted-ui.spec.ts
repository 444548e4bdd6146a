// The hosted UI in real Chromium: sign-up to the client's callback, passwords, TOTP, and an
// accessibility scan of every page at phone width.
import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";

const base = () => process.env.GATEHOUSE_URL!;
const CALLBACK = "http://localhost:4000/callback";

async function startSignIn(page: Page, poolId = "local_Test00001", clientId = "web") {
  // Nothing listens on the app's callback: answer it here, as the app would.
  await page.route("http://localhost:4000/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>callback</h1>" }));
  const verifier = randomBytes(32).toString("base64url");
  const params = new URLSearchParams({
    client_id: clientId, response_type: "code", scope: "openid email", redirect_uri: CALLBACK, state: "xyz",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256",
  });
  await page.goto(`${base()}/${poolId}/oauth2/authorize?${params}`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

async function outboxCode(to: string): Promise<string> {
  const messages = (await (await fetch(`${base()}/api/dev/outbox?to=${encodeURIComponent(to)}`)).json()) as { code: string }[];
  return messages[0]!.code;
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test.use({ viewport: { width: 360, height: 780 } });

test("sign up, confirm with the emailed code, and the client's callback receives a code", async ({ page }) => {
  await startSignIn(page);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Create an account" }).click();
  const email = `e2e-${Date.now()}@example.com`;
  await page.getByLabel("Email").fill(email);
  const password = page.getByLabel("Password", { exact: true });
  await password.fill("abc");
  await expect(page.getByRole("list", { name: "Password requirements" }).getByText("A lowercase letter (met)")).toBeAttached();
  await expectAccessible(page);
  await password.fill("Sunny-Day-42");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Confirm your account" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Verification code").fill(await outboxCode(email));
  await page.getByRole("button", { name: "Confirm account" }).click();
  await page.waitForURL(/localhost:4000\/callback/);
  const url = new URL(page.url());
  expect(url.searchParams.get("code")).toBeTruthy();
  expect(url.searchParams.get("state")).toBe("xyz");
});

test("forgot password and a temporary password, page by page", async ({ page }) => {
  await startSignIn(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expectAccessible(page);
  await page.getByLabel("Email").fill("forgetful@example.com");
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Verification code").fill(await outboxCode("forgetful@example.com"));
  await page.getByLabel("New password", { exact: true }).fill("Another-Pass-5");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("password has been changed");

  await page.getByLabel("Email").fill("temp@example.com");
  await page.getByLabel("Password", { exact: true }).fill("Temp0rary!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill("Chosen-Pass-7");
  await page.getByLabel("Confirm new password", { exact: true }).fill("Chosen-Pass-7");
  await page.getByRole("button", { name: "Set password and continue" }).click();
  await page.waitForURL(/localhost:4000\/callback\?code=/);
});

test("TOTP set-up with a QR code, then sign-in with a code from the app", async ({ page, browser }) => {
  await startSignIn(page, "local_Mfa000001", "secure-web");
  await page.getByLabel("Email").fill("bob@example.com");
  await page.getByLabel("Password", { exact: true }).fill("Passw0rd!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Code from your app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await page.waitForURL(/localhost:4000\/callback\?code=/);

  const second = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  await startSignIn(second, "local_Mfa000001", "secure-web");
  await second.getByLabel("Email").fill("bob@example.com");
  await second.getByLabel("Password", { exact: true }).fill("Passw0rd!");
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await expectAccessible(second);
  // The set-up code's time step is used; take the next step's code.
  const next = Math.floor(Date.now() / 30_000) + 1;
  await second.getByLabel("Authentication code").fill(await generate({ secret, epoch: next * 30 }));
  await second.getByRole("button", { name: "Verify" }).click();
  await second.waitForURL(/localhost:4000\/callback\?code=/);
});
