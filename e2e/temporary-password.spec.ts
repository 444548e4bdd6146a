// A user created with a temporary password must choose a new one before reaching the client; the
// temporary one stops working. User: temp.
import { test, expect } from "@playwright/test";
import { alertOf, expectCallback, hostedPage, POOL, redeemCode, startSignIn, submitLogin } from "./support.ts";

const TEMPORARY = "Temp0rary!";
const CHOSEN = "Ch0sen-by-temp";

test("a temporary password must be replaced, and then only the new one signs in", async ({ page, browser }) => {
  const request = await startSignIn(page);
  await submitLogin(page, { login: "temp@example.com", password: TEMPORARY });
  await expect(page).toHaveURL(hostedPage(POOL, "new-password"));
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();

  const next = page.getByLabel("New password", { exact: true });
  const confirm = page.getByLabel("Confirm new password", { exact: true });
  const submit = page.getByRole("button", { name: "Set password and continue" });

  await next.fill(CHOSEN);
  await confirm.fill(`${CHOSEN}x`);
  await submit.click();
  await expect(alertOf(page)).toHaveText("The passwords do not match.");
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toBeFocused();

  await next.fill("weakpass");
  await confirm.fill("weakpass");
  await submit.click();
  await expect(alertOf(page)).toContainText("Password does not meet the requirements");
  await expect(next).toHaveAttribute("aria-invalid", "true");

  await next.fill(CHOSEN);
  await confirm.fill(CHOSEN);
  await submit.click();
  const claims = await redeemCode(request, await expectCallback(page, request));
  expect(claims.email).toBe("temp@example.com");

  // A new browser, so the session just made does not skip the password.
  const context = await browser.newContext();
  try {
    const again = await context.newPage();
    const second = await startSignIn(again);
    await submitLogin(again, { login: "temp@example.com", password: TEMPORARY });
    await expect(alertOf(again)).toHaveText("Incorrect username or password.");
    await submitLogin(again, { login: "temp@example.com", password: CHOSEN });
    await expectCallback(again, second);
  } finally {
    await context.close();
  }
});
