import { test } from "node:test";
import assert from "node:assert/strict";
import { sha256 } from "../security/secrets.ts";
import { clientMetadata, EXTRA_CLIENT_METADATA } from "./client-metadata.ts";

type Row = Parameters<typeof clientMetadata>[0];

function row(overrides: Partial<Row> = {}): Row {
  return {
    clientId: "web", poolId: "local_Test00001", name: "Acme web", secretHash: null, secretEnc: null,
    callbackUrls: ["https://app.example.com/callback"], logoutUrls: ["https://app.example.com/"],
    allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"],
    accessTokenValidity: 600, idTokenValidity: 900, refreshTokenValidity: 86_400, refreshTokenRotation: true, preventUserExistenceErrors: "ENABLED",
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    branding: null, createdAt: new Date(0), updatedAt: new Date(0),
    readAttributes: null, writeAttributes: null, supportedIdentityProviders: ["COGNITO"],
    ...overrides,
  };
}

test("clients: a client without a secret is public (no client authentication)", () => {
  const metadata = clientMetadata(row());
  assert.equal(metadata.token_endpoint_auth_method, "none");
  assert.ok(!("client_secret" in metadata));
});

test("clients: only the hash of a client secret reaches the provider", () => {
  const hash = sha256("confidential-secret-0123456789");
  const metadata = clientMetadata(row({ secretHash: hash }));
  assert.equal(metadata.client_secret, hash);
  assert.equal(metadata.client_secret_expires_at, 0);
  assert.equal(metadata.token_endpoint_auth_method, "client_secret_basic");
  assert.ok(!JSON.stringify(metadata).includes("confidential-secret-0123456789"));
});

test("clients: allowed OAuth flows become grant and response types", () => {
  const code = clientMetadata(row());
  assert.deepEqual(code.grant_types, ["authorization_code", "refresh_token"]);
  assert.deepEqual(code.response_types, ["code"]);
  const both = clientMetadata(row({ allowedOAuthFlows: ["code", "implicit"] }));
  assert.deepEqual(both.grant_types, ["authorization_code", "refresh_token", "implicit"]);
  assert.deepEqual(both.response_types, ["code", "id_token"]);
  const machine = clientMetadata(row({ allowedOAuthFlows: ["client_credentials"], callbackUrls: [], logoutUrls: [], secretHash: sha256("x") }));
  assert.deepEqual(machine.grant_types, ["client_credentials"]);
  assert.deepEqual(machine.response_types, []);
});

test("clients: a client allowed no scope has no OAuth flow and no scope list (the provider refuses an empty one)", () => {
  const metadata = clientMetadata(row({ allowedScopes: [], allowedOAuthFlows: ["code", "client_credentials"], secretHash: sha256("x") }));
  assert.deepEqual(metadata.grant_types, []);
  assert.deepEqual(metadata.response_types, []);
  assert.ok(!("scope" in metadata));
});

test("clients: implicit clients with loopback http URLs are native apps, others web", () => {
  assert.equal(clientMetadata(row({ allowedOAuthFlows: ["implicit"], callbackUrls: ["http://localhost:4000/cb"] })).application_type, "native");
  assert.equal(clientMetadata(row({ allowedOAuthFlows: ["implicit"] })).application_type, "web");
  assert.equal(clientMetadata(row({ callbackUrls: ["http://localhost:4000/cb"] })).application_type, "web");
});

test("clients: URLs, scopes and token lifetimes are carried over", () => {
  const metadata = clientMetadata(row());
  assert.deepEqual(metadata.redirect_uris, ["https://app.example.com/callback"]);
  assert.deepEqual(metadata.post_logout_redirect_uris, ["https://app.example.com/"]);
  assert.equal(metadata.scope, "openid email");
  assert.equal(metadata.id_token_signed_response_alg, "RS256");
  assert.equal(metadata.require_auth_time, true);
  assert.equal(metadata["urn:gatehouse:access_ttl"], 600);
  assert.equal(metadata["urn:gatehouse:id_ttl"], 900);
  assert.equal(metadata["urn:gatehouse:refresh_ttl"], 86_400);
  assert.equal(metadata["urn:gatehouse:refresh_rotation"], true);
  for (const key of EXTRA_CLIENT_METADATA) assert.ok(key in metadata, key);
});

test("clients: the attributes a client may read reach the provider, null for the default (every attribute)", () => {
  assert.equal(clientMetadata(row())["urn:gatehouse:read_attributes"], null);
  assert.deepEqual(clientMetadata(row({ readAttributes: ["email", "custom:tier"] }))["urn:gatehouse:read_attributes"], ["email", "custom:tier"]);
  assert.ok(EXTRA_CLIENT_METADATA.includes("urn:gatehouse:read_attributes"));
});
