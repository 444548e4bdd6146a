// Federation in Chromium: "Continue with Google" and the SAML button end at the app's callback with
// tokens carrying `identities`; identity_provider= skips the page; an existing account is linked
// once its owner proves it; and SAML responses an attacker made (unsigned, wrapped, replayed, for
// another audience, expired) are refused with a clear page, never a 500. This spec starts its own
// Gatehouse next to local IdPs (a second oidc-provider as Google, a SAML IdP signing real
// assertions), since the IdPs and Gatehouse must know each other's URLs before it starts.
import { test, expect, type Page } from "@playwright/test";
import { freePort, startServer, type RunningServer } from "../tests/support/server.ts";
import { pkceAuthorizeRequest, type AuthorizeRequest } from "../tests/support/oauth.ts";
import { createServer, type Server } from "node:http";
import { PASSWORD } from "../tests/support/fixtures.ts";
import { startOidcIdp, type OidcIdp } from "../tests/support/idps/oidc-idp.ts";
import { EMAIL_CLAIM, startSamlIdp, type SamlIdp } from "../tests/support/idps/saml-idp.ts";
import { noticeOf } from "./support.ts";

const POOL = "local_FedE2E001";
let server: RunningServer;
let google: OidcIdp;
let saml: SamlIdp;
// The app: a real callback page, since the redirect chains here cross sites (the IdPs), where
// Chromium does not let Playwright intercept the last hop.
let app: Server;
let CALLBACK = "";

test.skip(!process.env.DATABASE_URL, "federation needs the PostgreSQL the rest of the suite uses (DATABASE_URL)");

test.beforeAll(async () => {
  app = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html lang=en><title>callback</title><h1>Back in the app</h1>"));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  CALLBACK = `http://127.0.0.1:${(app.address() as { port: number }).port}/callback`;
  const port = await freePort();
  const redirectUri = `http://localhost:${port}/${POOL}/oauth2/idpresponse`;
  [google, saml] = await Promise.all([
    startOidcIdp({
      kind: "google", clients: [{ client_id: "g-client", client_secret: "g-secret", redirect_uris: [redirectUri] }],
      accounts: {
        "g-ada": { email: "ada@gmail.example", email_verified: true, name: "Ada Lovelace" },
        "g-grace": { email: "grace@example.com", email_verified: true, name: "Grace Hopper" },
      },
    }),
    startSamlIdp({ user: { nameId: "sam@corp.example", attributes: { [EMAIL_CLAIM]: "sam@corp.example" } } }),
  ]);
  server = await startServer({
    port,
    config: {
      pools: [{
        id: POOL, name: "Federated Co", signInAliases: ["email"], autoVerifiedAttributes: ["email"],
        identityProviders: [
          { name: "Google", type: "Google", details: { client_id: "g-client", client_secret: "g-secret", oidc_issuer: google.issuer }, attributeMapping: { email: "email", email_verified: "email_verified", name: "name" } },
          { name: "Okta", type: "SAML", details: { MetadataURL: saml.metadataUrl, IDPInit: "true" }, attributeMapping: { email: EMAIL_CLAIM }, idpIdentifiers: ["corp.example"] },
        ],
        clients: [{ clientId: "web", name: "Federated web", callbackUrls: [CALLBACK], allowedScopes: ["openid", "email", "profile"], supportedIdentityProviders: ["COGNITO", "Google", "Okta"] }],
        users: [{ username: "grace", password: PASSWORD, attributes: { email: "grace@example.com", email_verified: "true" } }],
      }],
    },
  });
  saml.useServiceProvider(await (await fetch(`${server.url}/${POOL}/saml2/metadata`)).text());
});

test.afterAll(async () => {
  if (process.env.FED_E2E_LOG) (await import("node:fs")).writeFileSync(process.env.FED_E2E_LOG, server?.output() ?? "");
  await server?.stop();
  await google?.stop();
  await saml?.close();
  app?.close();
});

function authorize(extra: Record<string, string> = {}): AuthorizeRequest {
  const request = pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web", scope: "openid email profile", state: `s${Date.now()}` });
  const url = new URL(request.url);
  url.searchParams.set("redirect_uri", CALLBACK);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return { ...request, url: url.toString() };
}

async function atCallback(page: Page, request: AuthorizeRequest): Promise<Record<string, unknown>> {
  await page.waitForURL((url) => url.href.startsWith(`${CALLBACK}?`), { waitUntil: "commit" }).catch((error: unknown) => {
    if (!page.url().startsWith(`${CALLBACK}?`)) throw error;
  });
  const url = new URL(page.url());
  expect(url.searchParams.get("error"), url.searchParams.get("error_description") ?? "").toBeNull();
  expect(url.searchParams.get("state")).toBe(request.state);
  const response = await fetch(`${server.url}/${POOL}/oauth2/token`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: "web", code: url.searchParams.get("code")!, redirect_uri: CALLBACK, code_verifier: request.verifier }),
  });
  const body = (await response.json()) as { id_token: string };
  expect(response.status).toBe(200);
  return JSON.parse(Buffer.from(body.id_token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

test("Continue with Google ends at the app's callback with tokens carrying identities", async ({ page }) => {
  google.signInAs("g-ada");
  const request = authorize();
  await page.goto(request.url);
  await expect(page.getByRole("button", { name: "Continue with Google" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue with Okta" })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/federation-sign-in.png", fullPage: true });
  await page.getByRole("button", { name: "Continue with Google" }).click();
  const claims = await atCallback(page, request);
  expect(claims["cognito:username"]).toBe("Google_g-ada");
  expect(claims.email).toBe("ada@gmail.example");
  expect((claims.identities as { providerName: string }[])[0]!.providerName).toBe("Google");
});

test("identity_provider=Google skips the hosted page", async ({ page }) => {
  google.signInAs("g-ada");
  const request = authorize({ identity_provider: "Google" });
  const seen: string[] = [];
  page.on("framenavigated", (frame) => seen.push(frame.url()));
  await page.goto(request.url);
  await atCallback(page, request);
  expect(seen.some((url) => url.includes("/interaction/") && url.endsWith("/login"))).toBe(false);
});

test("the SAML button ends at the callback; the identity names the IdP's entity id", async ({ page }) => {
  const request = authorize();
  await page.goto(request.url);
  await page.getByRole("button", { name: "Continue with Okta" }).click();
  const claims = await atCallback(page, request);
  expect(claims["cognito:username"]).toBe("Okta_sam@corp.example");
  const identity = (claims.identities as Record<string, string>[])[0]!;
  expect([identity.providerType, identity.issuer]).toEqual(["SAML", saml.entityId]);
});

test("a work email typed on the sign-in page goes to that organisation's IdP", async ({ page }) => {
  const request = authorize();
  await page.goto(request.url);
  await page.getByRole("textbox", { name: "Email" }).fill("sam@corp.example");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const claims = await atCallback(page, request);
  expect(claims["cognito:username"]).toBe("Okta_sam@corp.example");
});

test("an IdP email that an account already has: the owner proves the account, then the identity is linked", async ({ page }) => {
  google.signInAs("g-grace");
  const request = authorize();
  await page.goto(request.url);
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await expect(noticeOf(page)).toHaveText(/You already have an account with this email\. Sign in to it once to link your Google account\./);
  await expect(page.getByRole("button", { name: "Continue with Google" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("grace@example.com");
  await page.screenshot({ path: "test-results/e2e/federation-link.png", fullPage: true });
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const claims = await atCallback(page, request);
  expect(claims["cognito:username"]).toBe("grace");
  expect((claims.identities as Record<string, string>[]).map((i) => [i.providerName, i.userId])).toEqual([["Google", "g-grace"]]);

  // Next time Google signs Grace in at once.
  await page.context().clearCookies();
  const again = authorize();
  await page.goto(again.url);
  await page.getByRole("button", { name: "Continue with Google" }).click();
  expect((await atCallback(page, again)).sub).toBe(claims.sub);
});

/** Posts a SAML response to the ACS from another site's page, as an attacker's page would. */
async function postFromAttackerPage(page: Page, samlResponse: string, relayState: string): Promise<void> {
  await page.setContent(`<form method="post" action="${server.url}/${POOL}/saml2/idpresponse">
    <input type="hidden" name="SAMLResponse" value="${samlResponse}"><input type="hidden" name="RelayState" value="${relayState.replaceAll("&", "&amp;")}"></form>`);
  await Promise.all([page.waitForLoadState("domcontentloaded"), page.locator("form").evaluate((form: HTMLFormElement) => form.submit())]);
  await page.waitForURL((url) => url.href.startsWith(server.url));
}

test("attacker-made SAML responses are refused with a clear page: unsigned, wrapped, replayed, wrong audience, expired", async ({ page }) => {
  const audience = `urn:amazon:cognito:sp:${POOL}`;
  const acs = `${server.url}/${POOL}/saml2/idpresponse`;
  const base = authorize();
  const relay = new URLSearchParams(new URL(base.url).search);
  const cases: [string, string, RegExp][] = [
    ["unsigned", await saml.buildResponse({ audience, acs, sign: "none" }), /Invalid signature/],
    ["wrapped", saml.wrapped(await saml.buildResponse({ audience, acs, sign: "assertion" }), "admin@corp.example"), /signature wrapping/],
    ["wrong audience", await saml.buildResponse({ audience: "urn:amazon:cognito:sp:local_Other0001", acs, sign: "assertion" }), /audience mismatch/],
    ["expired", await saml.buildResponse({ audience, acs, sign: "assertion", shiftMs: -2 * 3600 * 1000 }), /expired/],
  ];
  for (const [what, response, reason] of cases) {
    await postFromAttackerPage(page, response, relay.toString());
    await expect(page.getByRole("heading"), what).toBeVisible();
    const text = await page.locator("body").innerText();
    expect(text, what).not.toMatch(/unexpected error|server_error/i);
    expect(page.url(), what).not.toContain("/callback");
    expect(text, what).toMatch(/The SAML response from Okta was refused/);
    expect(text, what).toMatch(reason);
  }
  // A valid response signs in once; the same response again is a replay.
  const valid = await saml.buildResponse({ audience, acs, sign: "assertion" });
  const request = base;
  await postFromAttackerPage(page, valid, relay.toString());
  await atCallback(page, request);
  await postFromAttackerPage(page, valid, relay.toString());
  await expect(page.locator("body")).toContainText(/already|replay/i);
  expect(page.url()).not.toContain("/callback");
});
