// The console's Identity pools and Authorizers pages in Chromium: create an identity pool with a
// provider and a rules mapping, see what to paste into Amplify, have a bad role ARN shown at its
// field, edit it; create an authorizer with a rule and see its nginx example; delete both.
import { expect, test } from "@playwright/test";
import { audit, gatehouseUrl, POOL, signInToConsole } from "./support.ts";

test.describe.configure({ mode: "serial" });

const GOLD = "arn:aws:iam::123456789012:role/Gold";

test("create an identity pool with a provider and a rules mapping, see its id and Logins key, fix a refused role ARN, edit it", async ({ page }) => {
  await signInToConsole(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Identity pools" }).click();
  await expect(page.getByRole("heading", { name: "Identity pools", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Create identity pool" }).first().click();
  await expect(page).toHaveURL(/\/admin\/identity-pools\/new$/);

  const form = page.getByRole("form", { name: "Create identity pool" });
  await form.getByLabel("Name", { exact: true }).fill("app");
  await form.getByRole("switch", { name: "Allow guests" }).check();
  await form.getByRole("button", { name: "Add provider" }).click();
  const provider = form.getByRole("group", { name: "Provider 1" });
  await provider.getByLabel("User pool").selectOption(POOL);
  await provider.getByLabel("App client").selectOption("web");
  const loginsKey = `${new URL(gatehouseUrl()).host}/${POOL}`;
  await expect(provider.getByText(loginsKey, { exact: true })).toBeVisible();
  await provider.getByLabel("Role for these users").selectOption("Rules");
  await provider.getByLabel("Claim, rule 1 of provider 1").fill("custom:tier");
  await provider.getByLabel("Match, rule 1 of provider 1").selectOption("Equals");
  await provider.getByLabel("Value, rule 1 of provider 1").fill("gold");
  await provider.getByLabel("Role ARN, rule 1 of provider 1").fill("arn:aws:iam::123:role/Gold");
  await form.getByLabel("Authenticated role ARN", { exact: true }).fill("arn:aws:iam::123456789012:role/AppUser");
  await form.getByRole("button", { name: "Create identity pool" }).click();

  // The API refuses the short account id; its message stands under the rule.
  await expect(provider.getByText("Must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)")).toBeVisible();
  await expect(provider.getByLabel("Role ARN, rule 1 of provider 1")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "/tmp/console14-identity-pool-error.png", fullPage: true });
  await provider.getByLabel("Role ARN, rule 1 of provider 1").fill(GOLD);
  await form.getByRole("button", { name: "Create identity pool" }).click();

  await expect(page).toHaveURL(/\/admin\/identity-pools\/local%3A[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "app", level: 1 })).toBeVisible();
  const id = decodeURIComponent(page.url().split("/").pop()!);
  await expect(page.getByText(id, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy the identity pool ID" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Copy the Logins key for ${POOL}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No identities yet" })).toBeVisible();

  const settings = page.getByRole("form", { name: "Identity pool settings" });
  await expect(settings.getByLabel("Value, rule 1 of provider 1")).toHaveValue("gold");
  await expect(settings.getByLabel("Role ARN, rule 1 of provider 1")).toHaveValue(GOLD);
  await settings.getByLabel("Name", { exact: true }).fill("app two");
  await settings.getByLabel("When no role applies").selectOption("Deny");
  await settings.getByLabel("Issued by").selectOption("sts");
  await settings.getByLabel("STS region").fill("eu-west-1");
  await settings.getByLabel("Lifetime in seconds").fill("1800");
  await page.screenshot({ path: "/tmp/console14-identity-pool.png", fullPage: true });
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "app two", level: 1 })).toBeVisible();

  await page.reload();
  await expect(settings.getByLabel("When no role applies")).toHaveValue("Deny");
  await expect(settings.getByLabel("Lifetime in seconds")).toHaveValue("1800");
  await expect(page.getByText("AWS STS credentials")).toBeVisible();

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Identity pools" }).click();
  const row = page.getByRole("row", { name: /app two/ });
  await expect(row).toContainText(id);
  await expect(row).toContainText("Allowed");
  await page.screenshot({ path: "/tmp/console14-identity-pools.png", fullPage: true });
});

test("create an authorizer with a rule, see its URL and nginx example, then delete it and the identity pool", async ({ page }) => {
  await signInToConsole(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Authorizers" }).click();
  await page.getByRole("link", { name: "Create authorizer" }).first().click();
  const form = page.getByRole("form", { name: "Create authorizer" });
  await form.getByLabel("Name", { exact: true }).fill("orders");
  await form.getByRole("checkbox", { name: "Acme", exact: true }).check();
  await form.getByRole("checkbox", { name: "Acme web", exact: true }).check();
  await form.getByRole("button", { name: "Add rule" }).click();
  const rule = form.getByRole("group", { name: "Rule 1" });
  await rule.getByLabel("Path of rule 1").fill("orders/*");
  await rule.getByRole("checkbox", { name: "POST" }).check();
  await rule.getByLabel("Scopes of rule 1").fill("https://api.example.com/write");
  await form.getByRole("button", { name: "Create authorizer" }).click();
  // A path must start with /: the API's message stands at the field.
  await expect(rule.getByText("A path starting with /, optionally ending in /* (no query)")).toBeVisible();
  await rule.getByLabel("Path of rule 1").fill("/orders/*");
  await page.screenshot({ path: "/tmp/console14-authorizer-new.png", fullPage: true });
  await form.getByRole("button", { name: "Create authorizer" }).click();

  await expect(page).toHaveURL(/\/admin\/authorizers\/orders$/);
  const url = `${gatehouseUrl()}/authorizers/orders`;
  await expect(page.getByText(url, { exact: true })).toBeVisible();
  await expect(page.getByText(`proxy_pass ${url};`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy the nginx configuration" })).toBeVisible();
  const settings = page.getByRole("form", { name: "Authorizer settings" });
  await expect(settings.getByLabel("Path of rule 1")).toHaveValue("/orders/*");
  await expect(settings.getByRole("group", { name: "Rule 1" }).getByRole("checkbox", { name: "POST" })).toBeChecked();
  await settings.getByLabel("Token use").selectOption("id");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.screenshot({ path: "/tmp/console14-authorizer.png", fullPage: true });

  await page.getByRole("button", { name: "Delete authorizer" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete authorizer" }).click();
  await expect(page).toHaveURL(/\/admin\/authorizers$/);
  await expect(page.getByRole("heading", { name: "No authorizers yet" })).toBeVisible();

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Identity pools" }).click();
  await page.getByRole("link", { name: "app two" }).click();
  await page.getByRole("button", { name: "Delete identity pool" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete identity pool" }).click();
  await expect(page).toHaveURL(/\/admin\/identity-pools$/);
  await expect(page.getByRole("heading", { name: "No identity pools yet" })).toBeVisible();
});

// Here rather than in accessibility.spec.ts, which runs first: signing in to the console there would
// make the first admin before admin-console.spec.ts checks the first-run set-up.
test("axe: the console's identity pool and authorizer pages (lists, forms and detail pages)", async ({ page }) => {
  await signInToConsole(page);
  // Set up through the admin API with the console's session, as the console itself does.
  const made = await page.evaluate(async (pool) => {
    const post = async (path: string, body: unknown) => (await fetch(`/api/admin${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
    const identityPool = await post("/identity-pools", {
      name: "a11y", allowUnauthenticatedIdentities: true, providers: [{ poolId: pool, clientId: "web" }],
      roleMappings: { [`${pool}:web`]: { type: "Rules", rules: [{ claim: "custom:tier", matchType: "Equals", value: "gold", roleArn: "arn:aws:iam::123456789012:role/Gold" }] } },
    });
    await post("/authorizers", { name: "a11y", type: "COGNITO_USER_POOLS", poolIds: [pool], rules: [{ methods: ["POST"], path: "/orders/*", scopes: ["https://api.example.com/write"] }] });
    return identityPool.id as string;
  }, POOL);
  const console_ = `${gatehouseUrl()}/admin`;
  for (const [path, name] of [
    ["/identity-pools", "console-identity-pools"], ["/identity-pools/new", "console-identity-pool-new"], [`/identity-pools/${encodeURIComponent(made)}`, "console-identity-pool"],
    ["/authorizers", "console-authorizers"], ["/authorizers/new", "console-authorizer-new"], ["/authorizers/a11y", "console-authorizer"],
  ] as const) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${console_}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page, name);
  }
  await page.evaluate(async (id) => {
    await fetch("/api/admin/authorizers/a11y", { method: "DELETE" });
    await fetch(`/api/admin/identity-pools/${encodeURIComponent(id)}`, { method: "DELETE" });
  }, made);
});
