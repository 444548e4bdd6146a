// The account page in Chromium, as a user goes through it: sign in through the pool's hosted UI,
// change a profile attribute and the password, add the authenticator app, see the session and
// the sign-in history, sign out. Screenshots at desktop and phone width go to tmp/screens/.
import { test, expect, type Page } from "@playwright/test";
import { ACCOUNT_POOL, NEW_PASSWORD, PASSWORD } from "../tests/account/support.ts";
import { gatehouseUrl, hostedPage, noticeOf, scrollWidth, submitLogin, totpCode } from "./support.ts";

const EMAIL = "rex@example.com";

async function screens(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    expect.soft(await scrollWidth(page), `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `tmp/screens/account-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const section = (page: Page, name: string) => page.getByRole("region", { name });

test("sign in, change the profile and password, add the authenticator app, see sessions and sign-ins, sign out", async ({ page }) => {
  await page.goto(`${gatehouseUrl()}/${ACCOUNT_POOL}/account`);
  await expect(page).toHaveURL(hostedPage(ACCOUNT_POOL, "login"));
  await submitLogin(page, { login: EMAIL, password: PASSWORD });
  await expect(page).toHaveURL(`${gatehouseUrl()}/${ACCOUNT_POOL}/account`);
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await screens(page, "page");

  // Profile.
  const profile = section(page, "Profile");
  await profile.getByLabel("Family name").fill("Stone");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(noticeOf(page)).toHaveText("Your profile is saved.");
  await expect(section(page, "Profile").getByLabel("Family name")).toHaveValue("Stone");

  // Password: a wrong current password first, then the right one.
  let password = section(page, "Password");
  await password.getByLabel("Current password").fill("Not-my-passw0rd");
  await password.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await password.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That password is not right.");
  password = section(page, "Password");
  await expect(password.getByLabel("Current password")).toBeFocused();
  await screens(page, "password-error");
  await password.getByLabel("Current password").fill(PASSWORD);
  await password.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await password.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(noticeOf(page)).toHaveText("Your password is changed.");

  // Authenticator app.
  await section(page, "Authenticator app").getByRole("button", { name: "Add authenticator app" }).click();
  const authenticator = section(page, "Authenticator app");
  await expect(authenticator.getByRole("img", { name: /QR code/ })).toBeVisible();
  await screens(page, "authenticator-setup");
  const secret = (await authenticator.getByTestId("totp-secret").textContent())!;
  await authenticator.getByLabel("Code from your app").fill(await totpCode(secret));
  await authenticator.getByRole("button", { name: "Add authenticator app" }).click();
  await expect(noticeOf(page)).toHaveText("Your authenticator app is added. We will ask for its code when you sign in.");
  await expect(section(page, "Authenticator app").getByText("On", { exact: true })).toBeVisible();

  // Sessions and sign-ins.
  const sessions = section(page, "Where you are signed in");
  await expect(sessions.getByText("This browser")).toBeVisible();
  await expect(sessions.getByText(/Chrome on Linux|Chrome|Unknown device/).first()).toBeVisible();
  const history = section(page, "Recent sign-ins");
  await expect(history.getByText("Signed in", { exact: true }).first()).toBeVisible();
  await screens(page, "after-changes");

  // Sign out: here and at the pool.
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  await screens(page, "signed-out");
  await page.getByRole("link", { name: "Sign in to your account" }).click();
  await expect(page).toHaveURL(hostedPage(ACCOUNT_POOL, "login"));
});
