// Federation through the hosted UI, end to end against a real Gatehouse and real local IdPs: a
// second oidc-provider as Google, a generic OIDC IdP and Sign in with Apple (form_post, ES256
// client secret), a Graph-style Facebook, and a SAML IdP signing real assertions. Each test goes
// from the app's /oauth2/authorize to its callback and redeems the code, as an app would.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { exportPKCS8, exportSPKI, generateKeyPair, decodeJwt } from "jose";
import pg from "pg";
import { TestBrowser, flashOf, type Page } from "../support/browser.ts";
import { CALLBACK, LOGOUT, PASSWORD } from "../support/fixtures.ts";
import { pkceAuthorizeRequest, type AuthorizeRequest } from "../support/oauth.ts";
import { freePort, startServer, type RunningServer } from "../support/server.ts";
import { signInThrough, startOidcIdp, type OidcIdp } from "../support/idps/oidc-idp.ts";
import { startFacebookIdp, type FacebookIdp } from "../support/idps/facebook-idp.ts";
import { EMAIL_CLAIM, readAutoPostForm, startSamlIdp, type SamlIdp } from "../support/idps/saml-idp.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

const needsDatabase = !process.env.DATABASE_URL && "DATABASE_URL is not set";
const POOL = "local_Fed000001";
const ALL = ["COGNITO", "Google", "Corp", "SignInWithApple", "Facebook", "Okta"];

let server: RunningServer;
let google: OidcIdp;
let corp: OidcIdp;
let apple: OidcIdp;
let facebook: FacebookIdp;
let saml: SamlIdp;
let hooks: WebhookReceiver;
let db: pg.Client;
let redirectUri: string;

before(async () => {
  if (needsDatabase) return;
  const port = await freePort();
  const base = `http://localhost:${port}`;
  redirectUri = `${base}/${POOL}/oauth2/idpresponse`;
  const appleKeys = await generateKeyPair("ES256", { extractable: true });
  [google, corp, apple, facebook, saml, hooks] = await Promise.all([
    startOidcIdp({
      kind: "google", clients: [{ client_id: "g-client", client_secret: "g-secret", redirect_uris: [redirectUri] }],
      accounts: {
        "g-100": { email: "gina@gmail.example", email_verified: true, name: "Gina Google" },
        "g-nina": { email: "nina@example.com", email_verified: true, name: "Nina at Google" },
        "g-unverified": { email: "nina@example.com", email_verified: false, name: "Not Nina" },
      },
    }),
    startOidcIdp({ clients: [{ client_id: "corp-client", client_secret: "corp-secret", redirect_uris: [redirectUri] }], accounts: { "emp-7": { email: "erin@corp.example", email_verified: true, department: "eng" } } }),
    startOidcIdp({
      kind: "apple",
      clients: [{ client_id: "com.example.web", redirect_uris: [redirectUri], apple: { publicKeyPem: await exportSPKI(appleKeys.publicKey), keyId: "KEY1234567", teamId: "TEAM123456" } }],
      accounts: { "000123.apple": { email: "ana@privaterelay.appleid.com", email_verified: true, given_name: "Ana", family_name: "Lima" } },
    }),
    startFacebookIdp({ clientId: "fb-app", clientSecret: "fb-secret", redirectUris: [redirectUri], accounts: [{ id: "10229876", name: "Fay Book", email: "fay@example.com" }] }),
    startSamlIdp({ user: { nameId: "sam@corp.example", attributes: { [EMAIL_CLAIM]: "sam@corp.example", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": "Sam" } } }),
    startWebhookReceiver(),
  ]);
  const appleKey = await exportPKCS8(appleKeys.privateKey);
  server = await startServer({
    port,
    config: {
      pools: [{
        id: POOL, name: "Federated", signInAliases: ["email"], autoVerifiedAttributes: ["email"],
        customAttributes: [{ name: "dept", type: "String", mutable: true }],
        identityProviders: [
          { name: "Google", type: "Google", details: { client_id: "g-client", client_secret: "g-secret", oidc_issuer: google.issuer }, attributeMapping: { email: "email", email_verified: "email_verified", name: "name" } },
          { name: "Corp", type: "OIDC", details: { client_id: "corp-client", client_secret: "corp-secret", oidc_issuer: corp.issuer, authorize_scopes: "openid email profile" }, attributeMapping: { email: "email", "custom:dept": "department" }, idpIdentifiers: ["corp.example"] },
          {
            name: "SignInWithApple", type: "SignInWithApple",
            details: { client_id: "com.example.web", team_id: "TEAM123456", key_id: "KEY1234567", private_key: appleKey, oidc_issuer: apple.issuer, authorize_url: `${apple.url}/auth`, token_url: `${apple.url}/token`, jwks_uri: `${apple.url}/jwks` },
            attributeMapping: { email: "email", given_name: "given_name", family_name: "family_name" },
          },
          { name: "Facebook", type: "Facebook", details: { client_id: "fb-app", client_secret: "fb-secret", ...facebook.details }, attributeMapping: { email: "email", name: "name" } },
          { name: "Okta", type: "SAML", details: { MetadataURL: saml.metadataUrl, IDPInit: "true", IDPSignout: "true" }, attributeMapping: { email: EMAIL_CLAIM, given_name: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname" } },
        ],
        triggers: { preSignUp: { url: `${hooks.url}/pre-sign-up`, secret: "whsec_federation_tests_0123456789" } },
        clients: [
          { clientId: "web", name: "Federated web", callbackUrls: [CALLBACK], logoutUrls: [LOGOUT], allowedScopes: ["openid", "email", "profile"], supportedIdentityProviders: ALL },
          { clientId: "okta-only", name: "Okta only", callbackUrls: [CALLBACK], allowedScopes: ["openid", "email"], supportedIdentityProviders: ["Okta"] },
        ],
        users: [{ username: "nina", password: PASSWORD, attributes: { email: "nina@example.com", email_verified: "true" } }],
      }],
    },
  });
  saml.useServiceProvider(await (await fetch(`${server.url}/${POOL}/saml2/metadata`)).text());
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
});

after(async () => {
  await db?.end();
  await server?.stop();
  await Promise.all([google?.stop(), corp?.stop(), apple?.stop(), facebook?.stop(), hooks?.stop()]);
  await saml?.close();
});

/** The ID token's claims after redeeming the code at the callback, as the public client "web" does. */
async function tokensAt(done: Page, request: AuthorizeRequest): Promise<Record<string, unknown>> {
  assert.ok(done.url.startsWith(CALLBACK), `expected the app's callback, ended at ${done.url}: ${flashOf(done) ?? done.html.slice(0, 300)}`);
  const code = new URL(done.url).searchParams.get("code");
  assert.ok(code, `no code at ${done.url}`);
  const answer = await fetch(`${server.url}/${POOL}/oauth2/token`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: request.clientId, code, code_verifier: request.verifier, redirect_uri: CALLBACK }),
  });
  const body = (await answer.json()) as { id_token: string };
  assert.equal(answer.status, 200, JSON.stringify(body));
  return decodeJwt(body.id_token);
}

/** Goes through an OAuth/OIDC IdP from Gatehouse's redirect to it, and back to Gatehouse with its answer. */
async function throughIdp(browser: TestBrowser, atIdp: Page): Promise<Page> {
  assert.equal(atIdp.status, 0, `expected a redirect to the IdP, got ${atIdp.url}: ${flashOf(atIdp)}`);
  const { params, via } = await signInThrough(atIdp.url, redirectUri);
  return via === "query"
    ? browser.request(`${redirectUri}?${new URLSearchParams(params)}`)
    : browser.request(redirectUri, { method: "POST", body: new URLSearchParams(params) });
}

/** Through the SAML IdP: its auto-posting form goes to Gatehouse's ACS. */
async function throughSaml(browser: TestBrowser, atIdp: Page): Promise<Page> {
  assert.equal(atIdp.status, 0, `expected a redirect to the IdP, got ${atIdp.url}`);
  const html = await (await fetch(atIdp.url)).text();
  const form = readAutoPostForm(html);
  return browser.request(form.action, { method: "POST", body: new URLSearchParams(form.fields) });
}

function start(clientId = "web", extra: Record<string, string> = {}) {
  const request = pkceAuthorizeRequest(server.url, { pool: POOL, clientId, scope: clientId === "web" ? "openid email profile" : "openid email" });
  const url = new URL(request.url);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return { ...request, url: url.toString() };
}

/** A whole sign-in from the page's button of `provider` to the ID token's claims, in a new browser. */
async function signInWith(provider: string): Promise<Record<string, unknown>> {
  const browser = new TestBrowser(server.url);
  const request = start();
  const atIdp = await browser.submit(await browser.request(request.url), { provider });
  return tokensAt(provider === "Okta" ? await throughSaml(browser, atIdp) : await throughIdp(browser, atIdp), request);
}

describe("hosted federation", { skip: needsDatabase }, () => {
  test("the sign-in page shows a button for each provider the client offers", async () => {
    const browser = new TestBrowser(server.url);
    const page = await browser.request(start().url);
    for (const label of ["Continue with Google", "Continue with Corp", "Continue with Apple", "Continue with Facebook", "Continue with Okta"]) assert.ok(page.html.includes(label), label);
    assert.ok(page.html.includes('name="password"'));
    const only = await new TestBrowser(server.url).request(start("okta-only").url);
    assert.ok(only.html.includes("Continue with Okta"));
    assert.equal(only.html.includes("Continue with Google"), false);
    assert.equal(only.html.includes('name="password"'), false, "a client without COGNITO has no password form");
  });

  test("Google: a first sign-in makes the user Cognito makes (Google_{sub}, EXTERNAL_PROVIDER, group, identities claim)", async () => {
    google.signInAs("g-100");
    const browser = new TestBrowser(server.url);
    const request = start();
    const page = await browser.request(request.url);
    const claims = await tokensAt(await throughIdp(browser, await browser.submit(page, { provider: "Google" })), request);
    assert.equal(claims["cognito:username"], "Google_g-100");
    assert.equal(claims.email, "gina@gmail.example");
    assert.equal(claims.name, "Gina Google");
    assert.deepEqual(claims["cognito:groups"], [`${POOL}_Google`]);
    const identities = claims.identities as Record<string, string>[];
    assert.equal(identities.length, 1);
    assert.deepEqual({ ...identities[0], dateCreated: undefined }, { userId: "g-100", providerName: "Google", providerType: "Google", issuer: null, primary: "true", dateCreated: undefined });
    const { rows } = await db.query(`SELECT status, "passwordHash" FROM "User" WHERE "poolId" = $1 AND username = 'Google_g-100'`, [POOL]);
    assert.deepEqual(rows, [{ status: "EXTERNAL_PROVIDER", passwordHash: null }]);

    // The pre sign-up trigger saw Cognito's PreSignUp_ExternalProvider event.
    const event = hooks.at("/pre-sign-up").map((r) => r.event!).find((e) => e.userName === "Google_g-100")!;
    assert.equal(event.triggerSource, "PreSignUp_ExternalProvider");
    assert.equal((event.request as { userAttributes: Record<string, string> }).userAttributes.email, "gina@gmail.example");

    // A second sign-in is the same user, with the IdP's attributes refreshed; no second account.
    assert.equal((await signInWith("Google")).sub, claims.sub);
    assert.equal(hooks.at("/pre-sign-up").filter((r) => r.event!.userName === "Google_g-100").length, 1);
  });

  test("identity_provider= skips the page; an unknown one goes back to the app as invalid_request", async () => {
    google.signInAs("g-100");
    const browser = new TestBrowser(server.url);
    const request = start("web", { identity_provider: "Google" });
    const atIdp = await browser.request(request.url);
    assert.ok(atIdp.url.startsWith(google.issuer), atIdp.url);
    await tokensAt(await throughIdp(browser, atIdp), request);

    const unknown = await new TestBrowser(server.url).request(start("web", { identity_provider: "Nope" }).url);
    assert.ok(unknown.url.startsWith(CALLBACK), unknown.url);
    assert.equal(new URL(unknown.url).searchParams.get("error"), "invalid_request");
  });

  test("idp_identifier= and a work email typed on the sign-in page lead to the provider with that identifier", async () => {
    const byParam = await new TestBrowser(server.url).request(start("web", { idp_identifier: "corp.example" }).url);
    assert.ok(byParam.url.startsWith(corp.issuer), byParam.url);

    const browser = new TestBrowser(server.url);
    const request = start();
    const page = await browser.request(request.url);
    // Both forms of the page post to it with the same CSRF token: the first one is as good as the login form.
    const atIdp = await browser.submit(page, { login: "erin@corp.example", password: "" });
    assert.ok(atIdp.url.startsWith(corp.issuer), atIdp.url);
    const claims = await tokensAt(await throughIdp(browser, atIdp), request);
    assert.equal(claims["custom:dept"], "eng");
    assert.equal(claims["cognito:username"], "Corp_emp-7");
  });

  test("Sign in with Apple: form_post answer, ES256 client secret, the name from Apple's first-sign-in user field", async () => {
    const claims = await signInWith("SignInWithApple");
    assert.equal(claims["cognito:username"], "SignInWithApple_000123.apple");
    assert.equal(claims.given_name, "Ana");
    assert.deepEqual(apple.rejectedClientSecrets, []);
  });

  test("Facebook: the Graph profile becomes the user", async () => {
    const claims = await signInWith("Facebook");
    assert.equal(claims["cognito:username"], "Facebook_10229876");
    assert.equal(claims.email, "fay@example.com");
  });

  test("SAML: SP-initiated from the button, with a signed request; the identities claim names the IdP's entity id", async () => {
    const claims = await signInWith("Okta");
    assert.equal(claims["cognito:username"], "Okta_sam@corp.example");
    assert.equal(claims.given_name, "Sam");
    assert.equal(saml.state.authnRequests.at(-1)!.signatureValid, true);
    const identity = (claims.identities as Record<string, string>[])[0]!;
    assert.deepEqual([identity.providerType, identity.issuer], ["SAML", saml.entityId]);
  });

  test("SAML: IdP-initiated with the authorize parameters as RelayState (IDPInit true)", async () => {
    const response = await saml.buildResponse({ audience: `urn:amazon:cognito:sp:${POOL}`, acs: `${server.url}/${POOL}/saml2/idpresponse`, sign: "assertion" });
    const request = start("okta-only");
    const relay = new URL(request.url).searchParams;
    relay.delete("state");
    const browser = new TestBrowser(server.url);
    const done = await browser.request(`${server.url}/${POOL}/saml2/idpresponse`, { method: "POST", body: new URLSearchParams({ SAMLResponse: response, RelayState: relay.toString() }) });
    await tokensAt(done, request);
    // The same response again is a replay.
    const replay = await new TestBrowser(server.url).request(`${server.url}/${POOL}/saml2/idpresponse`, { method: "POST", body: new URLSearchParams({ SAMLResponse: response, RelayState: relay.toString() }) });
    assert.equal(replay.status, 400);
    assert.match(replay.html, /already|replay|used/i);
  });

  test("SAML single logout started by the app: the session here ends, the IdP gets a signed LogoutRequest, the app's logout URL comes last", async () => {
    const browser = new TestBrowser(server.url);
    const request = start();
    await tokensAt(await throughSaml(browser, await browser.submit(await browser.request(request.url), { provider: "Okta" })), request);
    const confirm = await browser.request(`${server.url}/${POOL}/logout?${new URLSearchParams({ client_id: "web", logout_uri: LOGOUT })}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.html)?.[1];
    assert.ok(action, confirm.html.slice(0, 300));
    const fields = Object.fromEntries([...confirm.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const atIdp = await browser.request(new URL(action.replace(/&amp;/g, "&"), confirm.url).toString(), { method: "POST", body: new URLSearchParams(fields) });
    assert.ok(atIdp.url.startsWith(saml.url), `expected the IdP's logout, got ${atIdp.url}`);
    // The IdP signs the user out and answers with a signed LogoutResponse to /saml2/logout.
    const answer = await fetch(atIdp.url, { redirect: "manual" });
    const logout = saml.state.logoutRequests.at(-1)!;
    assert.deepEqual([logout.nameId, logout.signatureValid], ["sam@corp.example", true]);
    const done = await browser.request(answer.headers.get("location")!);
    assert.ok(done.url.startsWith(LOGOUT), done.url);
    // Signed out here: the next sign-in shows the sign-in page again.
    assert.match((await browser.request(start().url)).url, /\/login$/);
  });

  test("SAML single logout started by the IdP ends the user's sessions here", async () => {
    const browser = new TestBrowser(server.url);
    const request = start();
    await tokensAt(await throughSaml(browser, await browser.submit(await browser.request(request.url), { provider: "Okta" })), request);
    // Signed in: a new authorization goes straight back to the app.
    assert.ok((await browser.request(start().url)).url.startsWith(CALLBACK));
    const answer = await new TestBrowser(server.url).request(saml.logoutRequestUrl({ nameId: "sam@corp.example" }));
    assert.ok(answer.url.startsWith(saml.url), `the IdP gets our LogoutResponse: ${answer.url}`);
    assert.match((await browser.request(start().url)).url, /\/login$/);
  });

  test("an IdP's answer opens nothing in another browser, and is used once", async () => {
    google.signInAs("g-100");
    const browser = new TestBrowser(server.url);
    const atIdp = await browser.submit(await browser.request(start().url), { provider: "Google" });
    const { params } = await signInThrough(atIdp.url, redirectUri);
    const thief = new TestBrowser(server.url);
    const stolen = await thief.request(`${redirectUri}?${new URLSearchParams(params)}`);
    assert.equal(stolen.status, 400);
    assert.match(stolen.html, /expired/);
    // The thief's request spent nothing: a redirect to idp-return needs the page cookie it lacks,
    // and the owner's browser then finishes (the answer was kept for the flow, not for the thief).
    const owner = await browser.request(`${redirectUri}?${new URLSearchParams(params)}`);
    assert.ok(owner.url.startsWith(CALLBACK), owner.url);
    const again = await browser.request(`${redirectUri}?${new URLSearchParams(params)}`);
    assert.equal(again.status, 400);
  });

  test("the user cancelling at the IdP: from the page, back to it with a message; from identity_provider=, the app hears access_denied", async () => {
    google.cancelNext();
    const browser = new TestBrowser(server.url);
    const back = await throughIdp(browser, await browser.submit(await browser.request(start().url), { provider: "Google" }));
    assert.match(back.url, /\/login$/);
    assert.match(flashOf(back) ?? "", /cancelled/i);

    google.cancelNext();
    const direct = new TestBrowser(server.url);
    const done = await throughIdp(direct, await direct.request(start("web", { identity_provider: "Google" }).url));
    assert.ok(done.url.startsWith(CALLBACK), done.url);
    assert.equal(new URL(done.url).searchParams.get("error"), "access_denied");
  });

  test("a verified IdP email that a user already has: they prove the account (password) before the identity is linked", async () => {
    google.signInAs("g-nina");
    const browser = new TestBrowser(server.url);
    const request = start();
    const atLogin = await throughIdp(browser, await browser.submit(await browser.request(request.url), { provider: "Google" }));
    assert.match(atLogin.url, /\/login$/);
    assert.match(flashOf(atLogin) ?? "", /link your Google account/);
    assert.equal(atLogin.html.includes("Continue with Google"), false, "only the pool's own sign-in while proving");
    const wrong = await browser.submit(atLogin, { login: "nina@example.com", password: "Wrong-Passw0rd" });
    assert.match(wrong.url, /\/login$/);
    const claims = await tokensAt(await browser.submit(wrong, { login: "nina@example.com", password: PASSWORD }), request);
    assert.equal(claims["cognito:username"], "nina");
    assert.deepEqual((claims.identities as Record<string, string>[]).map((i) => [i.providerName, i.userId, i.primary]), [["Google", "g-nina", "false"]]);

    // From now on Google signs Nina in directly; no federated account was made.
    assert.equal((await signInWith("Google")).sub, claims.sub);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "User" WHERE "poolId" = $1 AND username = 'Google_g-nina'`, [POOL]);
    assert.equal(rows[0].n, 0);
  });

  test("an unverified IdP email does not lead to an existing account: a separate federated user is made", async () => {
    google.signInAs("g-unverified");
    const claims = await signInWith("Google");
    assert.equal(claims["cognito:username"], "Google_g-unverified");
    // And a federated user cannot be reached by the pool's own sign-in or reset (it has no password).
    const other = new TestBrowser(server.url);
    const refused = await other.submit(await other.request(start().url), { login: "Google_g-unverified", password: PASSWORD });
    assert.equal(refused.url.startsWith(CALLBACK), false);
  });
});
