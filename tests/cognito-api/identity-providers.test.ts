// Identity providers and linked identities through Cognito's API with the real AWS SDK, signed
// with an admin API key: the IdentityProviderType shapes, secrets never returned, Cognito's
// refusals, app clients' SupportedIdentityProviders, and AdminLinkProviderForUser /
// AdminDisableProviderForUser.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import {
  AdminDisableProviderForUserCommand, AdminGetUserCommand, AdminLinkProviderForUserCommand, CreateIdentityProviderCommand, CreateUserPoolClientCommand, DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand, DescribeUserPoolClientCommand, GetIdentityProviderByIdentifierCommand, ListIdentityProvidersCommand, UpdateIdentityProviderCommand,
  UpdateUserPoolClientCommand, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { createDb, type Db } from "../../lib/db/client.ts";
import { API_POOL, cognitoApiConfig } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey, refusal, type SigningKey } from "../support/cognito-admin.ts";
import { startServer, type RunningServer } from "../support/server.ts";

let server: RunningServer;
let key: SigningKey;
let cognito: CognitoIdentityProviderClient;
let db: Db;

const SECRET = "oidc-client-secret-never-returned";

before(async () => {
  server = await startServer({ config: cognitoApiConfig(), env: ADMIN_ENV });
  key = await createSigningKey(server, "federation");
  cognito = key.cognito;
  db = createDb({ url: server.shared.DATABASE_URL!, embedded: false });
});
after(async () => {
  cognito?.destroy();
  await db?.$disconnect();
  await server?.stop();
});

describe("identity providers", () => {
  test("CreateIdentityProvider answers Cognito's IdentityProviderType without the secret", async () => {
    const { IdentityProvider: idp } = await cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: API_POOL, ProviderName: "Corp", ProviderType: "OIDC",
      ProviderDetails: { client_id: "corp-client", client_secret: SECRET, oidc_issuer: "https://login.corp.example.com", authorize_scopes: "openid email" },
      AttributeMapping: { email: "email" }, IdpIdentifiers: ["corp.example.com"],
    }));
    assert.equal(idp?.UserPoolId, API_POOL);
    assert.equal(idp?.ProviderName, "Corp");
    assert.equal(idp?.ProviderType, "OIDC");
    assert.equal(idp?.ProviderDetails?.client_id, "corp-client");
    assert.equal(idp?.ProviderDetails?.client_secret, undefined, "secrets are never returned");
    assert.deepEqual(idp?.AttributeMapping, { email: "email" });
    assert.deepEqual(idp?.IdpIdentifiers, ["corp.example.com"]);
    assert.ok(idp?.CreationDate instanceof Date && idp.LastModifiedDate instanceof Date);
    const { IdentityProvider: described } = await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: API_POOL, ProviderName: "Corp" }));
    assert.ok(!JSON.stringify(described).includes(SECRET));
    assert.equal(described?.ProviderDetails?.authorize_scopes, "openid email");
  });

  test("a second provider of the same name, or a social one not named after its type, is refused", async () => {
    const duplicate = await refusal(cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: API_POOL, ProviderName: "Corp", ProviderType: "OIDC", ProviderDetails: { client_id: "x", client_secret: "y", oidc_issuer: "https://x.example.com" },
    })));
    assert.equal(duplicate.name, "DuplicateProviderException");
    assert.match(duplicate.message, /already exists/);
    const misnamed = await refusal(cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: API_POOL, ProviderName: "MyGoogle", ProviderType: "Google", ProviderDetails: { client_id: "x", client_secret: "y" },
    })));
    assert.equal(misnamed.name, "InvalidParameterException");
    assert.equal(misnamed.message, "Provider MyGoogle cannot be of type Google.");
    const noSecret = await refusal(cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: API_POOL, ProviderName: "Google", ProviderType: "Google", ProviderDetails: { client_id: "x" },
    })));
    assert.match(noSecret.message, /client_secret is required/);
    const badDetail = await refusal(cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: API_POOL, ProviderName: "Other", ProviderType: "OIDC", ProviderDetails: { client_id: "x", client_secret: "y", oidc_issuer: "ftp://x" },
    })));
    assert.match(badDetail.message, /^ProviderDetails\.oidc_issuer: /);
  });

  test("UpdateIdentityProvider changes what it is given and keeps the stored secret", async () => {
    const { IdentityProvider: idp } = await cognito.send(new UpdateIdentityProviderCommand({
      UserPoolId: API_POOL, ProviderName: "Corp", ProviderDetails: { client_id: "corp-client-2", oidc_issuer: "https://login.corp.example.com" },
    }));
    assert.equal(idp?.ProviderDetails?.client_id, "corp-client-2");
    assert.deepEqual(idp?.IdpIdentifiers, ["corp.example.com"], "left out, identifiers stay");
    const view = await key.api("GET", `/pools/${API_POOL}/identity-providers/Corp`);
    assert.deepEqual(view.body.secretsSet, ["client_secret"]);
    const missing = await refusal(cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: API_POOL, ProviderName: "Nobody", AttributeMapping: {} })));
    assert.equal(missing.name, "ResourceNotFoundException");
  });

  test("ListIdentityProviders pages; GetIdentityProviderByIdentifier finds by identifier or email domain", async () => {
    await cognito.send(new CreateIdentityProviderCommand({ UserPoolId: API_POOL, ProviderName: "Google", ProviderType: "Google", ProviderDetails: { client_id: "g", client_secret: "gs" } }));
    const first = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId: API_POOL, MaxResults: 1 }));
    assert.equal(first.Providers?.length, 1);
    assert.ok(first.NextToken);
    const second = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId: API_POOL, MaxResults: 1, NextToken: first.NextToken }));
    assert.deepEqual([...first.Providers, ...second.Providers!].map((p) => [p.ProviderName, p.ProviderType]), [["Corp", "OIDC"], ["Google", "Google"]]);
    assert.equal(second.NextToken, undefined);
    const byId = await cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: API_POOL, IdpIdentifier: "corp.example.com" }));
    assert.equal(byId.IdentityProvider?.ProviderName, "Corp");
    const none = await refusal(cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: API_POOL, IdpIdentifier: "nobody.example.com" })));
    assert.equal(none.name, "ResourceNotFoundException");
  });

  test("SupportedIdentityProviders: only the pool's providers; reported by DescribeUserPoolClient", async () => {
    const unknown = await refusal(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: API_POOL, ClientName: "web", SupportedIdentityProviders: ["COGNITO", "Twitter"] })));
    assert.equal(unknown.name, "InvalidParameterException");
    assert.equal(unknown.message, `The provider Twitter does not exist for User Pool ${API_POOL}`);
    const { UserPoolClient: created } = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientName: "web", SupportedIdentityProviders: ["COGNITO", "Corp"], CallbackURLs: ["http://localhost:4000/cb"], AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid"],
    }));
    assert.deepEqual(created?.SupportedIdentityProviders, ["COGNITO", "Corp"]);
    const { UserPoolClient: updated } = await cognito.send(new UpdateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientId: created.ClientId, SupportedIdentityProviders: ["Google", "Corp"], CallbackURLs: ["http://localhost:4000/cb"], AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid"],
    }));
    assert.deepEqual(updated?.SupportedIdentityProviders, ["Google", "Corp"]);
    await cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: API_POOL, ProviderName: "Google" }));
    const { UserPoolClient: after } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: created.ClientId }));
    assert.deepEqual(after?.SupportedIdentityProviders, ["Corp"], "a deleted provider leaves the clients");
    const gone = await refusal(cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: API_POOL, ProviderName: "Google" })));
    assert.equal(gone.name, "ResourceNotFoundException");
  });
});

describe("linking users", () => {
  const source = (value: string) => ({ ProviderName: "Corp", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: value });
  const alice = { ProviderName: "Cognito", ProviderAttributeValue: "alice@example.com" };

  test("AdminLinkProviderForUser links an identity to a user of the pool", async () => {
    await cognito.send(new AdminLinkProviderForUserCommand({ UserPoolId: API_POOL, DestinationUser: alice, SourceUser: source("corp-alice") }));
    const { body } = await key.api("GET", `/pools/${API_POOL}/users/alice/identities`);
    assert.deepEqual(body.identities.map((i: { userId: string; providerName: string }) => [i.userId, i.providerName]), [["corp-alice", "Corp"]]);
    const events = await key.api("GET", `/audit-events?poolId=${API_POOL}&type=admin.linkUserIdentity`);
    assert.equal(events.body.events[0]?.details.operation, "AdminLinkProviderForUser");
    // AdminGetUser lists the link as Cognito's `identities` attribute (a JSON string).
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: API_POOL, Username: "alice" }));
    const identities = JSON.parse(user.UserAttributes!.find((a) => a.Name === "identities")!.Value!) as Record<string, unknown>[];
    assert.deepEqual(identities.map((i) => [i.userId, i.providerName, i.providerType, i.primary, typeof i.dateCreated]), [["corp-alice", "Corp", "OIDC", false, "number"]]);
  });

  test("Cognito's refusals: linked elsewhere, already signed up, unknown provider, Cognito as source, unknown user", async () => {
    const elsewhere = await refusal(cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: API_POOL, DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "temp" }, SourceUser: source("corp-alice"),
    })));
    assert.equal(elsewhere.name, "AliasExistsException");

    const id = randomUUID();
    await db.user.create({ data: { id, poolId: API_POOL, username: "Corp_corp-bob", usernameKey: "corp_corp-bob", status: "EXTERNAL_PROVIDER" } });
    await db.federatedIdentity.create({ data: { poolId: API_POOL, providerName: "Corp", providerUserId: "corp-bob", userId: id, primary: true } });
    const merging = await refusal(cognito.send(new AdminLinkProviderForUserCommand({ UserPoolId: API_POOL, DestinationUser: alice, SourceUser: source("corp-bob") })));
    assert.equal(merging.name, "InvalidParameterException");
    assert.match(merging.message, /^Merging is not currently supported/);

    const unknown = await refusal(cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: API_POOL, DestinationUser: alice, SourceUser: { ...source("x"), ProviderName: "Twitter" },
    })));
    assert.equal(unknown.message, `The provider Twitter does not exist for User Pool ${API_POOL}`);
    const cognitoSource = await refusal(cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: API_POOL, DestinationUser: alice, SourceUser: { ProviderName: "Cognito", ProviderAttributeValue: "temp" },
    })));
    assert.equal(cognitoSource.name, "InvalidParameterException");
    const nobody = await refusal(cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: API_POOL, DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "nobody" }, SourceUser: source("corp-new"),
    })));
    assert.equal(nobody.name, "UserNotFoundException");
  });

  test("AdminDisableProviderForUser removes a link, and disables the identity's own federated user", async () => {
    await cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: API_POOL, User: source("corp-alice") }));
    const { body } = await key.api("GET", `/pools/${API_POOL}/users/alice/identities`);
    assert.deepEqual(body.identities, []);
    const aliceUser = await key.api("GET", `/pools/${API_POOL}/users/alice`);
    assert.equal(aliceUser.body.enabled, true, "the user it was linked to stays enabled");

    await cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: API_POOL, User: source("corp-bob") }));
    const bob = await key.api("GET", `/pools/${API_POOL}/users/Corp_corp-bob`);
    assert.equal(bob.body.enabled, false);

    const unknown = await refusal(cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: API_POOL, User: source("corp-nobody") })));
    assert.equal(unknown.name, "UserNotFoundException");
  });
});
