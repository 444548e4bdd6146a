// The pre token generation answer applied to token payloads: claims added, overridden and
// suppressed, reserved claims untouched, groups and scopes replaced as Cognito replaces them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyAccessTokenOverrides, applyIdTokenOverrides, markTokenRequest, tokenRequestOf, type TokenOverrides } from "./pre-token-generation.ts";

const none = (): TokenOverrides => ({ id: { add: {}, suppress: [] }, access: { add: {}, suppress: [], scopesToAdd: [], scopesToSuppress: [] }, groups: null });

test("reserved ID token claims cannot be set or suppressed; others can, and suppression wins", () => {
  const payload: Record<string, unknown> = { sub: "u1", iss: "x", token_use: "id", "cognito:username": "alice", email: "a@example.com", nickname: "al" };
  applyIdTokenOverrides(payload, { ...none(), id: { add: { sub: "u2", token_use: "access", tenant: "acme", nickname: "x" }, suppress: ["iss", "email", "nickname"] } });
  assert.deepEqual(payload, { sub: "u1", iss: "x", token_use: "id", "cognito:username": "alice", tenant: "acme" });
});

test("group overrides replace groups, roles and the preferred role; an empty override removes them", () => {
  const payload: Record<string, unknown> = { "cognito:groups": ["staff"], "cognito:roles": ["r1"], "cognito:preferred_role": "r1" };
  applyIdTokenOverrides(payload, { ...none(), groups: { groups: ["vip"], roles: [], preferredRole: null } });
  assert.deepEqual(payload, { "cognito:groups": ["vip"] });
});

test("access token scopes: added (never the self-service scope), suppressed, and the claim dropped when none remain", () => {
  const payload: Record<string, unknown> = { scope: "openid email", client_id: "spa" };
  applyAccessTokenOverrides(payload, { ...none(), access: { add: { client_id: "x", plan: "pro" }, suppress: [], scopesToAdd: ["api/read", "aws.cognito.signin.user.admin", "bad scope"], scopesToSuppress: ["email"] } });
  assert.deepEqual(payload, { scope: "openid api/read", client_id: "spa", plan: "pro" });
  applyAccessTokenOverrides(payload, { ...none(), access: { add: {}, suppress: [], scopesToAdd: [], scopesToSuppress: ["openid", "api/read"] } });
  assert.equal(payload.scope, undefined);
});

test("the trigger source comes from the Cognito API's mark, else the token endpoint's grant type", () => {
  assert.equal(tokenRequestOf({ oidc: { route: "token", params: { grant_type: "authorization_code" } } }).source, "HostedAuth");
  assert.equal(tokenRequestOf({ oidc: { route: "token", params: { grant_type: "refresh_token" } } }).source, "RefreshTokens");
  assert.equal(tokenRequestOf({ oidc: { route: "token", params: { grant_type: "client_credentials" } } }).source, "ClientCredentials");
  const ctx = { oidc: { route: "token", params: { grant_type: "refresh_token" } } };
  markTokenRequest(ctx, { source: "NewPasswordChallenge" });
  assert.equal(tokenRequestOf(ctx).source, "NewPasswordChallenge");
});
