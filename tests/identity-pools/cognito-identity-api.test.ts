// Cognito Identity's API through the real AWS SDK v3 (@aws-sdk/client-cognito-identity and
// @aws-sdk/credential-providers' fromCognitoIdentityPool) pointed at Gatehouse: the unsigned calls
// an app makes, the signed ones a back end makes with an admin API key, and their refusals.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateIdentityPoolCommand, DeleteIdentitiesCommand, DeleteIdentityPoolCommand, DescribeIdentityCommand, DescribeIdentityPoolCommand, GetCredentialsForIdentityCommand,
  GetIdCommand, GetIdentityPoolRolesCommand, GetOpenIdTokenCommand, GetOpenIdTokenForDeveloperIdentityCommand, ListIdentitiesCommand, ListIdentityPoolsCommand,
  LookupDeveloperIdentityCommand, MergeDeveloperIdentitiesCommand, SetIdentityPoolRolesCommand, UnlinkDeveloperIdentityCommand, UnlinkIdentityCommand,
  UpdateIdentityPoolCommand, type CognitoIdentityClient,
} from "@aws-sdk/client-cognito-identity";
import { GlobalSignOutCommand } from "@aws-sdk/client-cognito-identity-provider";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { startServer, type RunningServer } from "../support/server.ts";
import { sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey, refusal, type SigningKey } from "../support/cognito-admin.ts";
import { CLOSED_POOL, DEVELOPER, identityClient, identityPoolsConfig, loginsKey, OPEN_POOL, opened, ROLES, signIn, USER_POOL } from "../support/identity-pools.ts";

let server: RunningServer;
let app: CognitoIdentityClient;
let key: SigningKey;
let admin: CognitoIdentityClient;

before(async () => {
  server = await startServer({ config: identityPoolsConfig(), env: ADMIN_ENV });
  app = identityClient(server);
  key = await createSigningKey(server, "identity-backend");
  admin = identityClient(server, key.credentials);
});
after(async () => {
  await server?.stop();
});

const logins = (idToken: string) => ({ [loginsKey(server)]: idToken });

describe("the app's calls (unsigned)", () => {
  test("a guest: GetId then GetCredentialsForIdentity, the unauthenticated role, Expiration a date an hour ahead", async () => {
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL }));
    assert.match(IdentityId ?? "", /^eu-west-1:[0-9a-f-]{36}$/);
    const answer = await app.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    assert.equal(answer.IdentityId, IdentityId);
    const c = answer.Credentials!;
    assert.match(c.AccessKeyId ?? "", /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretKey?.length, 40);
    assert.ok(c.Expiration instanceof Date);
    assert.ok(Math.abs(c.Expiration.getTime() - Date.now() - 3600_000) < 60_000);
    const who = opened(server, { accessKeyId: c.AccessKeyId, sessionToken: c.SessionToken });
    assert.equal(who.roleArn, ROLES.guest);
    assert.equal(who.identityId, IdentityId);
    assert.equal(who.authenticated, false);
  });

  test("a signed-in user: the same identity on every GetId, the role its Rules mapping chooses (custom:dept eng)", async () => {
    const { idToken } = await signIn(server, "alice");
    const first = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(idToken) }));
    const again = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins((await signIn(server, "alice")).idToken) }));
    assert.equal(again.IdentityId, first.IdentityId);
    const answer = await app.send(new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId, Logins: logins(idToken) }));
    const who = opened(server, answer.Credentials!);
    assert.equal(who.roleArn, ROLES.eng);
    assert.equal(who.authenticated, true);
    // No rule matches sales: the authenticated role (AmbiguousRoleResolution AuthenticatedRole).
    const carol = await signIn(server, "carol");
    const id = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(carol.idToken) }));
    const theirs = await app.send(new GetCredentialsForIdentityCommand({ IdentityId: id.IdentityId, Logins: logins(carol.idToken) }));
    assert.equal(opened(server, theirs.Credentials!).roleArn, ROLES.user);
  });

  test("a Token mapping: the group's role from cognito:preferred_role; CustomRoleArn only among cognito:roles", async () => {
    const { idToken } = await signIn(server, "bob", "tokens");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(idToken) }));
    const answer = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(idToken) }));
    assert.equal(opened(server, answer.Credentials!).roleArn, ROLES.admins);
    const chosen = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(idToken), CustomRoleArn: ROLES.admins }));
    assert.equal(opened(server, chosen.Credentials!).roleArn, ROLES.admins);
    const refused = await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(idToken), CustomRoleArn: ROLES.other })));
    assert.equal(refused.name, "NotAuthorizedException");
  });

  test("fromCognitoIdentityPool with a custom endpoint: a guest, then a user", async () => {
    const guest = await fromCognitoIdentityPool({ identityPoolId: OPEN_POOL, clientConfig: { endpoint: server.url, region: "eu-west-1" } })();
    assert.match(guest.accessKeyId, /^ASIA/);
    assert.equal(opened(server, guest).roleArn, ROLES.guest);
    assert.ok(guest.expiration instanceof Date);
    const { idToken } = await signIn(server, "dave");
    const user = await fromCognitoIdentityPool({ identityPoolId: OPEN_POOL, logins: logins(idToken), clientConfig: { endpoint: server.url, region: "eu-west-1" } })();
    assert.equal(opened(server, user).roleArn, ROLES.eng);
    assert.equal((user as { identityId?: string }).identityId, opened(server, user).identityId);
  });

  test("GetOpenIdToken: a token of {PUBLIC_URL}/identity, found by discovery, aud the identity pool, sub the identity, amr as Cognito's", async () => {
    const { idToken } = await signIn(server, "alice");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(idToken) }));
    const { Token, IdentityId: same } = await app.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins(idToken) }));
    assert.equal(same, IdentityId);
    const discovery = (await (await fetch(`${server.url}/identity/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    assert.equal(discovery.issuer, `${server.url}/identity`);
    assert.equal(discovery.jwks_uri, `${server.url}/identity/.well-known/jwks.json`);
    const { payload } = await jwtVerify(Token!, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer, audience: OPEN_POOL });
    assert.equal(payload.sub, IdentityId);
    const aliceSub = JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString()).sub as string;
    assert.deepEqual(payload.amr, ["authenticated", loginsKey(server), `${loginsKey(server)}:CognitoSignIn:${aliceSub}`]);
    const guest = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL }));
    const guestToken = await app.send(new GetOpenIdTokenCommand({ IdentityId: guest.IdentityId }));
    const { payload: guestPayload } = await jwtVerify(guestToken.Token!, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer, audience: OPEN_POOL });
    assert.deepEqual(guestPayload.amr, ["unauthenticated"]);
  });

  test("GetOpenIdToken where the pool does not allow the basic flow: InvalidParameterException, as Cognito", async () => {
    const { idToken } = await signIn(server, "alice");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: CLOSED_POOL, Logins: logins(idToken) }));
    const refused = await refusal(app.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins(idToken) })));
    assert.deepEqual(refused, { name: "InvalidParameterException", message: "Basic (classic) flow is not enabled, please use enhanced flow." });
  });

  test("UnlinkIdentity with the identity's own login: the login unlinked, next time it makes a new identity", async () => {
    const { idToken } = await signIn(server, "frank");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(idToken) }));
    const stranger = await signIn(server, "erin");
    const refused = await refusal(app.send(new UnlinkIdentityCommand({ IdentityId, Logins: logins(stranger.idToken), LoginsToRemove: [loginsKey(server)] })));
    assert.equal(refused.name, "NotAuthorizedException");
    await app.send(new UnlinkIdentityCommand({ IdentityId, Logins: logins(idToken), LoginsToRemove: [loginsKey(server)] }));
    const described = await admin.send(new DescribeIdentityCommand({ IdentityId }));
    assert.deepEqual(described.Logins, []);
    const next = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(idToken) }));
    assert.notEqual(next.IdentityId, IdentityId);
  });
});

describe("refusals", () => {
  test("an unknown identity pool: ResourceNotFoundException; a malformed id: InvalidParameterException", async () => {
    const unknown = await refusal(app.send(new GetIdCommand({ IdentityPoolId: "eu-west-1:99999999-9999-4999-8999-999999999999" })));
    assert.deepEqual(unknown, { name: "ResourceNotFoundException", message: "IdentityPool 'eu-west-1:99999999-9999-4999-8999-999999999999' not found." });
    const malformed = await refusal(app.send(new GetIdCommand({ IdentityPoolId: "not a pool" })));
    assert.equal(malformed.name, "InvalidParameterException");
    assert.match(malformed.message, /^1 validation error detected: Value 'not a pool' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  test("guests where the pool does not allow them: NotAuthorizedException", async () => {
    const refused = await refusal(app.send(new GetIdCommand({ IdentityPoolId: CLOSED_POOL })));
    assert.deepEqual(refused, { name: "NotAuthorizedException", message: "Unauthenticated access is not supported for this identity pool." });
  });

  test("a token signed out (GlobalSignOut) is refused where the provider checks server-side, and passes where it does not", async () => {
    const web = await signIn(server, "carol", "web");
    const nocheck = await signIn(server, "carol", "nocheck");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(web.idToken) }));
    await sdkClient(server).send(new GlobalSignOutCommand({ AccessToken: web.accessToken }));
    const refused = await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(web.idToken) })));
    assert.deepEqual(refused, { name: "NotAuthorizedException", message: "Invalid login token. Token has been revoked." });
    const passed = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(nocheck.idToken) }));
    assert.equal(passed.IdentityId, IdentityId);
  });

  test("a token of a client the identity pool does not list; a Deny mapping with no matching rule", async () => {
    const other = await signIn(server, "alice", "other");
    const refused = await refusal(app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(other.idToken) })));
    assert.deepEqual(refused, { name: "NotAuthorizedException", message: "Invalid login token. Incorrect token audience." });
    const strict = await signIn(server, "erin", "strict");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(strict.idToken) }));
    const denied = await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(strict.idToken) })));
    assert.equal(denied.name, "NotAuthorizedException");
    const eng = await signIn(server, "dave", "strict");
    const engId = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(eng.idToken) }));
    const allowed = await app.send(new GetCredentialsForIdentityCommand({ IdentityId: engId.IdentityId, Logins: logins(eng.idToken) }));
    assert.equal(opened(server, allowed.Credentials!).roleArn, ROLES.eng);
  });

  test("an identity with logins called without them: NotAuthorizedException", async () => {
    const { idToken } = await signIn(server, "alice");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(idToken) }));
    const refused = await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId })));
    assert.equal(refused.name, "NotAuthorizedException");
    assert.match(refused.message, /^Logins don't match/);
  });

  test("signed operations need a signature scoped to cognito-identity with an admin API key", async () => {
    const unsigned = await refusal(app.send(new DescribeIdentityPoolCommand({ IdentityPoolId: OPEN_POOL })));
    assert.equal(unsigned.name, "UnrecognizedClientException");
    const wrongService = await fetch(server.url, {
      method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.NoSuchOperation" }, body: "{}",
    });
    assert.equal(wrongService.status, 400);
    assert.equal(((await wrongService.json()) as { __type: string }).__type, "UnknownOperationException");
  });
});

describe("the back end's calls (signed with an admin API key)", () => {
  test("DescribeIdentityPool and ListIdentityPools in Cognito's shapes", async () => {
    const pool = await admin.send(new DescribeIdentityPoolCommand({ IdentityPoolId: OPEN_POOL }));
    assert.equal(pool.IdentityPoolName, "open");
    assert.equal(pool.AllowUnauthenticatedIdentities, true);
    assert.equal(pool.AllowClassicFlow, true);
    assert.equal(pool.DeveloperProviderName, DEVELOPER);
    assert.deepEqual(pool.CognitoIdentityProviders?.[1], { ProviderName: loginsKey(server), ClientId: "nocheck", ServerSideTokenCheck: false });
    const first = await admin.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    assert.deepEqual(first.IdentityPools, [{ IdentityPoolId: OPEN_POOL, IdentityPoolName: "open" }]);
    const second = await admin.send(new ListIdentityPoolsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    assert.deepEqual(second.IdentityPools, [{ IdentityPoolId: CLOSED_POOL, IdentityPoolName: "closed" }]);
    assert.equal(second.NextToken, undefined);
  });

  test("GetIdentityPoolRoles keyed as Cognito keys mappings; SetIdentityPoolRoles changes them and is audited", async () => {
    const roles = await admin.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: OPEN_POOL }));
    assert.deepEqual(roles.Roles, { authenticated: ROLES.user, unauthenticated: ROLES.guest });
    assert.deepEqual(roles.RoleMappings?.[`${loginsKey(server)}:web`], {
      Type: "Rules", AmbiguousRoleResolution: "AuthenticatedRole",
      RulesConfiguration: { Rules: [{ Claim: "custom:dept", MatchType: "Equals", Value: "eng", RoleARN: ROLES.eng }] },
    });
    assert.deepEqual(roles.RoleMappings?.[`${loginsKey(server)}:tokens`], { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" });

    await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: CLOSED_POOL, Roles: { authenticated: ROLES.other },
      RoleMappings: { [`${loginsKey(server)}:web`]: { Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: [{ Claim: "custom:dept", MatchType: "StartsWith", Value: "sa", RoleARN: ROLES.admins }] } } } }));
    const changed = await admin.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: CLOSED_POOL }));
    assert.equal(changed.Roles?.authenticated, ROLES.other);
    assert.equal(changed.RoleMappings?.[`${loginsKey(server)}:web`]?.RulesConfiguration?.Rules?.[0]?.RoleARN, ROLES.admins);
    const { idToken } = await signIn(server, "erin");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: CLOSED_POOL, Logins: logins(idToken) }));
    const creds = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(idToken) }));
    assert.equal(opened(server, creds.Credentials!).roleArn, ROLES.admins);

    const bad = await refusal(admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: CLOSED_POOL, Roles: {}, RoleMappings: { "elsewhere/pool:client": { Type: "Token", AmbiguousRoleResolution: "Deny" } } })));
    assert.equal(bad.name, "InvalidParameterException");
    const { body } = await key.api("GET", `/audit-events?poolId=${encodeURIComponent(CLOSED_POOL)}`);
    const events = body.events as { type: string; actor: string; details: { operation: string } }[];
    assert.deepEqual(events.map((e) => [e.type, e.actor, e.details.operation]), [["admin.setIdentityPoolRoles", "api-key:identity-backend", "SetIdentityPoolRoles"]]);
  });

  test("DescribeIdentity, ListIdentities (paged) and DeleteIdentities", async () => {
    const created = await admin.send(new CreateIdentityPoolCommand({ IdentityPoolName: "listing", AllowUnauthenticatedIdentities: true }));
    assert.match(created.IdentityPoolId ?? "", /^eu-west-1:[0-9a-f-]{36}$/);
    await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: created.IdentityPoolId, Roles: { unauthenticated: ROLES.guest } }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await app.send(new GetIdCommand({ IdentityPoolId: created.IdentityPoolId }))).IdentityId!);
    const described = await admin.send(new DescribeIdentityCommand({ IdentityId: ids[0] }));
    assert.equal(described.IdentityId, ids[0]);
    assert.deepEqual(described.Logins, []);
    assert.ok(described.CreationDate instanceof Date);
    const page1 = await admin.send(new ListIdentitiesCommand({ IdentityPoolId: created.IdentityPoolId, MaxResults: 2 }));
    const page2 = await admin.send(new ListIdentitiesCommand({ IdentityPoolId: created.IdentityPoolId, MaxResults: 2, NextToken: page1.NextToken }));
    assert.deepEqual([...page1.Identities!, ...page2.Identities!].map((i) => i.IdentityId).sort(), [...ids].sort());
    assert.equal(page2.NextToken, undefined);
    const deleted = await admin.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [ids[0]!] }));
    assert.deepEqual(deleted.UnprocessedIdentityIds, []);
    assert.equal((await refusal(admin.send(new DescribeIdentityCommand({ IdentityId: ids[0] })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId: ids[0] })))).name, "ResourceNotFoundException");

    const updated = await admin.send(new UpdateIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId, IdentityPoolName: "listing", AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: loginsKey(server), ClientId: "web", ServerSideTokenCheck: true }] }));
    assert.equal(updated.AllowUnauthenticatedIdentities, false);
    assert.equal((await refusal(app.send(new GetIdCommand({ IdentityPoolId: created.IdentityPoolId })))).name, "NotAuthorizedException");
    await admin.send(new DeleteIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }));
    assert.equal((await refusal(admin.send(new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId })))).name, "ResourceNotFoundException");
  });

  test("developer identities: GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity, credentials with the token, merge and unlink", async () => {
    const made = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, Logins: { [DEVELOPER]: "user-1" }, TokenDuration: 900 }));
    assert.match(made.IdentityId ?? "", /^eu-west-1:/);
    const again = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, Logins: { [DEVELOPER]: "user-1" } }));
    assert.equal(again.IdentityId, made.IdentityId);
    const { payload } = await jwtVerify(made.Token!, createRemoteJWKSet(new URL(`${server.url}/identity/.well-known/jwks.json`)), { issuer: `${server.url}/identity`, audience: OPEN_POOL });
    assert.equal(payload.sub, made.IdentityId);
    assert.equal(payload.exp! - payload.iat!, 900);
    assert.deepEqual(payload.amr, ["authenticated", DEVELOPER, `${DEVELOPER}:${OPEN_POOL}:user-1`]);

    const creds = await app.send(new GetCredentialsForIdentityCommand({ IdentityId: made.IdentityId, Logins: { "cognito-identity.amazonaws.com": made.Token! } }));
    assert.equal(opened(server, creds.Credentials!).roleArn, ROLES.user);
    assert.equal(opened(server, creds.Credentials!).identityId, made.IdentityId);
    // The developer key itself is for signed calls only: an app cannot claim a developer user.
    const claimed = await refusal(app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: { [DEVELOPER]: "user-1" } })));
    assert.equal(claimed.name, "NotAuthorizedException");

    const looked = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, DeveloperUserIdentifier: "user-1" }));
    assert.deepEqual({ id: looked.IdentityId, list: looked.DeveloperUserIdentifierList }, { id: made.IdentityId, list: ["user-1"] });
    const missing = await refusal(admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, DeveloperUserIdentifier: "nobody" })));
    assert.equal(missing.name, "ResourceNotFoundException");

    const other = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, Logins: { [DEVELOPER]: "user-2" } }));
    assert.notEqual(other.IdentityId, made.IdentityId);
    const merged = await admin.send(new MergeDeveloperIdentitiesCommand({ IdentityPoolId: OPEN_POOL, DeveloperProviderName: DEVELOPER, SourceUserIdentifier: "user-2", DestinationUserIdentifier: "user-1" }));
    assert.equal(merged.IdentityId, made.IdentityId);
    const both = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, IdentityId: made.IdentityId }));
    assert.deepEqual(both.DeveloperUserIdentifierList, ["user-1", "user-2"]);
    const page = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, IdentityId: made.IdentityId, MaxResults: 1 }));
    assert.deepEqual(page.DeveloperUserIdentifierList, ["user-1"]);
    assert.ok(page.NextToken);

    await admin.send(new UnlinkDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, IdentityId: made.IdentityId, DeveloperProviderName: DEVELOPER, DeveloperUserIdentifier: "user-2" }));
    const left = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, IdentityId: made.IdentityId }));
    assert.deepEqual(left.DeveloperUserIdentifierList, ["user-1"]);
  });

  test("a developer user linked to another identity: DeveloperUserAlreadyRegisteredException", async () => {
    const a = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, Logins: { [DEVELOPER]: "user-a" } }));
    const b = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, Logins: { [DEVELOPER]: "user-b" } }));
    const refused = await refusal(admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, IdentityId: b.IdentityId, Logins: { [DEVELOPER]: "user-a" } })));
    assert.equal(refused.name, "DeveloperUserAlreadyRegisteredException");
    assert.notEqual(a.IdentityId, b.IdentityId);
  });

  test("GetOpenIdTokenForDeveloperIdentity with an IdentityId links the developer user to a signed-in user's identity", async () => {
    const { idToken } = await signIn(server, "carol");
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins(idToken) }));
    const linked = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: OPEN_POOL, IdentityId, Logins: { [DEVELOPER]: "carol-dev" } }));
    assert.equal(linked.IdentityId, IdentityId);
    const described = await admin.send(new DescribeIdentityCommand({ IdentityId }));
    assert.deepEqual(described.Logins, [loginsKey(server), DEVELOPER]);
  });

  test("CORS as the user-pool API's: a browser's preflight and call from any origin", async () => {
    const preflight = await fetch(server.url, {
      method: "OPTIONS", headers: { origin: "http://app.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent" },
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
    assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /x-amz-target/);
    const call = await fetch(server.url, {
      method: "POST", headers: { origin: "http://app.example", "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.GetId" },
      body: JSON.stringify({ IdentityPoolId: OPEN_POOL }),
    });
    assert.equal(call.status, 200);
    assert.equal(call.headers.get("access-control-allow-origin"), "*");
    assert.match(((await call.json()) as { IdentityId: string }).IdentityId, /^eu-west-1:/);
  });
});

void USER_POOL;
