// The tokens of both doors — the Cognito API (InitiateAuth) and the OIDC endpoints (the
// authorization-code flow) — are one kind of token: aws-jwt-verify, as a Cognito app's backend
// uses it, accepts ID and access tokens from either; a refresh token from one door is redeemed at
// the other; and the tokens carry the same claims whichever door made them.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, API_POOL, API_USERNAME_POOL, BACKEND_SECRET, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";
import { CALLBACK } from "../support/fixtures.ts";
import { callTokenEndpoint, signInForCode } from "../support/token-grants.ts";
import { payloadOf } from "../support/cognito-clients.ts";

let server: RunningServer;
let issuer: string;

before(async () => {
  server = await startServer({ config: cognitoApiConfig() });
  issuer = `${server.url}/${API_POOL}`;
});
after(async () => {
  await server?.stop();
});

type Tokens = { idToken: string; accessToken: string; refreshToken?: string };

/** aws-jwt-verify's own fetcher speaks HTTPS only; the test server is plain HTTP on loopback (the README's custom Fetcher). */
class HttpFetcher implements Fetcher {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri);
    if (response.status !== 200) throw new Error(`${uri} answered ${response.status}`);
    return response.arrayBuffer();
  }
}

/**
 * The verifier a Cognito app's backend builds for a user pool that is not on AWS: the generic
 * verifier with the pool's issuer and JWKS, and Cognito's own checks (token_use, and client_id of an
 * access token or aud of an ID token) from aws-jwt-verify's validateCognitoJwtFields, as its README shows.
 */
function verifierFor(options: { tokenUse: "id" | "access"; clientId: string; poolIssuer?: string }) {
  const iss = options.poolIssuer ?? issuer;
  return JwtVerifier.create(
    {
      issuer: iss,
      jwksUri: `${iss}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: options.tokenUse, clientId: options.clientId }),
    },
    { jwksCache: new SimpleJwksCache({ fetcher: new HttpFetcher() }) },
  );
}

async function apiSignIn(clientId = "spa", login = "alice@example.com"): Promise<Tokens> {
  const { AuthenticationResult: r } = await sdkClient(server).send(new InitiateAuthCommand({
    ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: login, PASSWORD: API_PASSWORD },
  }));
  assert.ok(r?.IdToken && r.AccessToken && r.RefreshToken);
  return { idToken: r.IdToken, accessToken: r.AccessToken, refreshToken: r.RefreshToken };
}

async function tokenEndpoint(params: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${issuer}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** The authorization-code flow through the hosted sign-in page, redeemed by the public client. */
async function oidcSignIn(clientId = "spa"): Promise<Tokens> {
  const { code, verifier } = await signInForCode(server.url, { pool: API_POOL, clientId, login: "alice@example.com" });
  const { status, body } = await tokenEndpoint({ grant_type: "authorization_code", client_id: clientId, code, code_verifier: verifier, redirect_uri: CALLBACK });
  assert.equal(status, 200, JSON.stringify(body));
  return { idToken: body.id_token!, accessToken: body.access_token!, refreshToken: body.refresh_token };
}

const names = (jwt: string) => Object.keys(payloadOf(jwt)).sort();

describe("aws-jwt-verify", () => {
  test("verifies ID and access tokens from the Cognito API and from the OIDC endpoints", async () => {
    const idVerifier = verifierFor({ tokenUse: "id", clientId: "spa" });
    const accessVerifier = verifierFor({ tokenUse: "access", clientId: "spa" });
    for (const [door, tokens] of [["InitiateAuth", await apiSignIn()], ["authorization code", await oidcSignIn()]] as const) {
      const id = await idVerifier.verify(tokens.idToken);
      assert.equal(id.token_use, "id", door);
      assert.equal(id.aud, "spa", door);
      assert.equal(id["cognito:username"], "alice", door);
      const access = await accessVerifier.verify(tokens.accessToken);
      assert.equal(access.token_use, "access", door);
      assert.equal(access.client_id, "spa", door);
      assert.equal(access.username, "alice", door);
    }
  });

  test("refuses the other kind of token, another client's, another pool's, and a changed one", async () => {
    const tokens = await apiSignIn();
    await assert.rejects(verifierFor({ tokenUse: "id", clientId: "spa" }).verify(tokens.accessToken), /token use/i);
    await assert.rejects(verifierFor({ tokenUse: "access", clientId: "spa" }).verify(tokens.idToken), /token use/i);
    await assert.rejects(verifierFor({ tokenUse: "access", clientId: "legacy" }).verify(tokens.accessToken), /client/i);
    await assert.rejects(verifierFor({ tokenUse: "id", clientId: "legacy" }).verify(tokens.idToken), /client|audience/i);
    const elsewhere = await apiSignIn("named", "carol");
    await assert.rejects(verifierFor({ tokenUse: "access", clientId: "named" }).verify(elsewhere.accessToken), /issuer|not found in the JWKS/i);
    const otherPool = verifierFor({ tokenUse: "access", clientId: "named", poolIssuer: `${server.url}/${API_USERNAME_POOL}` });
    assert.equal((await otherPool.verify(elsewhere.accessToken)).username, "carol");
    const [header, , signature] = tokens.accessToken.split(".");
    const forged = [header, Buffer.from(JSON.stringify({ ...payloadOf(tokens.accessToken), username: "mallory" })).toString("base64url"), signature].join(".");
    await assert.rejects(verifierFor({ tokenUse: "access", clientId: "spa" }).verify(forged), /signature/i);
  });
});

describe("refresh tokens across doors", () => {
  test("a refresh token from InitiateAuth works at /oauth2/token, one from the code flow with REFRESH_TOKEN_AUTH, and every token carries the same claims", async () => {
    const api = await apiSignIn();
    const oidc = await oidcSignIn();

    const atTokenEndpoint = await tokenEndpoint({ grant_type: "refresh_token", client_id: "spa", refresh_token: api.refreshToken! });
    assert.equal(atTokenEndpoint.status, 200, JSON.stringify(atTokenEndpoint.body));
    const fromApiRefresh: Tokens = { idToken: atTokenEndpoint.body.id_token!, accessToken: atTokenEndpoint.body.access_token! };

    const { AuthenticationResult: r } = await sdkClient(server).send(new InitiateAuthCommand({
      ClientId: "spa", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: oidc.refreshToken! },
    }));
    assert.ok(r?.IdToken && r.AccessToken);
    const fromOidcRefresh: Tokens = { idToken: r.IdToken, accessToken: r.AccessToken };

    const idVerifier = verifierFor({ tokenUse: "id", clientId: "spa" });
    const accessVerifier = verifierFor({ tokenUse: "access", clientId: "spa" });
    const all = { "InitiateAuth": api, "authorization code": oidc, "InitiateAuth's refresh token at /oauth2/token": fromApiRefresh, "the code flow's refresh token at REFRESH_TOKEN_AUTH": fromOidcRefresh };
    for (const tokens of Object.values(all)) {
      await idVerifier.verify(tokens.idToken);
      await accessVerifier.verify(tokens.accessToken);
    }
    // The same grant goes on: a refreshed token names the grant of the sign-in it came from.
    assert.equal(payloadOf(fromApiRefresh.accessToken).origin_jti, payloadOf(api.accessToken).origin_jti);
    assert.equal(payloadOf(fromOidcRefresh.accessToken).origin_jti, payloadOf(oidc.accessToken).origin_jti);

    const idNames = Object.fromEntries(Object.entries(all).map(([door, t]) => [door, names(t.idToken)]));
    const accessNames = Object.fromEntries(Object.entries(all).map(([door, t]) => [door, names(t.accessToken)]));
    for (const door of Object.keys(all)) {
      assert.deepEqual(idNames[door], idNames.InitiateAuth, `ID token claims: ${door} vs InitiateAuth`);
      assert.deepEqual(accessNames[door], accessNames.InitiateAuth, `access token claims: ${door} vs InitiateAuth`);
    }
    // And the user's claims have the same values.
    for (const claim of ["sub", "email", "email_verified", "given_name", "custom:tier", "cognito:username", "cognito:groups", "token_use", "aud", "iss"]) {
      assert.deepEqual(payloadOf(oidc.idToken)[claim], payloadOf(api.idToken)[claim], claim);
    }
    for (const claim of ["sub", "username", "cognito:groups", "client_id", "token_use", "iss"]) {
      assert.deepEqual(payloadOf(oidc.accessToken)[claim], payloadOf(api.accessToken)[claim], claim);
    }
  });

  test("with a client that rotates refresh tokens, the token InitiateAuth rotated to is redeemed at /oauth2/token with the same claims", async () => {
    const secretHash = (username: string) => createHmac("sha256", BACKEND_SECRET).update(username + "backend").digest("base64");
    const client = sdkClient(server);
    const { AuthenticationResult: first } = await client.send(new InitiateAuthCommand({
      ClientId: "backend", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice@example.com", PASSWORD: API_PASSWORD, SECRET_HASH: secretHash("alice@example.com") },
    }));
    const { AuthenticationResult: rotated } = await client.send(new InitiateAuthCommand({
      ClientId: "backend", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first!.RefreshToken!, SECRET_HASH: secretHash("alice") },
    }));
    assert.ok(rotated?.RefreshToken && rotated.RefreshToken !== first!.RefreshToken, "the client rotates: a new refresh token");
    const answer = await callTokenEndpoint(issuer, { id: "backend", secret: BACKEND_SECRET }, { grant_type: "refresh_token", refresh_token: rotated.RefreshToken });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    await verifierFor({ tokenUse: "id", clientId: "backend" }).verify(answer.body.id_token!);
    await verifierFor({ tokenUse: "access", clientId: "backend" }).verify(answer.body.access_token!);
    assert.deepEqual(names(answer.body.id_token!), names(first!.IdToken!));
    assert.deepEqual(names(answer.body.access_token!), names(first!.AccessToken!));
    assert.equal(payloadOf(answer.body.id_token!).auth_time, payloadOf(first!.IdToken!).auth_time);
  });
});
