// The pre token generation trigger, through every door that issues tokens: the hosted UI's code
// exchange (TokenGeneration_HostedAuth), the Cognito API's sign-in (TokenGeneration_Authentication,
// TokenGeneration_NewPasswordChallenge), refresh at /oauth2/token and through the API
// (TokenGeneration_RefreshTokens), and client credentials with V3_0 (TokenGeneration_ClientCredentials).
// A real HTTP handler checks the signature, records Cognito's event, and answers overrides; the
// tokens are decoded to see them applied, reserved claims untouched, and one call per request.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetTokensFromRefreshTokenCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig, refusal, sdkClient } from "../support/cognito-api.ts";
import { CALLBACK } from "../support/fixtures.ts";
import { callTokenEndpoint, signInForCode } from "../support/token-grants.ts";
import { HOOK_SECRET, claimsOf, setTriggers, startHookServer, type HookEvent, type HookServer } from "./hook-server.ts";
import { ADMIN_ENV } from "../support/cognito-admin.ts";

const ROLE = "arn:aws:iam::123456789012:role/Staff";
const API = "https://api.example.com";
const MACHINE = { id: "machine", secret: "machine-secret-0123456789abcdef" };

let server: RunningServer;
let hooks: HookServer;
let issuer: string;

function config() {
  const base = cognitoApiConfig();
  const pool = base.pools[0]! as Record<string, unknown> & { clients: Record<string, unknown>[]; groups: Record<string, unknown>[] };
  pool.resourceServers = [{ identifier: API, name: "API", scopes: [{ name: "read", description: "Read" }, { name: "write", description: "Write" }] }];
  pool.groups = [{ name: "staff", precedence: 5, description: "Staff", roleArn: ROLE }];
  for (const client of pool.clients) client.allowedScopes = [...(client.allowedScopes as string[]), `${API}/read`];
  pool.clients.push({
    clientId: MACHINE.id, clientSecret: MACHINE.secret, name: "worker", callbackUrls: [], logoutUrls: [],
    allowedOAuthFlows: ["client_credentials"], allowedScopes: [`${API}/read`, `${API}/write`], explicitAuthFlows: [],
  });
  return base;
}

const trigger = (version: "V1_0" | "V2_0" | "V3_0") => ({ preTokenGeneration: { url: hooks.url("/pre-token"), secret: HOOK_SECRET, version } });

before(async () => {
  hooks = await startHookServer();
  server = await startServer({ config: config(), env: ADMIN_ENV });
  issuer = `${server.url}/${API_POOL}`;
});
after(async () => {
  await server?.stop();
  await hooks?.close();
});
beforeEach(() => hooks.reset());

async function tokenEndpoint(params: Record<string, string>) {
  const response = await fetch(`${issuer}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function hostedSignIn() {
  const { code, verifier } = await signInForCode(server.url, { pool: API_POOL, clientId: "spa", login: "alice@example.com" });
  const answer = await tokenEndpoint({ grant_type: "authorization_code", client_id: "spa", code, code_verifier: verifier, redirect_uri: CALLBACK });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

const apiSignIn = () =>
  sdkClient(server).send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice@example.com", PASSWORD: API_PASSWORD } }));

/** A V2 answer that touches everything, reserved claims included (which must stay as they were). */
function v2Overrides(event: HookEvent) {
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: { tenant: "acme", profile_complete: true, sub: "someone-else", "cognito:username": "mallory", token_use: "access" },
        claimsToSuppress: ["given_name", "iss"],
      },
      accessTokenGeneration: {
        claimsToAddOrOverride: { plan: { name: "pro", seats: 5 }, token_use: "id", client_id: "other" },
        claimsToSuppress: ["exp"],
        scopesToAdd: [`${API}/write`, "aws.cognito.signin.user.admin"],
        scopesToSuppress: ["email"],
      },
      groupOverrideDetails: { groupsToOverride: ["vip"], iamRolesToOverride: ["arn:aws:iam::123456789012:role/Vip"], preferredRole: "arn:aws:iam::123456789012:role/Vip" },
    },
  };
  return event;
}

function assertV2Applied(tokens: { id_token?: string; access_token?: string; IdToken?: string; AccessToken?: string }, what: string) {
  const id = claimsOf((tokens.id_token ?? tokens.IdToken)!);
  const access = claimsOf((tokens.access_token ?? tokens.AccessToken)!);
  assert.equal(id.tenant, "acme", what);
  assert.equal(id.profile_complete, true, what);
  assert.equal(id.given_name, undefined, `${what}: given_name suppressed`);
  assert.equal(id["cognito:username"], "alice", `${what}: a reserved claim is not overridden`);
  assert.notEqual(id.sub, "someone-else", what);
  assert.equal(id.token_use, "id", what);
  assert.equal(id.iss, issuer, `${what}: a reserved claim is not suppressed`);
  assert.deepEqual(id["cognito:groups"], ["vip"], what);
  assert.deepEqual(id["cognito:roles"], ["arn:aws:iam::123456789012:role/Vip"], what);
  assert.equal(id["cognito:preferred_role"], "arn:aws:iam::123456789012:role/Vip", what);
  assert.deepEqual(access.plan, { name: "pro", seats: 5 }, what);
  assert.equal(access.token_use, "access", what);
  assert.equal(access.client_id, "spa", what);
  assert.equal(typeof access.exp, "number", `${what}: exp is not suppressed`);
  assert.deepEqual(access["cognito:groups"], ["vip"], what);
  const scopes = String(access.scope).split(" ");
  assert.ok(scopes.includes(`${API}/write`), `${what}: scope added: ${String(access.scope)}`);
  assert.ok(!scopes.includes("email"), `${what}: scope suppressed: ${String(access.scope)}`);
  return { id, access };
}

describe("pre token generation V2_0", () => {
  before(async () => setTriggers(server, API_POOL, trigger("V2_0")));

  test("the hosted UI's code exchange sends TokenGeneration_HostedAuth with Cognito's fields, once, and both tokens take the answer", async () => {
    hooks.answer("TokenGeneration_HostedAuth", v2Overrides);
    const tokens = await hostedSignIn();
    const [event, ...more] = hooks.of("TokenGeneration_HostedAuth");
    assert.ok(event, "the trigger was called");
    assert.equal(more.length, 0, "one call for the ID and access token of one request");
    assert.equal(event.version, "2");
    assert.equal(event.userPoolId, API_POOL);
    assert.equal(event.region, "local");
    assert.equal(event.userName, "alice");
    assert.equal(event.callerContext.clientId, "spa");
    const attributes = event.request.userAttributes as Record<string, string>;
    assert.equal(attributes.email, "alice@example.com");
    assert.equal(attributes["custom:tier"], "gold");
    assert.equal(attributes["cognito:user_status"], "CONFIRMED");
    assert.deepEqual(event.request.groupConfiguration, { groupsToOverride: ["staff"], iamRolesToOverride: [ROLE], preferredRole: ROLE });
    assert.ok((event.request.scopes as string[]).includes("openid"), JSON.stringify(event.request.scopes));
    assert.deepEqual(event.response, {});
    assertV2Applied(tokens, "hosted UI");
  });

  test("a refresh at /oauth2/token sends TokenGeneration_RefreshTokens", async () => {
    const first = await hostedSignIn();
    hooks.reset();
    hooks.answer("TokenGeneration_RefreshTokens", v2Overrides);
    const refreshed = await tokenEndpoint({ grant_type: "refresh_token", client_id: "spa", refresh_token: first.refresh_token! });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal(hooks.of("TokenGeneration_RefreshTokens").length, 1);
    assert.equal(hooks.events.length, 1);
    assertV2Applied(refreshed.body, "refresh at the token endpoint");
  });

  test("the Cognito API's sign-in sends TokenGeneration_Authentication, and REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken TokenGeneration_RefreshTokens", async () => {
    hooks.answer("TokenGeneration_Authentication", v2Overrides);
    const signedIn = await apiSignIn();
    const [event] = hooks.of("TokenGeneration_Authentication");
    assert.equal(event?.userName, "alice");
    assert.equal(hooks.events.length, 1);
    const { access } = assertV2Applied(signedIn.AuthenticationResult!, "InitiateAuth");
    // The API's own scope stays (a trigger cannot grant it, and cannot be asked to here).
    assert.ok(String(access.scope).includes("aws.cognito.signin.user.admin"));

    hooks.answer("TokenGeneration_RefreshTokens", v2Overrides);
    const refreshed = await sdkClient(server).send(new InitiateAuthCommand({
      ClientId: "spa", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult!.RefreshToken! },
    }));
    assert.equal(hooks.of("TokenGeneration_RefreshTokens").length, 1);
    assertV2Applied(refreshed.AuthenticationResult!, "REFRESH_TOKEN_AUTH");

    const viaGetTokens = await sdkClient(server).send(new GetTokensFromRefreshTokenCommand({
      ClientId: "spa", RefreshToken: signedIn.AuthenticationResult!.RefreshToken!, ClientMetadata: { reason: "resume" },
    }));
    const [, second] = hooks.of("TokenGeneration_RefreshTokens");
    assert.deepEqual(second?.request.clientMetadata, { reason: "resume" });
    assertV2Applied(viaGetTokens.AuthenticationResult!, "GetTokensFromRefreshToken");
  });

  test("tokens issued on a new password send TokenGeneration_NewPasswordChallenge with the clientMetadata", async () => {
    const challenge = await sdkClient(server).send(new InitiateAuthCommand({
      ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "temp@example.com", PASSWORD: "Temp0rary!" },
    }));
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const done = await sdkClient(server).send(new RespondToAuthChallengeCommand({
      ClientId: "spa", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenge.Session,
      ChallengeResponses: { USERNAME: "temp", NEW_PASSWORD: "N3wPassw0rd!" }, ClientMetadata: { app: "mobile" },
    }));
    assert.ok(done.AuthenticationResult?.IdToken);
    const [event] = hooks.of("TokenGeneration_NewPasswordChallenge");
    assert.ok(event, JSON.stringify(hooks.events.map((e) => e.triggerSource)));
    assert.deepEqual(event.request.clientMetadata, { app: "mobile" });
    assert.equal(event.userName, "temp");
  });

  test("a handler's error stops the tokens: UserLambdaValidationException from the API, invalid_request from the token endpoint", async () => {
    hooks.answer("TokenGeneration_Authentication", () => ({ errorMessage: "No tokens today" }));
    assert.deepEqual(await refusal(apiSignIn()), { name: "UserLambdaValidationException", message: "PreTokenGeneration failed with error No tokens today." });
    hooks.answer("TokenGeneration_HostedAuth", () => ({ errorMessage: "No tokens today" }));
    const { code, verifier } = await signInForCode(server.url, { pool: API_POOL, clientId: "spa", login: "alice@example.com" });
    const answer = await tokenEndpoint({ grant_type: "authorization_code", client_id: "spa", code, code_verifier: verifier, redirect_uri: CALLBACK });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.error, "invalid_request");
    assert.equal(answer.body.error_description, "PreTokenGeneration failed with error No tokens today.");
  });

  test("V2_0 does not fire for client credentials", async () => {
    const answer = await callTokenEndpoint(issuer, MACHINE, { grant_type: "client_credentials", scope: `${API}/read` });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(hooks.events.length, 0);
  });
});

describe("pre token generation V1_0", () => {
  before(async () => setTriggers(server, API_POOL, trigger("V1_0")));

  test("sends a version 1 event without scopes, changes the ID token's claims and the groups, and leaves the access token's claims", async () => {
    hooks.answer("TokenGeneration_Authentication", (event) => ({
      ...event,
      response: {
        claimsOverrideDetails: {
          claimsToAddOrOverride: { tenant: "acme", email: "hidden@example.com" }, claimsToSuppress: ["given_name"],
          groupOverrideDetails: { groupsToOverride: ["vip", "staff"] },
        },
        // A V2 answer from a V1 trigger is not applied.
        claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { plan: "pro" } } },
      },
    }));
    const { AuthenticationResult: r } = await apiSignIn();
    const [event] = hooks.of("TokenGeneration_Authentication");
    assert.equal(event?.version, "1");
    assert.equal(event.request.scopes, undefined);
    const id = claimsOf(r!.IdToken!);
    const access = claimsOf(r!.AccessToken!);
    assert.equal(id.tenant, "acme");
    assert.equal(id.email, "hidden@example.com");
    assert.equal(id.given_name, undefined);
    assert.deepEqual(id["cognito:groups"], ["vip", "staff"]);
    assert.equal(id["cognito:roles"], undefined, "the roles were overridden with none");
    assert.equal(access.plan, undefined);
    assert.equal(access.tenant, undefined);
    assert.deepEqual(access["cognito:groups"], ["vip", "staff"]);
  });
});

describe("pre token generation V3_0", () => {
  before(async () => setTriggers(server, API_POOL, trigger("V3_0")));

  test("client credentials send TokenGeneration_ClientCredentials with no user, and the access token takes the answer", async () => {
    hooks.answer("TokenGeneration_ClientCredentials", (event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: { claimsToAddOrOverride: { tenant: "acme", sub: "someone" }, scopesToAdd: [`${API}/write`], scopesToSuppress: [`${API}/read`] },
        },
      },
    }));
    const answer = await callTokenEndpoint(issuer, MACHINE, { grant_type: "client_credentials", scope: `${API}/read` });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [event, ...more] = hooks.of("TokenGeneration_ClientCredentials");
    assert.ok(event);
    assert.equal(more.length, 0);
    assert.equal(event.version, "3");
    assert.equal(event.userName, undefined);
    assert.equal(event.callerContext.clientId, MACHINE.id);
    assert.deepEqual(event.request.userAttributes, {});
    assert.deepEqual(event.request.scopes, [`${API}/read`]);
    const access = claimsOf(answer.body.access_token!);
    assert.equal(access.tenant, "acme");
    assert.equal(access.sub, MACHINE.id, "sub is reserved");
    assert.equal(access.scope, `${API}/write`);
  });

  test("V3_0 fires for users too (TokenGeneration_HostedAuth)", async () => {
    hooks.answer("TokenGeneration_HostedAuth", v2Overrides);
    const tokens = await hostedSignIn();
    assert.equal(hooks.of("TokenGeneration_HostedAuth")[0]?.version, "3");
    assertV2Applied(tokens, "V3 hosted UI");
  });
});
