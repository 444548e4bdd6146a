// The console's Identity providers tab in Chromium: adding an OpenID Connect provider, editing it
// without retyping its secret, a refusal shown at its field, offering the provider on an app
// client, linking and unlinking a user's identity, and deleting the provider.
import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { gatehouseUrl, POOL, signInToConsole } from "./support.ts";

test.describe.configure({ mode: "serial" });

const SECRET = "okta-secret-typed-once-0123456789";

const tab = (poolPath = "") => `${gatehouseUrl()}/admin/pools/${POOL}${poolPath}`;

test("add an OpenID Connect provider, edit it keeping its secret, and see what to register at the IdP", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(tab());
  await page.getByRole("link", { name: "Identity providers" }).click();
  await expect(page).toHaveURL(tab("/identity-providers"));
  await expect(page.getByRole("heading", { name: "No identity providers yet" })).toBeVisible();
  await expect(page.getByText(`${gatehouseUrl()}/${POOL}/oauth2/idpresponse`)).toBeVisible();
  await expect(page.getByText(`urn:amazon:cognito:sp:${POOL}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy the SAML metadata URL" })).toBeVisible();

  await page.getByRole("button", { name: "Add provider" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add an identity provider" });
  await dialog.getByLabel("Type").selectOption("OIDC");
  await dialog.getByLabel("Name").fill("Okta");
  await dialog.getByLabel("Issuer URL").fill("https://acme.okta.example.com");
  await dialog.getByLabel("Client ID").fill("okta-client");
  await dialog.getByLabel("Client secret").fill(SECRET);
  await dialog.getByLabel("Identifiers").fill("acme.com");
  await dialog.screenshot({ path: "/tmp/idp-console-dialog.png" });
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: /Okta/ });
  await expect(row).toContainText("OpenID Connect");
  await expect(row).toContainText("acme.com");
  await expect(row).toContainText("Stored");
  await expect(page.getByText(SECRET)).toHaveCount(0);

  await page.getByRole("button", { name: "Edit Okta" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Okta" });
  await expect(edit.getByLabel("Client secret")).toHaveValue("");
  await expect(edit.getByText("Stored — leave empty to keep it.", { exact: false })).toBeVisible();
  await edit.getByLabel("Client ID").fill("okta-client-2");
  await edit.getByRole("button", { name: "Save provider" }).click();
  await expect(edit).toBeHidden();

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.screenshot({ path: "/tmp/idp-console.png", fullPage: true });
});

test("a provider the server refuses shows the problem at its field", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(tab("/identity-providers"));
  await page.getByRole("button", { name: "Add provider" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an identity provider" });
  await dialog.getByLabel("Type").selectOption("Google");
  await expect(dialog.getByLabel("Name")).toHaveValue("Google");
  await dialog.getByLabel("Client ID").fill("g-client");
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog.getByLabel("Client secret")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Client secret is required (none is stored for this provider).")).toBeVisible();
  await expect(dialog.getByRole("alert").filter({ hasText: "Check the fields marked below." })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("an app client offers the provider under Sign-in providers", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(tab("/clients/web"));
  const group = page.getByRole("group", { name: "Sign-in providers" });
  await expect(group.getByLabel("User pool (username and password)")).toBeChecked();
  await group.getByLabel("Okta").check();
  await group.screenshot({ path: "test-results/e2e/client-sign-in-providers.png" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "Sign-in providers" }).getByLabel("Okta")).toBeChecked();
});

test("a user is linked to an identity at the provider and unlinked", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(tab("/users/alice"));
  const form = page.getByRole("form", { name: "Link an identity" });
  await form.getByLabel("User id at the provider").fill("00u-alice");
  await form.getByRole("button", { name: "Link identity" }).click();
  const linked = page.getByRole("list", { name: "Linked identities" });
  await expect(linked).toContainText("00u-alice");
  await page.screenshot({ path: "/tmp/idp-console-user.png", fullPage: true });
  await page.getByRole("button", { name: "Unlink 00u-alice at Okta" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unlink" }).click();
  await expect(page.getByText("No identity at an identity provider signs in as this user.")).toBeVisible();
});

test("deleting the provider takes it off the client", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(tab("/identity-providers"));
  await page.getByRole("button", { name: "Delete Okta" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete provider" }).click();
  await expect(page.getByRole("heading", { name: "No identity providers yet" })).toBeVisible();
  await page.goto(tab("/clients/web"));
  await expect(page.getByRole("group", { name: "Sign-in providers" }).getByLabel("Okta")).toHaveCount(0);
});
