// What a pool holds, managed through Cognito's API with the real AWS SDK signed with an admin API
// key: groups and their members, the pool's description and the pool list, app clients (and that
// their settings take effect), and resource servers.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminAddUserToGroupCommand, AdminInitiateAuthCommand, AdminListGroupsForUserCommand, AdminRemoveUserFromGroupCommand, CreateGroupCommand,
  CreateResourceServerCommand, CreateUserPoolClientCommand, DeleteGroupCommand, DeleteUserPoolClientCommand, DescribeResourceServerCommand,
  DescribeUserPoolClientCommand, DescribeUserPoolCommand, GetGroupCommand, InitiateAuthCommand, ListGroupsCommand, ListResourceServersCommand,
  ListUserPoolClientsCommand, ListUserPoolsCommand, ListUsersInGroupCommand, UpdateGroupCommand, UpdateUserPoolClientCommand, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { secretHashOf } from "../../lib/cognito-api/app-client.ts";
import { API_MFA_POOL, API_PASSWORD, API_POOL, API_USERNAME_POOL, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey, refusal, type SigningKey } from "../support/cognito-admin.ts";
import { startServer, type RunningServer } from "../support/server.ts";

let server: RunningServer;
let key: SigningKey;
let cognito: CognitoIdentityProviderClient;
let publicApi: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: cognitoApiConfig(), env: ADMIN_ENV });
  key = await createSigningKey(server, "infra");
  cognito = key.cognito;
  publicApi = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  publicApi?.destroy();
  await server?.stop();
});

const ROLE = "arn:aws:iam::123456789012:role/Editors";
const signIn = (ClientId: string, USERNAME = "alice", extra: Record<string, string> = {}) =>
  cognito.send(new AdminInitiateAuthCommand({ UserPoolId: API_POOL, ClientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD: API_PASSWORD, ...extra } }));

describe("groups", () => {
  test("CreateGroup, GetGroup and UpdateGroup answer Cognito's GroupType; UpdateGroup changes only what it is given", async () => {
    const { Group: created } = await cognito.send(new CreateGroupCommand({ UserPoolId: API_POOL, GroupName: "editors", Description: "Edit things", Precedence: 3, RoleArn: ROLE }));
    assert.equal(created?.GroupName, "editors");
    assert.equal(created?.UserPoolId, API_POOL);
    assert.equal(created?.Description, "Edit things");
    assert.equal(created?.Precedence, 3);
    assert.equal(created?.RoleArn, ROLE);
    assert.ok(created?.CreationDate instanceof Date && created.LastModifiedDate instanceof Date);
    const { Group: updated } = await cognito.send(new UpdateGroupCommand({ UserPoolId: API_POOL, GroupName: "editors", Precedence: 1 }));
    assert.equal(updated?.Precedence, 1);
    assert.equal(updated?.Description, "Edit things");
    const { Group: read } = await cognito.send(new GetGroupCommand({ UserPoolId: API_POOL, GroupName: "editors" }));
    assert.deepEqual(read, updated);
  });

  test("refusals: a taken name is GroupExistsException, an unknown group ResourceNotFoundException, a bad role InvalidParameterException", async () => {
    assert.equal((await refusal(cognito.send(new CreateGroupCommand({ UserPoolId: API_POOL, GroupName: "staff" })))).name, "GroupExistsException");
    assert.equal((await refusal(cognito.send(new GetGroupCommand({ UserPoolId: API_POOL, GroupName: "nosuch" })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new UpdateGroupCommand({ UserPoolId: API_POOL, GroupName: "nosuch", Precedence: 1 })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new DeleteGroupCommand({ UserPoolId: API_POOL, GroupName: "nosuch" })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new CreateGroupCommand({ UserPoolId: API_POOL, GroupName: "roles", RoleArn: "arn:aws:s3:::not-a-role-at-all" })))).name, "InvalidParameterException");
    assert.equal((await refusal(cognito.send(new CreateGroupCommand({ UserPoolId: "local_NoSuchPoo", GroupName: "x" })))).name, "ResourceNotFoundException");
  });

  test("ListGroups pages through the pool's groups by name", async () => {
    for (const name of ["g-one", "g-two", "g-three"]) await cognito.send(new CreateGroupCommand({ UserPoolId: API_USERNAME_POOL, GroupName: name }));
    const first = await cognito.send(new ListGroupsCommand({ UserPoolId: API_USERNAME_POOL, Limit: 2 }));
    assert.deepEqual(first.Groups?.map((g) => g.GroupName), ["g-one", "g-three"]);
    const second = await cognito.send(new ListGroupsCommand({ UserPoolId: API_USERNAME_POOL, Limit: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.Groups?.map((g) => g.GroupName), ["g-two"]);
    assert.equal(second.NextToken, undefined);
  });

  test("members: AdminAddUserToGroup puts the group in the user's tokens, AdminRemoveUserFromGroup takes it out, DeleteGroup leaves the members", async () => {
    await cognito.send(new CreateGroupCommand({ UserPoolId: API_POOL, GroupName: "testers" }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: API_POOL, Username: "alice", GroupName: "testers" }));
    assert.deepEqual(decodeJwt((await signIn("spa")).AuthenticationResult!.AccessToken!)["cognito:groups"], ["staff", "testers"]);
    const { Users: members } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: API_POOL, GroupName: "testers" }));
    assert.deepEqual(members?.map((u) => u.Username), ["alice"]);
    const { Groups: groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: API_POOL, Username: "alice" }));
    assert.deepEqual(groups?.map((g) => g.GroupName), ["staff", "testers"]);

    await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: API_POOL, Username: "alice", GroupName: "testers" }));
    assert.deepEqual(decodeJwt((await signIn("spa")).AuthenticationResult!.AccessToken!)["cognito:groups"], ["staff"]);

    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: API_POOL, Username: "alice", GroupName: "testers" }));
    await cognito.send(new DeleteGroupCommand({ UserPoolId: API_POOL, GroupName: "testers" }));
    assert.equal((await refusal(cognito.send(new GetGroupCommand({ UserPoolId: API_POOL, GroupName: "testers" })))).name, "ResourceNotFoundException");
    assert.deepEqual(decodeJwt((await signIn("spa")).AuthenticationResult!.AccessToken!)["cognito:groups"], ["staff"]);

    assert.equal((await refusal(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: API_POOL, Username: "alice", GroupName: "nosuch" })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: API_POOL, Username: "nobody", GroupName: "staff" })))).name, "UserNotFoundException");
  });
});

describe("user pools", () => {
  test("DescribeUserPool maps the pool's settings to Cognito's UserPoolType", async () => {
    const { UserPool: pool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: API_POOL }));
    assert.equal(pool?.Id, API_POOL);
    assert.equal(pool?.Name, "Api");
    assert.equal(pool?.Arn, `arn:aws:cognito-idp:local:000000000000:userpool/${API_POOL}`);
    assert.deepEqual(pool?.Policies?.PasswordPolicy, {
      MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 7,
    });
    assert.equal(pool?.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(pool?.UsernameAttributes, ["email"]);
    assert.equal(pool?.AliasAttributes, undefined);
    assert.deepEqual(pool?.AutoVerifiedAttributes, ["email"]);
    assert.equal(pool?.AdminCreateUserConfig?.AllowAdminCreateUserOnly, false);
    assert.equal(pool?.EstimatedNumberOfUsers, 3);
    assert.ok(pool?.CreationDate instanceof Date && pool.LastModifiedDate instanceof Date);
    const schema = new Map(pool?.SchemaAttributes?.map((a) => [a.Name, a]));
    assert.deepEqual(schema.get("custom:tier"), { Name: "custom:tier", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: {} });
    assert.equal(schema.get("email")?.Required, true);
    assert.equal(schema.get("given_name")?.Required, false);
    assert.equal(schema.get("sub")?.Mutable, false);
    assert.equal(schema.get("email_verified")?.AttributeDataType, "Boolean");

    const { UserPool: named } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: API_USERNAME_POOL }));
    assert.deepEqual(named?.AliasAttributes, ["email"]);
    assert.equal(named?.UsernameAttributes, undefined);
    assert.equal(named?.MfaConfiguration, "OFF");
  });

  test("an unknown pool, and the console's own pool, are ResourceNotFoundException", async () => {
    assert.equal((await refusal(cognito.send(new DescribeUserPoolCommand({ UserPoolId: "local_NoSuchPoo" })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new DescribeUserPoolCommand({ UserPoolId: "system_Gatehouse" })))).name, "ResourceNotFoundException");
  });

  test("ListUserPools pages through every pool but the console's", async () => {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
      assert.ok((page.UserPools?.length ?? 0) <= 2);
      ids.push(...(page.UserPools ?? []).map((p) => p.Id!));
      token = page.NextToken;
    } while (token);
    assert.deepEqual(ids, [API_POOL, API_MFA_POOL, API_USERNAME_POOL].sort());
    const { UserPools: [first] = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 1 }));
    assert.ok(first?.Name && first.CreationDate instanceof Date);
    assert.equal((await refusal(cognito.send(new ListUserPoolsCommand({ MaxResults: 61 })))).name, "InvalidParameterException");
  });
});

describe("app clients", () => {
  test("a client made with only a name gets Cognito's defaults: no OAuth, SRP and refresh flows, an hour's tokens, 30 days' refresh", async () => {
    const { UserPoolClient: client } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: API_POOL, ClientName: "plain app" }));
    assert.match(client!.ClientId!, /^[a-z0-9]{26}$/);
    assert.equal(client!.ClientSecret, undefined);
    assert.equal(client!.UserPoolId, API_POOL);
    assert.deepEqual(client!.ExplicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
    assert.deepEqual([client!.AccessTokenValidity, client!.IdTokenValidity, client!.RefreshTokenValidity], [1, 1, 30]);
    assert.deepEqual(client!.TokenValidityUnits, { AccessToken: "hours", IdToken: "hours", RefreshToken: "days" });
    assert.deepEqual(client!.AllowedOAuthFlows, []);
    assert.equal(client!.AllowedOAuthFlowsUserPoolClient, false);
    assert.equal(client!.PreventUserExistenceErrors, "ENABLED");
    assert.equal(client!.EnableTokenRevocation, true);
    assert.deepEqual(client!.SupportedIdentityProviders, ["COGNITO"]);
    assert.equal((await refusal(signIn(client!.ClientId!))).message, "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client");
    const { UserPoolClient: read } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: client!.ClientId }));
    assert.deepEqual(read, client);
  });

  test("a client's settings take effect: its secret (shown once) makes SECRET_HASH, its flows and token validity apply", async () => {
    const { UserPoolClient: client } = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientName: "server app", GenerateSecret: true,
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      AccessTokenValidity: 30, IdTokenValidity: 2, RefreshTokenValidity: 12, TokenValidityUnits: { AccessToken: "minutes", RefreshToken: "hours" },
      AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid", "email"], CallbackURLs: ["https://app.example.com/callback"],
      ReadAttributes: ["email", "given_name"], PreventUserExistenceErrors: "LEGACY", RefreshTokenRotation: { Feature: "ENABLED" },
    }));
    const clientId = client!.ClientId!;
    assert.ok(client!.ClientSecret && client!.ClientSecret.length >= 36);
    assert.deepEqual([client!.AccessTokenValidity, client!.IdTokenValidity, client!.RefreshTokenValidity], [30, 2, 12]);
    assert.deepEqual(client!.TokenValidityUnits, { AccessToken: "minutes", IdToken: "hours", RefreshToken: "hours" });
    assert.deepEqual(client!.AllowedOAuthFlows, ["code"]);
    assert.equal(client!.AllowedOAuthFlowsUserPoolClient, true);
    assert.deepEqual(client!.ReadAttributes, ["email", "given_name"]);
    assert.equal(client!.RefreshTokenRotation?.Feature, "ENABLED");

    const { UserPoolClient: read } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: clientId }));
    assert.equal(read!.ClientSecret, undefined, "the secret is shown only at creation");
    assert.equal((await refusal(signIn(clientId))).name, "NotAuthorizedException");
    const tokens = (await signIn(clientId, "alice", { SECRET_HASH: secretHashOf(client!.ClientSecret, "alice", clientId) })).AuthenticationResult!;
    const access = decodeJwt(tokens.AccessToken!);
    assert.equal(access.client_id, clientId);
    assert.equal(access.exp! - access.iat!, 30 * 60);
    assert.equal(tokens.ExpiresIn, 30 * 60);
    assert.equal(decodeJwt(tokens.IdToken!)["custom:tier"], undefined, "the ID token carries only readable attributes");
  });

  test("UpdateUserPoolClient sets what it is given and resets the rest to the defaults, as Cognito's does", async () => {
    const { UserPoolClient: created } = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientName: "changing app", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH"], AccessTokenValidity: 2,
    }));
    const clientId = created!.ClientId!;
    assert.ok((await signIn(clientId)).AuthenticationResult);
    const { UserPoolClient: updated } = await cognito.send(new UpdateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientId: clientId, ClientName: "renamed app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
    }));
    assert.equal(updated!.ClientName, "renamed app");
    assert.deepEqual(updated!.ExplicitAuthFlows, ["ALLOW_USER_PASSWORD_AUTH"]);
    assert.equal(updated!.AccessTokenValidity, 1);
    assert.equal((await refusal(signIn(clientId))).name, "InvalidParameterException");
    const viaPublic = await publicApi.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD: API_PASSWORD } }));
    assert.ok(viaPublic.AuthenticationResult?.AccessToken);
    const { UserPoolClient: kept } = await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: clientId }));
    assert.equal(kept!.ClientName, "renamed app");
    assert.equal((await refusal(cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: "nosuchclient", ClientName: "x" })))).name, "ResourceNotFoundException");
    // A client is found only in its own pool.
    assert.equal((await refusal(cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: API_USERNAME_POOL, ClientId: clientId })))).name, "ResourceNotFoundException");
  });

  test("the admin API's client rules refuse what they refuse there", async () => {
    const create = (extra: object) => refusal(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: API_POOL, ClientName: "bad app", ...extra })));
    assert.equal((await create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code"] })).name, "InvalidParameterException");
    assert.equal((await create({ AllowedOAuthScopes: ["https://nowhere/scope"] })).name, "InvalidParameterException");
    assert.equal((await create({ SupportedIdentityProviders: ["Google"] })).name, "InvalidParameterException");
    assert.equal((await create({ ClientSecret: "a-secret-i-made-up-myself-0123456789" })).name, "InvalidParameterException");
    assert.equal((await create({ ReadAttributes: ["custom:nope"] })).name, "InvalidParameterException");
    assert.equal((await create({ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: "days" } })).name, "InvalidParameterException");
    const { UserPoolClients: clients } = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: API_POOL }));
    assert.ok(!clients?.some((c) => c.ClientName === "bad app"));
  });

  test("ListUserPoolClients pages through the pool's clients; DeleteUserPoolClient removes one and its sign-ins", async () => {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: API_MFA_POOL, MaxResults: 1, NextToken: token }));
      ids.push(...(page.UserPoolClients ?? []).map((c) => c.ClientId!));
      token = page.NextToken;
    } while (token);
    assert.deepEqual(ids, ["mfa-spa"]);
    const { UserPoolClients: apiClients } = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: API_POOL, MaxResults: 60 }));
    for (const id of ["spa", "backend", "srponly", "legacy"]) assert.ok(apiClients?.some((c) => c.ClientId === id && c.UserPoolId === API_POOL), id);

    const { UserPoolClient: doomed } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: API_POOL, ClientName: "doomed", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
    const tokens = (await signIn(doomed!.ClientId!)).AuthenticationResult!;
    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: doomed!.ClientId }));
    assert.equal((await refusal(cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: doomed!.ClientId })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(signIn(doomed!.ClientId!))).name, "ResourceNotFoundException");
    const refreshed = await refusal(cognito.send(new AdminInitiateAuthCommand({ UserPoolId: API_POOL, ClientId: doomed!.ClientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })));
    assert.equal(refreshed.name, "ResourceNotFoundException");
  });
});

describe("resource servers", () => {
  test("CreateResourceServer, DescribeResourceServer and ListResourceServers; its scopes can be given to a client", async () => {
    const scopes = [{ ScopeName: "read", ScopeDescription: "Read things" }, { ScopeName: "write", ScopeDescription: "Write things" }];
    const { ResourceServer: created } = await cognito.send(new CreateResourceServerCommand({ UserPoolId: API_POOL, Identifier: "https://api.example.com", Name: "Example API", Scopes: scopes }));
    assert.deepEqual(created, { UserPoolId: API_POOL, Identifier: "https://api.example.com", Name: "Example API", Scopes: scopes });
    const { ResourceServer: read } = await cognito.send(new DescribeResourceServerCommand({ UserPoolId: API_POOL, Identifier: "https://api.example.com" }));
    assert.deepEqual(read, created);
    await cognito.send(new CreateResourceServerCommand({ UserPoolId: API_POOL, Identifier: "billing", Name: "Billing" }));
    const first = await cognito.send(new ListResourceServersCommand({ UserPoolId: API_POOL, MaxResults: 1 }));
    const second = await cognito.send(new ListResourceServersCommand({ UserPoolId: API_POOL, MaxResults: 1, NextToken: first.NextToken }));
    assert.deepEqual([...first.ResourceServers!, ...second.ResourceServers!].map((s) => s.Identifier), ["billing", "https://api.example.com"]);
    assert.equal(second.NextToken, undefined);

    const { UserPoolClient: machine } = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientName: "machine", GenerateSecret: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["https://api.example.com/read"],
    }));
    const response = await fetch(`${server.url}/${API_POOL}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${machine!.ClientId}:${machine!.ClientSecret}`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "https://api.example.com/read" }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(decodeJwt(((await response.json()) as { access_token: string }).access_token).scope, "https://api.example.com/read");
  });

  test("a taken identifier is InvalidParameterException, an unknown one ResourceNotFoundException", async () => {
    await cognito.send(new CreateResourceServerCommand({ UserPoolId: API_MFA_POOL, Identifier: "reports", Name: "Reports" }));
    assert.equal((await refusal(cognito.send(new CreateResourceServerCommand({ UserPoolId: API_MFA_POOL, Identifier: "reports", Name: "Reports" })))).name, "InvalidParameterException");
    assert.equal((await refusal(cognito.send(new DescribeResourceServerCommand({ UserPoolId: API_MFA_POOL, Identifier: "nosuch" })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new CreateResourceServerCommand({ UserPoolId: API_MFA_POOL, Identifier: "dup", Name: "Dup", Scopes: [{ ScopeName: "a", ScopeDescription: "a" }, { ScopeName: "a", ScopeDescription: "b" }] })))).name, "InvalidParameterException");
  });
});

describe("audit", () => {
  test("pool changes are audited under the API key's name with the admin API's event types", async () => {
    await cognito.send(new CreateGroupCommand({ UserPoolId: API_USERNAME_POOL, GroupName: "audited-group" }));
    await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: API_USERNAME_POOL, ClientName: "audited app" }));
    await cognito.send(new DescribeUserPoolCommand({ UserPoolId: API_USERNAME_POOL }));
    const { body } = await key.api("GET", `/audit-events?poolId=${API_USERNAME_POOL}&actor=api-key:infra`);
    const events = body.events as { type: string; target: string; details: { operation: string } }[];
    // Newest first.
    const newest = (type: string) => events.find((e) => e.type === type);
    assert.equal(newest("admin.createGroup")?.details.operation, "CreateGroup");
    assert.equal(newest("admin.createGroup")?.target, "audited-group");
    assert.equal(newest("admin.createClient")?.details.operation, "CreateUserPoolClient");
    assert.equal(newest("admin.createClient")?.target, "audited app");
    assert.ok(events.every((e) => e.type.startsWith("admin.") && !/describe|list|get/i.test(e.details.operation)));
  });
});
