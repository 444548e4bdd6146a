// The console's "Migrate users from Cognito" card on a pool's settings: turning it on with a client
// secret (typed once, then only said to be stored), a refusal shown at its field, and turning it off.
import { expect, test } from "@playwright/test";
import { gatehouseUrl, POOL, signInToConsole } from "./support.ts";

test.describe.configure({ mode: "serial" });

const SECRET = "cognito-client-secret-typed-once";

test("turn migration from Cognito on, keep the secret on a later save, refuse a bad pool id, turn it off", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(`${gatehouseUrl()}/admin/pools/${POOL}`);
  const card = page.locator("form").filter({ has: page.getByRole("heading", { name: "Migrate users from Cognito" }) });
  await expect(card.getByText("Off", { exact: true })).toBeVisible();
  await card.getByRole("switch", { name: "Move users in from a Cognito user pool" }).check();
  await card.getByLabel("User pool ID").fill("eu-west-1_AbCdEf123");
  await expect(card.getByText("eu-west-1, from the pool ID")).toBeVisible();
  await card.getByLabel("App client ID").fill("1example23456789");
  await card.getByLabel("App client secret").fill(SECRET);
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Migration from Cognito saved")).toBeVisible();
  await expect(card.getByText("On", { exact: true })).toBeVisible();
  await expect(card.getByText("A secret is stored. Leave empty to keep it.")).toBeVisible();
  expect(await page.content()).not.toContain(SECRET);
  await card.screenshot({ path: "test-results/e2e/migrate-from-card.png" });

  await card.getByLabel("User pool ID").fill("not a pool id");
  await card.getByRole("button", { name: "Save" }).click();
  // Shown at the field itself (its error describes the input), not as a raw API message.
  await expect(card.getByLabel("User pool ID")).toHaveAccessibleDescription(/userPoolId must be a Cognito user pool id such as eu-west-1_AbCdEf123/);
  await expect(card.getByRole("alert")).toHaveCount(0);
  await card.screenshot({ path: "test-results/e2e/migrate-from-card-error.png" });

  await card.getByRole("switch", { name: "Move users in from a Cognito user pool" }).uncheck();
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Migration from Cognito turned off")).toBeVisible();
  await expect(card.getByText("Off", { exact: true })).toBeVisible();
});
