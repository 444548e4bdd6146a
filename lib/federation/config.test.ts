import { test } from "node:test";
import assert from "node:assert/strict";
import { createSecrets } from "../security/secrets.ts";
import { IdentityProviderSchema, IdentityProvidersUpdateSchema, mergeIdentityProviders, providerByIdentifier, viewIdentityProvider } from "./config.ts";

const secrets = createSecrets("x".repeat(43));
const google = { name: "Google", type: "Google", details: { client_id: "g-client", client_secret: "g-secret" }, attributeMapping: { email: "email" } };

test("provider details use Cognito's keys, with defaults", () => {
  const parsed = IdentityProviderSchema.parse(google);
  assert.equal(parsed.details.authorize_scopes, "openid email profile");
  assert.deepEqual(parsed.idpIdentifiers, []);
});

test("IdP URLs must be https, except on loopback", () => {
  const oidc = (issuer: string) => IdentityProviderSchema.safeParse({ name: "Corp", type: "OIDC", details: { client_id: "c", client_secret: "s", oidc_issuer: issuer } });
  assert.equal(oidc("https://id.corp.example").success, true);
  assert.equal(oidc("http://127.0.0.1:9000").success, true);
  assert.equal(oidc("http://localhost:9000").success, true);
  const plain = oidc("http://id.corp.example");
  assert.equal(plain.success, false);
  assert.deepEqual(plain.error.issues[0]!.path, ["details", "oidc_issuer"]);
});

test("social providers are named after their type", () => {
  const wrong = IdentityProviderSchema.safeParse({ ...google, name: "MyGoogle" });
  assert.equal(wrong.success, false);
  assert.match(wrong.error.issues[0]!.message, /named Google/);
});

test("a provider needs its secret when first given; an update may keep the stored one", () => {
  assert.equal(IdentityProviderSchema.safeParse({ ...google, details: { client_id: "g" } }).success, false);
  const stored = mergeIdentityProviders(secrets, [], [IdentityProvidersUpdateSchema.parse([google])[0]!]);
  assert.ok(Array.isArray(stored));
  const kept = mergeIdentityProviders(secrets, stored, IdentityProvidersUpdateSchema.parse([{ ...google, details: { client_id: "g-client-2" } }]));
  assert.ok(Array.isArray(kept));
  assert.equal(kept[0]!.details.client_id, "g-client-2");
  assert.deepEqual(JSON.parse(secrets.decrypt(kept[0]!.secretsEnc!)), { client_secret: "g-secret" });
  const missing = mergeIdentityProviders(secrets, [], IdentityProvidersUpdateSchema.parse([{ ...google, details: { client_id: "g" } }]));
  assert.deepEqual(missing, { missingSecret: { name: "Google", key: "client_secret" } });
});

test("secrets are sealed at rest and never in a view", () => {
  const stored = mergeIdentityProviders(secrets, [], IdentityProvidersUpdateSchema.parse([google]));
  assert.ok(Array.isArray(stored));
  assert.equal(JSON.stringify(stored).includes("g-secret"), false);
  const view = viewIdentityProvider(stored[0]!, secrets);
  assert.equal(JSON.stringify(view).includes("g-secret"), false);
  assert.deepEqual(view.secretsSet, ["client_secret"]);
});

test("names and IdP identifiers are unique in a pool", () => {
  const saml = (name: string, ids: string[]) => ({ name, type: "SAML", details: { MetadataURL: "https://idp.example/metadata" }, idpIdentifiers: ids });
  const result = IdentityProvidersUpdateSchema.safeParse([saml("Okta", ["corp.example"]), saml("okta", []), saml("Azure", ["Corp.example"])]);
  assert.equal(result.success, false);
  const messages = result.error.issues.map((i) => i.message).join("\n");
  assert.match(messages, /duplicate provider name/);
  assert.match(messages, /already Okta's/);
});

test("an email's domain finds the provider whose identifiers include it", () => {
  const providers = IdentityProvidersUpdateSchema.parse([{ name: "Okta", type: "SAML", details: { MetadataURL: "https://idp.example/metadata" }, idpIdentifiers: ["corp.example"] }]);
  const stored = mergeIdentityProviders(secrets, [], providers);
  assert.ok(Array.isArray(stored));
  assert.equal(providerByIdentifier(stored, "Jane@Corp.Example")?.name, "Okta");
  assert.equal(providerByIdentifier(stored, "corp.example")?.name, "Okta");
  assert.equal(providerByIdentifier(stored, "jane@other.example"), null);
  assert.equal(providerByIdentifier(stored, "jane@sub.corp.example"), null);
});

test("Apple's private_key must be the .p8 EC key itself, checked when saved rather than at the first sign-in", async () => {
  const { generateKeyPairSync } = await import("node:crypto");
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const apple = (key: string) => IdentityProviderSchema.safeParse({ name: "SignInWithApple", type: "SignInWithApple", details: { client_id: "com.example.web", team_id: "TEAM123456", key_id: "KEY1234567", private_key: key } });
  assert.equal(apple(ec).success, true);
  assert.equal(apple(rsa).success, false);
  assert.equal(apple("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----").success, false);
});
