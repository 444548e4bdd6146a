// An app client sees only the attributes it may read (Cognito's ReadAttributes): the ID token from
// a real authorization-code flow and userInfo leave the others out, whatever the scopes; sub,
// cognito:username and token_use are always there. A client with the default reads everything.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as oidc from "openid-client";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser, flashOf } from "../support/browser.ts";
import { CALLBACK, PASSWORD } from "../support/fixtures.ts";
import { ATTRS_POOL, attributesPool } from "../support/client-attributes.ts";

let server: RunningServer;

before(async () => {
  server = await startServer({ config: { pools: [attributesPool()] } });
});
after(async () => {
  await server?.stop();
});

/** Authorization code + PKCE through the hosted sign-in as ada; the verified token response. */
async function signIn(clientId: string) {
  const config = await oidc.discovery(new URL(`${server.url}/${ATTRS_POOL}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK, scope: "openid email profile aws.cognito.signin.user.admin", state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
  });
  const browser = new TestBrowser(server.url);
  const login = await browser.request(url.toString());
  const back = await browser.submit(login, { login: "ada@example.com", password: PASSWORD });
  assert.ok(back.url.startsWith(CALLBACK), `expected the callback, got ${back.url}: ${flashOf(back)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { config, tokens, claims: tokens.claims()! as Record<string, unknown> };
}

async function userInfo(accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/${ATTRS_POOL}/oauth2/userInfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

describe("a client that may read only email and email_verified", () => {
  test("its ID token carries no other attribute", async () => {
    const { claims } = await signIn("email-only");
    assert.equal(claims.email, "ada@example.com");
    assert.equal(claims.email_verified, true);
    assert.equal(claims["cognito:username"], "ada");
    assert.equal(claims.token_use, "id");
    assert.ok(typeof claims.sub === "string" && claims.sub.length > 0);
    for (const name of ["given_name", "family_name", "custom:tier", "custom:tenant"]) assert.ok(!(name in claims), `${name} must not be in the ID token`);
  });

  test("its userInfo answer carries no other attribute, even with aws.cognito.signin.user.admin", async () => {
    const { tokens, claims } = await signIn("email-only");
    const info = await userInfo(tokens.access_token);
    assert.deepEqual(info, { sub: claims.sub, username: "ada", email: "ada@example.com", email_verified: "true" });
  });
});

describe("a client with the default permissions", () => {
  test("reads every attribute, custom ones included, in the ID token and userInfo", async () => {
    const { tokens, claims } = await signIn("default-web");
    assert.equal(claims.given_name, "Ada");
    assert.equal(claims["custom:tier"], "gold");
    assert.equal(claims["custom:tenant"], "acme");
    const info = await userInfo(tokens.access_token);
    assert.equal(info.family_name, "Lovelace");
    assert.equal(info["custom:tenant"], "acme");
  });
});
