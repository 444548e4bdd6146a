// The account page's security sections in Chromium, as a user goes through them: add a passkey with
// the DevTools virtual authenticator and sign in with it alone; turn on email codes, get recovery
// codes and sign in with one (once); remember this browser at sign-in and forget it on the page.
// Screenshots at desktop and phone width go to tmp/screens/.
import { test, expect, type Page } from "@playwright/test";
import { PASSWORD, SECURITY_POOL } from "../tests/account/support.ts";
import { gatehouseUrl, hostedPage, latestCode, noticeOf, scrollWidth, submitLogin } from "./support.ts";

const ACCOUNT = () => `${gatehouseUrl()}/${SECURITY_POOL}/account`;
const section = (page: Page, name: string) => page.getByRole("region", { name });

/** The whole page at both widths, and the section at issue on its own (the whole page is long). */
async function screens(page: Page, name: string, region: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    expect.soft(await scrollWidth(page), `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `tmp/screens/account-security-${name}-${width}.png`, fullPage: true });
    await section(page, region).screenshot({ path: `tmp/screens/account-security-${name}-section-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** After the password (and any second step), the pool offers a passkey to those without one: "Not now". */
async function toAccount(page: Page) {
  await expect(page).toHaveURL(new RegExp(`${hostedPage(SECURITY_POOL, "add-passkey").source}|/account$`));
  if (page.url().endsWith("/add-passkey")) await page.getByRole("button", { name: "Not now" }).click();
  await expect(page).toHaveURL(ACCOUNT());
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
}

test("add a passkey on the account page, sign in with it alone, rename it and delete it with the password", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  await page.goto(ACCOUNT());
  await submitLogin(page, { login: "vera@example.com", password: PASSWORD });
  await toAccount(page);
  const passkeys = section(page, "Passkeys");
  await expect(passkeys.getByText("No passkeys yet.")).toBeVisible();
  await passkeys.getByLabel("Name").fill("This laptop");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(noticeOf(page)).toHaveText("Your passkey “This laptop” is added. You can sign in with it.");
  await expect(section(page, "Passkeys").getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).toHaveCount(1);
  await expect(section(page, "Passkeys").getByText("Not used yet")).toBeVisible();

  // Signed out, the passkey alone signs in to the account page: with the button, the browser's
  // autofill turned off (it would sign in before the button is pressed, e2e/passkeys.spec.ts has it).
  await signOut(page);
  await page.addInitScript(() => Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false }));
  await page.goto(ACCOUNT());
  await expect(page).toHaveURL(hostedPage(SECURITY_POOL, "login"));
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(ACCOUNT());
  await expect(section(page, "Passkeys").getByText(/Last used/)).toBeVisible();
  await section(page, "Passkeys").locator("summary").filter({ hasText: "Rename" }).click();
  await screens(page, "passkeys", "Passkeys");

  await section(page, "Passkeys").getByLabel("New name").fill("Work laptop");
  await section(page, "Passkeys").getByRole("button", { name: "Save name" }).click();
  await expect(noticeOf(page)).toHaveText("The passkey is renamed “Work laptop”.");

  // Deleting asks for the password: a wrong one is refused.
  await section(page, "Passkeys").getByText("Delete", { exact: true }).click();
  await section(page, "Passkeys").getByLabel("Current password").fill("Not-my-passw0rd");
  await section(page, "Passkeys").getByRole("button", { name: "Delete passkey" }).click();
  await expect(section(page, "Passkeys").getByRole("alert")).toHaveText("That password is not right.");
  await section(page, "Passkeys").getByLabel("Current password").fill(PASSWORD);
  await section(page, "Passkeys").getByRole("button", { name: "Delete passkey" }).click();
  await expect(noticeOf(page)).toHaveText("The passkey is deleted. It no longer signs you in.");
  await expect(section(page, "Passkeys").getByText("No passkeys yet.")).toBeVisible();
});

test("email codes on, recovery codes made and one used to sign in once, this browser remembered and forgotten", async ({ page }) => {
  const email = "wes@example.com";
  await page.goto(ACCOUNT());
  await submitLogin(page, { login: email, password: PASSWORD });
  await toAccount(page);

  await section(page, "Sign-in codes").getByRole("button", { name: "Turn on text message codes" }).click();
  await expect(noticeOf(page)).toHaveText("Text message codes are on. We will text you a code when you sign in.");
  await section(page, "Sign-in codes").getByRole("button", { name: "Turn on email codes" }).click();
  await expect(noticeOf(page)).toHaveText("Email codes are on. We will email you a code when you sign in.");
  // Two on: which is asked for first.
  await section(page, "Sign-in codes").getByLabel("Email").check();
  await section(page, "Sign-in codes").getByRole("button", { name: "Save choice" }).click();
  await expect(noticeOf(page)).toHaveText("Email codes are now what we ask for first.");
  await section(page, "Sign-in codes").locator("summary").filter({ hasText: "Turn off text message codes" }).click();
  await screens(page, "sign-in-codes", "Sign-in codes");
  // Text messages off again (with the password), so the sign-ins below get their code by email.
  const smsOff = section(page, "Sign-in codes").locator("form").filter({ has: page.getByRole("button", { name: "Turn off text message codes" }) });
  await smsOff.getByLabel("Current password").fill(PASSWORD);
  await smsOff.getByRole("button", { name: "Turn off text message codes" }).click();
  await expect(noticeOf(page)).toHaveText("Text message codes are off.");
  const recovery = section(page, "Recovery codes");
  await expect(recovery.getByText("You have no recovery codes left.")).toBeVisible();
  await recovery.locator("summary").click();
  await recovery.getByLabel("Current password").fill(PASSWORD);
  await recovery.getByRole("button", { name: "Create recovery codes" }).click();
  await expect(noticeOf(page)).toHaveText("Here are your new recovery codes. Your old codes no longer work.");
  const codes = await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  await screens(page, "codes", "Recovery codes");

  // The next sign-in asks for the email code; "Remember this device" is ticked.
  await signOut(page);
  let since = new Date();
  await page.goto(ACCOUNT());
  await submitLogin(page, { login: email, password: PASSWORD });
  await expect(page).toHaveURL(hostedPage(SECURITY_POOL, "mfa-code"));
  await page.getByLabel("Sign-in code").fill(await latestCode(email, since));
  await page.getByLabel("Remember this device").check();
  await page.getByRole("button", { name: "Verify" }).click();
  await toAccount(page);
  const devices = section(page, "Remembered devices");
  await expect(devices.getByText("This browser")).toBeVisible();
  await screens(page, "devices", "Remembered devices");

  // Remembered: no code asked for.
  await signOut(page);
  await page.goto(ACCOUNT());
  await submitLogin(page, { login: email, password: PASSWORD });
  await toAccount(page);
  await section(page, "Remembered devices").getByRole("button", { name: /^Forget .* \(this browser\)$/ }).click();
  await expect(noticeOf(page)).toHaveText("The device is forgotten. Signing in there will ask for your second factor again.");
  await expect(section(page, "Remembered devices").getByText("No remembered devices yet.")).toBeVisible();

  // Forgotten: the code is asked for again; a recovery code stands in for it, once.
  await signOut(page);
  for (const attempt of [1, 2]) {
    since = new Date();
    await page.goto(ACCOUNT());
    await submitLogin(page, { login: email, password: PASSWORD });
    await expect(page).toHaveURL(hostedPage(SECURITY_POOL, "mfa-code"));
    await page.getByRole("link", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    if (attempt === 1) {
      await toAccount(page);
      await expect(section(page, "Recovery codes").getByText("You have 9 unused recovery codes.")).toBeVisible();
      await signOut(page);
    } else {
      await expect(page).toHaveURL(hostedPage(SECURITY_POOL, "recovery-code"));
      await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    }
  }
});

test("the sign-in codes and passkeys sections and the signed-out page in German", async ({ page, browser }) => {
  await page.goto(ACCOUNT());
  // A user of their own: the others have second factors by now (accessibility.spec sets up xia's authenticator).
  await submitLogin(page, { login: "yves@example.com", password: PASSWORD });
  await toAccount(page);
  // The same session in a browser whose language is German.
  const context = await browser.newContext({ locale: "de-DE", storageState: await page.context().storageState() });
  const de = await context.newPage();
  await de.goto(ACCOUNT());
  const codes = section(de, "Anmeldecodes");
  await expect(codes.getByRole("button", { name: "Codes per SMS aktivieren" })).toBeVisible();
  await expect(codes.getByText(/^Codes gehen an /).first()).toBeVisible();
  const passkeys = section(de, "Passkeys");
  await expect(passkeys.getByRole("button", { name: "Passkey hinzufügen" })).toBeVisible();
  await expect(passkeys.getByPlaceholder("Zum Beispiel: Arbeitslaptop")).toBeVisible();
  await codes.screenshot({ path: "tmp/screens/account-security-de-codes.png" });
  await passkeys.screenshot({ path: "tmp/screens/account-security-de-passkeys.png" });
  await de.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(de.getByRole("heading", { name: "Sie haben sich abgemeldet" })).toBeVisible();
  await expect(de.getByRole("link", { name: "Bei Ihrem Konto anmelden" })).toBeVisible();
  await de.screenshot({ path: "tmp/screens/account-de-signed-out.png" });
  await context.close();
});
