// The pool's OpenID provider driven by a real relying party (openid-client) through the hosted
// pages, with tokens verified against the JWKS.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as oidc from "openid-client";
import { createRemoteJWKSet, jwtVerify, decodeJwt } from "jose";
import { startServer, type RunningServer } from "./support/server.ts";
import { TestBrowser, flashOf } from "./support/browser.ts";
import { CALLBACK, CONFIDENTIAL_SECRET, LOGOUT, MACHINE_SECRET, PASSWORD, POOL, testConfig } from "./support/fixtures.ts";

let server: RunningServer;
let issuer: string;

before(async () => {
  server = await startServer({ config: testConfig() });
  issuer = `${server.url}/${POOL}`;
});
after(async () => {
  await server?.stop();
});

/** Matches an OAuth error from openid-client by its `error` code. */
function oauthError(code: string) {
  return (error: unknown) => {
    const e = error as { error?: string; cause?: { parameters?: { error?: string } }[] };
    const actual = e.error ?? e.cause?.[0]?.parameters?.error;
    assert.equal(actual, code);
    return true;
  };
}

async function discover(clientId: string, secret?: string) {
  return oidc.discovery(new URL(issuer), clientId, secret, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}

/** Runs authorization code + PKCE through the hosted sign-in page; returns the token response. */
async function signIn(config: oidc.Configuration, options: { email?: string; password?: string; scope?: string; browser?: TestBrowser; extra?: Record<string, string> } = {}) {
  const browser = options.browser ?? new TestBrowser(server.url);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK, scope: options.scope ?? "openid email profile", state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", ...options.extra,
  });
  let page = await browser.request(url.toString());
  if (page.url.includes("/interaction/")) {
    assert.match(page.url, /\/interaction\/[\w-]+\/login$/);
    page = await browser.submit(page, { login: options.email ?? "alice@example.com", password: options.password ?? PASSWORD });
  }
  assert.ok(page.url.startsWith(CALLBACK), `expected the callback, got ${page.url}: ${flashOf(page)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { tokens, browser, nonce };
}

describe("discovery and keys", () => {
  test("the discovery document names the pool's Cognito-style endpoints", async () => {
    const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    assert.equal(doc.issuer, issuer);
    assert.equal(doc.authorization_endpoint, `${issuer}/oauth2/authorize`);
    assert.equal(doc.token_endpoint, `${issuer}/oauth2/token`);
    assert.equal(doc.userinfo_endpoint, `${issuer}/oauth2/userInfo`);
    assert.equal(doc.revocation_endpoint, `${issuer}/oauth2/revoke`);
    assert.equal(doc.end_session_endpoint, `${issuer}/logout`);
    assert.equal(doc.jwks_uri, `${issuer}/.well-known/jwks.json`);
    const jwks = (await (await fetch(doc.jwks_uri)).json()) as { keys: { kid: string; alg: string; d?: string }[] };
    assert.ok(jwks.keys.length >= 1);
    assert.equal(jwks.keys[0]!.alg, "RS256");
    assert.equal(jwks.keys[0]!.d, undefined, "no private key material in the JWKS");
  });

  test("health answers ok once the database is migrated", async () => {
    const res = await fetch(`${server.url}/api/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
  });

  test("an unknown pool is a 404", async () => {
    const res = await fetch(`${server.url}/local_Nope00000/.well-known/openid-configuration`);
    assert.equal(res.status, 404);
  });
});

describe("authorization code with PKCE", () => {
  test("a public client gets Cognito-shaped ID and access tokens, verified against the JWKS", async () => {
    const config = await discover("web");
    const { tokens, nonce } = await signIn(config, { scope: "openid email profile https://api.example.com/read" });
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const id = (await jwtVerify(tokens.id_token!, jwks, { issuer, audience: "web" })).payload;
    assert.equal(id.token_use, "id");
    assert.equal(id["cognito:username"], "alice");
    assert.deepEqual(id["cognito:groups"], ["admins", "staff"], "groups ordered by precedence");
    assert.equal(id["cognito:preferred_role"], "arn:aws:iam::123456789012:role/Admin");
    assert.equal(id.email, "alice@example.com");
    assert.equal(id.email_verified, true);
    assert.equal(id["custom:tier"], "gold");
    assert.equal(id.given_name, "Alice");
    assert.equal(id.nonce, nonce);
    assert.equal(typeof id.auth_time, "number");
    const header = JSON.parse(Buffer.from(tokens.id_token!.split(".")[0]!, "base64url").toString());
    assert.equal(header.alg, "RS256");
    assert.ok(header.kid);

    const access = (await jwtVerify(tokens.access_token, jwks, { issuer })).payload;
    assert.equal(access.token_use, "access");
    assert.equal(access.client_id, "web");
    assert.equal(access.username, "alice");
    assert.equal(access.sub, id.sub);
    assert.equal(access.aud, undefined, "Cognito access tokens carry client_id, not aud");
    assert.deepEqual(String(access.scope).split(" ").sort(), ["email", "https://api.example.com/read", "openid", "profile"]);
    assert.deepEqual(access["cognito:groups"], ["admins", "staff"]);
    assert.equal(typeof access.auth_time, "number");
    assert.ok(tokens.refresh_token && !tokens.refresh_token.includes("."), "the refresh token is opaque");
    assert.equal(tokens.expires_in, 3600);
  });

  test("userInfo answers the attributes the access token's scopes allow", async () => {
    const config = await discover("web");
    const { tokens } = await signIn(config, { scope: "openid email" });
    const sub = decodeJwt(tokens.id_token!).sub!;
    const info = await oidc.fetchUserInfo(config, tokens.access_token, sub);
    assert.equal(info.email, "alice@example.com");
    assert.equal(info.email_verified, "true");
    assert.equal(info.given_name, undefined, "profile claims need the profile scope");
    const res = await fetch(`${issuer}/oauth2/userInfo`, { headers: { authorization: "Bearer not.a.token" } });
    assert.equal(res.status, 401);
  });

  test("a confidential client uses its secret; refresh tokens rotate and a reused one revokes the grant", async () => {
    const config = await discover("confidential", CONFIDENTIAL_SECRET);
    const { tokens } = await signIn(config);
    assert.equal(tokens.expires_in, 600);
    const first = tokens.refresh_token!;
    const refreshed = await oidc.refreshTokenGrant(config, first);
    assert.ok(refreshed.access_token);
    assert.ok(refreshed.id_token, "refresh returns a new ID token");
    assert.notEqual(refreshed.refresh_token, first, "rotation issues a new refresh token");
    await assert.rejects(oidc.refreshTokenGrant(config, first), oauthError("invalid_grant"));
    // Reuse detection: the whole grant is gone, the newest token too.
    await assert.rejects(oidc.refreshTokenGrant(config, refreshed.refresh_token!), oauthError("invalid_grant"));
  });

  test("client_secret_post is accepted like Cognito", async () => {
    const config = await oidc.discovery(new URL(issuer), "machine", MACHINE_SECRET, oidc.ClientSecretPost(MACHINE_SECRET), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.clientCredentialsGrant(config, { scope: "https://api.example.com/read" });
    assert.ok(tokens.access_token);
  });

  test("a wrong client secret is refused", async () => {
    const config = await discover("confidential", "wrong-secret-0123456789");
    await assert.rejects(oidc.refreshTokenGrant(config, "whatever"), oauthError("invalid_client"));
  });

  test("revoking a refresh token ends it and the access tokens issued from it", async () => {
    const config = await discover("web");
    const { tokens } = await signIn(config, { scope: "openid email" });
    await oidc.tokenRevocation(config, tokens.refresh_token!);
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), oauthError("invalid_grant"));
    const res = await fetch(`${issuer}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(res.status, 401);
  });

  test("a second sign-in reuses the hosted UI session, and prompt=login asks again", async () => {
    const config = await discover("web");
    const { browser } = await signIn(config);
    const again = await signIn(config, { browser }); // no form: the session signs in
    assert.ok(again.tokens.id_token);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK, scope: "openid", prompt: "login", state: "s",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
    });
    const page = await browser.request(url.toString());
    assert.match(page.url, /\/interaction\/[\w-]+\/login$/);
  });
});

describe("client credentials", () => {
  test("a machine client gets an access token with a resource-server scope", async () => {
    const config = await discover("machine", MACHINE_SECRET);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: "https://api.example.com/read" });
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const access = (await jwtVerify(tokens.access_token, jwks, { issuer })).payload;
    assert.equal(access.token_use, "access");
    assert.equal(access.client_id, "machine");
    assert.equal(access.sub, "machine");
    assert.equal(access.scope, "https://api.example.com/read");
    assert.equal(tokens.refresh_token, undefined);
  });

  test("a scope the client is not allowed is refused", async () => {
    const config = await discover("machine", MACHINE_SECRET);
    await assert.rejects(oidc.clientCredentialsGrant(config, { scope: "https://api.example.com/write" }), oauthError("invalid_scope"));
  });
});

describe("redirect and PKCE rules", () => {
  test("an unregistered redirect URI shows an error page and never redirects", async () => {
    const params = new URLSearchParams({ client_id: "web", response_type: "code", scope: "openid", redirect_uri: "http://localhost:4000/evil", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
    const res = await fetch(`${issuer}/oauth2/authorize?${params}`, { redirect: "manual" });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("location"), null);
    assert.match(await res.text(), /redirect_uri/);
  });

  test("a public client without PKCE is refused", async () => {
    const params = new URLSearchParams({ client_id: "web", response_type: "code", scope: "openid", redirect_uri: CALLBACK, state: "s" });
    const res = await fetch(`${issuer}/oauth2/authorize?${params}`, { redirect: "manual" });
    const location = res.headers.get("location") ?? "";
    assert.ok(location.startsWith(CALLBACK), "errors for a registered redirect URI go back to it");
    assert.match(location, /error=invalid_request/);
    assert.match(decodeURIComponent(location), /PKCE/);
  });

  test("Cognito's /login is an alias of the authorization endpoint", async () => {
    const res = await fetch(`${issuer}/login?client_id=web&response_type=code`, { redirect: "manual" });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), `${issuer}/oauth2/authorize?client_id=web&response_type=code`);
  });
});

describe("logout", () => {
  test("Cognito's /logout?client_id&logout_uri ends the session and returns to the app", async () => {
    const config = await discover("web");
    const { browser } = await signIn(config);
    let page = await browser.request(`${issuer}/logout?client_id=web&logout_uri=${encodeURIComponent(LOGOUT)}`);
    // The sign-out page auto-submits its form; do what the browser would.
    const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(action && xsrf, page.html.slice(0, 300));
    page = await browser.request(new URL(action, page.url).toString(), { method: "POST", body: new URLSearchParams({ xsrf: xsrf, logout: "yes" }) });
    assert.equal(page.url, LOGOUT);
    // Signed out: the next authorization asks for the password again.
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid", code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" });
    assert.match((await browser.request(url.toString())).url, /\/login$/);
  });

  test("signing out without a logout_uri ends on Gatehouse's own signed-out page", async () => {
    const config = await discover("web");
    const { browser } = await signIn(config);
    let page = await browser.request(`${issuer}/logout?client_id=web`);
    const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(action && xsrf, page.html.slice(0, 300));
    page = await browser.request(new URL(action, page.url).toString(), { method: "POST", body: new URLSearchParams({ xsrf: xsrf, logout: "yes" }) });
    assert.equal(new URL(page.url).pathname, `${new URL(issuer).pathname}/logout/success`);
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>You have signed out<\/h1>/);
  });

  test("an unregistered logout_uri is refused", async () => {
    const res = await fetch(`${issuer}/logout?client_id=web&logout_uri=${encodeURIComponent("http://localhost:4000/evil")}`, { redirect: "follow" });
    assert.equal(res.status, 400);
  });
});

describe("restart", () => {
  test("signing keys and sessions survive a restart", async () => {
    const config = await discover("web");
    const { browser } = await signIn(config);
    const before = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    await server.restart();
    const after = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    assert.deepEqual(after.keys.map((k) => k.kid), before.keys.map((k) => k.kid));
    const fresh = await discover("web");
    const again = await signIn(fresh, { browser }); // the session from before the restart
    assert.ok(again.tokens.id_token);
  });
});
