// Triggers seen from the hosted UI: a pre sign-up refusal's message on the sign-up page, and a user
// from a legacy store (user migration) signing in on the first try. The handler is
// e2e/trigger-handler.ts, configured on the main pool by e2e/global-setup.ts.
import { test, expect } from "@playwright/test";
import {
  alertOf, expectCallback, hostedPage, PASSWORD, POOL, readOutbox, redeemCode, startSignIn, submitLogin, submitSignUp, uniqueEmail,
} from "./support.ts";
import { BLOCKED_DOMAIN, LEGACY_PASSWORD } from "./trigger-handler.ts";

test.skip(!process.env.GATEHOUSE_E2E_TRIGGERS, "the triggers are configured by e2e/global-setup.ts");

test("a pre sign-up refusal shows its message on the hosted sign-up page, and no code is sent", async ({ page }) => {
  await startSignIn(page);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  const email = uniqueEmail("refused").replace("@example.com", `@${BLOCKED_DOMAIN}`);
  await submitSignUp(page, { email, password: PASSWORD });

  await expect(alertOf(page)).toHaveText("PreSignUp failed with error Domain not allowed.");
  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  // The address stays in the form to correct it.
  await expect(page.getByRole("textbox", { name: /^Email/ })).toHaveValue(email);
  expect(await readOutbox(email)).toHaveLength(0);
});

test("a user from the legacy store signs in through the hosted UI on the first try", async ({ page }) => {
  const request = await startSignIn(page);
  const email = uniqueEmail("legacy");
  await submitLogin(page, { login: email, password: LEGACY_PASSWORD });

  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe(email);
  expect(claims.email_verified).toBe(true);
});
