// Recovery codes in Chromium: TOTP enrolment shows ten codes (copy, download), "Continue" finishes
// the sign-in; later, "Use a recovery code instead" signs in with one, once and not twice, and the
// user is told by email. User: a fresh sign-up in the MFA pool.
import { readFile } from "node:fs/promises";
import { test, expect } from "@playwright/test";
import {
  alertOf, expectCallback, hostedPage, latestCode, MFA_POOL, PASSWORD, readOutbox, redeemCode, startSignIn, submitLogin, submitSignUp, totpCode, uniqueEmail,
} from "./support.ts";

const MFA = { pool: MFA_POOL, clientId: "secure-web" };

test("TOTP enrolment shows ten recovery codes; one gets in once and not twice", async ({ page, browser }) => {
  const email = uniqueEmail("recovery");
  const request = await startSignIn(page, MFA);
  await page.getByRole("link", { name: "Create an account" }).click();
  await submitSignUp(page, { email, password: PASSWORD });
  await page.getByLabel("Verification code").fill(await latestCode(email));
  await page.getByRole("button", { name: "Confirm account" }).click();
  await expect(page).toHaveURL(hostedPage(MFA_POOL, "mfa-setup"));
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  await page.getByLabel("Code from your app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Verify and continue" }).click();

  // Ten codes, shown once, to copy or download.
  await expect(page).toHaveURL(hostedPage(MFA_POOL, "recovery-codes"));
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = (await list.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
  for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await page.screenshot({ path: `tmp/screens/recovery-codes-shown-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join("\n"));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toMatch(/recovery-codes\.txt$/);
  const saved = await readFile(await download.path(), "utf8");
  for (const code of codes) expect(saved).toContain(code);

  await page.getByRole("button", { name: "Continue" }).click();
  await redeemCode(request, await expectCallback(page, request));

  // A new browser without the app: a recovery code instead.
  const signInWithCode = async (code: string) => {
    const context = await browser.newContext();
    const again = await context.newPage();
    const second = await startSignIn(again, MFA);
    await submitLogin(again, { login: email, password: PASSWORD });
    await expect(again).toHaveURL(hostedPage(MFA_POOL, "mfa"));
    await again.getByRole("link", { name: "Use a recovery code instead" }).click();
    await expect(again).toHaveURL(hostedPage(MFA_POOL, "recovery-code"));
    await again.getByLabel("Recovery code").fill(code);
    await again.getByRole("button", { name: "Verify" }).click();
    return { context, page: again, request: second };
  };

  const first = await signInWithCode(codes[0]!);
  try {
    const claims = await redeemCode(first.request, await expectCallback(first.page, first.request));
    expect(claims.email).toBe(email);
  } finally {
    await first.context.close();
  }
  await expect.poll(async () => (await readOutbox(email)).some((m) => /recovery code was used/.test(m.subject) && /9 recovery codes left/.test(m.body))).toBe(true);

  const reused = await signInWithCode(codes[0]!);
  try {
    await expect(alertOf(reused.page)).toHaveText("That recovery code is not right, or it was already used. Check it and try again.");
    await expect(reused.page).toHaveURL(hostedPage(MFA_POOL, "recovery-code"));
    await expect(reused.page.getByLabel("Recovery code")).toHaveAttribute("aria-invalid", "true");
    await reused.page.screenshot({ path: "tmp/screens/recovery-code-refused-1280.png", fullPage: true });
  } finally {
    await reused.context.close();
  }
});
