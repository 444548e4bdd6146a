// "Remember this device" in a pool with MFA ON and USER_OPT_IN device tracking that skips MFA on
// remembered devices: TOTP set-up with the box ticked, then a sign-in that goes from the password
// straight to the app, then AdminForgetDevice, after which the code is asked again. User: rita.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, type BrowserContext, type Page } from "@playwright/test";
import { AdminForgetDeviceCommand, AdminListDevicesCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DEVICE_POOL } from "../tests/support/fixtures.ts";
import { currentStep, expectCallback, gatehouseUrl, hostedPage, PASSWORD, redeemCode, scrollWidth, signInToConsole, startSignIn, submitLogin, totpCode } from "./support.ts";

const REMEMBER = { pool: DEVICE_POOL, clientId: "remember-web" };

/** Scans the page with axe and takes screenshots at desktop and phone widths. */
async function lookAt(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
    expect.soft(serious, `${name} at ${width}px`).toEqual([]);
    if (width === 360) expect.soft(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `tmp/screens/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Ends the browser's sign-in session (the provider's cookies) but keeps its device cookie, as a closed and reopened browser would. */
async function keepOnlyDeviceCookie(context: BrowserContext) {
  const kept = (await context.cookies()).filter((c) => c.name.startsWith("gh_device_"));
  await context.clearCookies();
  await context.addCookies(kept);
  return kept;
}

/** An admin API key's AWS credentials, made in the console as an admin makes one. */
async function adminClient(context: BrowserContext): Promise<CognitoIdentityProviderClient> {
  const page = await context.newPage();
  await signInToConsole(page);
  const created = await page.request.post(`${gatehouseUrl()}/api/admin/api-keys`, { data: { name: "remembered-device e2e" }, headers: { origin: gatehouseUrl() } });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { secretAccessKey: string; apiKey: { accessKeyId: string } };
  return new CognitoIdentityProviderClient({
    endpoint: gatehouseUrl(), region: "eu-west-1", maxAttempts: 1,
    credentials: { accessKeyId: body.apiKey.accessKeyId, secretAccessKey: body.secretAccessKey },
  });
}

test("TOTP with 'Remember this device', the next sign-in skips the code, and after AdminForgetDevice it is asked again", async ({ page, browser }) => {
  const request = await startSignIn(page, REMEMBER);
  await submitLogin(page, { login: "rita@example.com", password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(DEVICE_POOL, "mfa-setup"));
  const remember = page.getByRole("checkbox", { name: "Remember this device" });
  await expect(remember).toBeVisible();
  await expect(remember).not.toBeChecked();
  await lookAt(page, "remember-device-mfa-setup");
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  const step = currentStep();
  await page.getByLabel("Code from your app").fill(await totpCode(secret, step));
  await remember.check();
  await page.getByRole("button", { name: "Verify and continue" }).click();
  // The recovery codes issued with the enrolment (e2e/recovery-codes.spec.ts); "Continue" finishes.
  await expect(page).toHaveURL(hostedPage(DEVICE_POOL, "recovery-codes"));
  await page.getByRole("button", { name: "Continue" }).click();
  expect((await redeemCode(request, await expectCallback(page, request))).email).toBe("rita@example.com");

  // The device cookie: HttpOnly, SameSite=Lax, for the pool's pages (its sign-in and account pages), about a year.
  const [cookie] = await keepOnlyDeviceCookie(page.context());
  expect(cookie?.name).toBe(`gh_device_${DEVICE_POOL}`);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.path).toBe(`/${DEVICE_POOL}`);
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600_000);

  // The next sign-in in this browser: the password, then straight back to the app.
  const second = await startSignIn(page, REMEMBER);
  await submitLogin(page, { login: "rita@example.com", password: PASSWORD });
  expect((await redeemCode(second, await expectCallback(page, second))).email).toBe("rita@example.com");

  // The administrator forgets the device.
  const adminContext = await browser.newContext();
  try {
    const admin = await adminClient(adminContext);
    const listed = await admin.send(new AdminListDevicesCommand({ UserPoolId: DEVICE_POOL, Username: "rita" }));
    expect(listed.Devices?.map((d) => d.DeviceKey)).toEqual([cookie!.value.split(".")[0]]);
    expect(listed.Devices?.[0]?.DeviceAttributes?.find((a) => a.Name === "device_name")?.Value).toMatch(/Chrome/);
    await admin.send(new AdminForgetDeviceCommand({ UserPoolId: DEVICE_POOL, Username: "rita", DeviceKey: listed.Devices![0]!.DeviceKey! }));
  } finally {
    await adminContext.close();
  }

  // The cookie is still there, but names a forgotten device: the code is asked again.
  await keepOnlyDeviceCookie(page.context());
  const third = await startSignIn(page, REMEMBER);
  await submitLogin(page, { login: "rita@example.com", password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(DEVICE_POOL, "mfa"));
  await expect(page.getByRole("checkbox", { name: "Remember this device" })).toBeVisible();
  await lookAt(page, "remember-device-mfa");
  await page.getByLabel("Authentication code").fill(await totpCode(secret, step + 1));
  await page.getByRole("button", { name: "Verify" }).click();
  expect((await redeemCode(third, await expectCallback(page, third))).email).toBe("rita@example.com");
});
