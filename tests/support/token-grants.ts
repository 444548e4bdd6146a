// A signed-in user's authorization code for a client, and the token endpoint called as a
// confidential client would call it: what the single-use tests for codes and refresh tokens need.
import assert from "node:assert/strict";
import { TestBrowser } from "./browser.ts";
import { CALLBACK, CONFIDENTIAL_SECRET, PASSWORD } from "./fixtures.ts";
import { pkceAuthorizeRequest } from "./oauth.ts";

export type TokenAnswer = { status: number; body: Record<string, string> };

/** The fixtures' confidential client of POOL; its refresh tokens rotate. */
export const CONFIDENTIAL_CLIENT = { id: "confidential", secret: CONFIDENTIAL_SECRET };

export async function signInForCode(baseUrl: string, options: { pool: string; clientId: string; login?: string }): Promise<{ code: string; verifier: string }> {
  const request = pkceAuthorizeRequest(baseUrl, { pool: options.pool, clientId: options.clientId, scope: "openid email" });
  const browser = new TestBrowser(baseUrl);
  const page = await browser.request(request.url);
  const done = await browser.submit(page, { login: options.login ?? "alice@example.com", password: PASSWORD });
  const code = done.url.startsWith(CALLBACK) ? new URL(done.url).searchParams.get("code") : null;
  assert.ok(code, `no code: ended at ${done.url}`);
  return { code, verifier: request.verifier };
}

export async function callTokenEndpoint(issuer: string, client: { id: string; secret: string }, params: Record<string, string>): Promise<TokenAnswer> {
  const res = await fetch(`${issuer}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

export async function userInfoStatus(issuer: string, accessToken: string): Promise<number> {
  const res = await fetch(`${issuer}/oauth2/userInfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  await res.arrayBuffer();
  return res.status;
}

export const redeemCode = (issuer: string, client: { id: string; secret: string }, grant: { code: string; verifier: string }) =>
  callTokenEndpoint(issuer, client, { grant_type: "authorization_code", code: grant.code, code_verifier: grant.verifier, redirect_uri: CALLBACK });

export const refresh = (issuer: string, client: { id: string; secret: string }, refreshToken: string) =>
  callTokenEndpoint(issuer, client, { grant_type: "refresh_token", refresh_token: refreshToken });

/** The answer to a spent, reused or revoked code or refresh token: 400 invalid_grant. */
export function assertInvalidGrant(answer: TokenAnswer, what?: string) {
  assert.equal(answer.status, 400, `${what ?? "the grant"}: ${answer.status} ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.error, "invalid_grant", what);
}

/** Of the answers to requests sent together with one grant, exactly one succeeded and every other
 * was refused as invalid_grant; returns the one that succeeded. */
export function soleWinner(answers: TokenAnswer[], what: string): TokenAnswer["body"] {
  const won = answers.filter((a) => a.status === 200);
  assert.equal(won.length, 1, `${what}: ${won.length} succeeded: ${JSON.stringify(answers.map((a) => a.status))}`);
  for (const lost of answers.filter((a) => a.status !== 200)) assertInvalidGrant(lost, `${what}: a request that lost`);
  return won[0]!.body;
}
