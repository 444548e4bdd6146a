// Identity providers and linked identities through the admin API over HTTP, against the real
// server: secrets are never returned and are kept when an update leaves them out, validation
// names the field, clients offer only the pool's providers, and users are linked and unlinked.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "../../lib/db/client.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, signInToConsole } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let db: Db;

const GOOGLE_SECRET = "google-secret-never-shown-0123";
const OKTA_SECRET = "okta-secret-never-shown-456789";
const google = (extra: Record<string, unknown> = {}) => ({ name: "Google", type: "Google", details: { client_id: "g-client", client_secret: GOOGLE_SECRET }, ...extra });
const okta = (extra: Record<string, unknown> = {}) => ({
  name: "Okta", type: "OIDC", details: { client_id: "okta-client", client_secret: OKTA_SECRET, oidc_issuer: "https://acme.okta.example.com" },
  attributeMapping: { email: "email", given_name: "given_name" }, idpIdentifiers: ["acme.com"], ...extra,
});

before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  const { browser } = await signInToConsole(server.url);
  const created = await browser.api(`${server.url}/api/admin/api-keys`, { method: "POST", json: { name: "federation tests" } });
  assert.equal(created.status, 201);
  api = apiClient(server.url, ((await created.json()) as { key: string }).key);
  db = createDb({ url: server.shared.DATABASE_URL!, embedded: false });
});
after(async () => {
  await db?.$disconnect();
  await server?.stop();
});

describe("identity providers", () => {
  test("PUT replaces the list; responses never carry a secret, only which are set", async () => {
    const put = await api("PUT", `/pools/${POOL}/identity-providers`, [google(), okta()]);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const text = JSON.stringify(put.body);
    assert.ok(!text.includes(GOOGLE_SECRET) && !text.includes(OKTA_SECRET), "no secret in the answer");
    const listed = await api("GET", `/pools/${POOL}/identity-providers`);
    assert.deepEqual(listed.body.identityProviders.map((p: { name: string }) => p.name), ["Google", "Okta"]);
    const one = await api("GET", `/pools/${POOL}/identity-providers/Okta`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.secretsSet, ["client_secret"]);
    assert.equal(one.body.details.client_secret, undefined);
    assert.equal(one.body.details.oidc_issuer, "https://acme.okta.example.com");
    assert.equal(one.body.details.authorize_scopes, "openid", "defaults are filled in");
    assert.deepEqual(one.body.idpIdentifiers, ["acme.com"]);
    assert.ok(!JSON.stringify(listed.body).includes(OKTA_SECRET));
  });

  test("the secret is never in the audit log either", async () => {
    const events = await api("GET", `/audit-events?poolId=${POOL}`);
    assert.equal(events.status, 200);
    assert.ok(events.body.events.some((e: { type: string }) => e.type === "admin.setIdentityProviders"));
    assert.ok(!JSON.stringify(events.body).includes(GOOGLE_SECRET));
  });

  test("an update without the secret keeps the stored one; a new provider without one is refused with its field", async () => {
    const kept = await api("PUT", `/pools/${POOL}/identity-providers/Okta`, okta({ details: { client_id: "okta-client-2", oidc_issuer: "https://acme.okta.example.com" } }));
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.equal(kept.body.details.client_id, "okta-client-2");
    assert.deepEqual(kept.body.secretsSet, ["client_secret"]);
    const stored = await db.userPool.findUniqueOrThrow({ where: { id: POOL }, select: { identityProviders: true } });
    const okta_ = (stored.identityProviders as { name: string; secretsEnc?: string }[]).find((p) => p.name === "Okta")!;
    assert.ok(okta_.secretsEnc && !okta_.secretsEnc.includes(OKTA_SECRET), "stored sealed");

    const fresh = await api("PUT", `/pools/${POOL}/identity-providers/Corp`, { name: "Corp", type: "OIDC", details: { client_id: "c", oidc_issuer: "https://corp.example.com" } });
    assert.equal(fresh.status, 400);
    assert.equal(fresh.body.error.code, "InvalidParameterException");
    assert.equal(fresh.body.error.field, "details.client_secret");
  });

  test("validation errors name the path of each problem", async () => {
    const bad = await api("PUT", `/pools/${POOL}/identity-providers`, [
      google(), { name: "Facebook", type: "Google", details: { client_id: "x", client_secret: "y" } },
      { name: "Saml", type: "SAML", details: {} }, okta({ details: { client_id: "o", client_secret: "s", oidc_issuer: "http://evil.example.com" } }),
    ]);
    assert.equal(bad.status, 400);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    assert.ok(paths.includes("body.1.name"), paths.join());
    assert.ok(paths.includes("body.2.details"), paths.join());
    assert.ok(paths.includes("body.3.details.oidc_issuer"), paths.join());
    const cognito = await api("PUT", `/pools/${POOL}/identity-providers/COGNITO`, { name: "COGNITO", type: "OIDC", details: {} });
    assert.equal(cognito.status, 400);
    const mismatch = await api("PUT", `/pools/${POOL}/identity-providers/Other`, okta());
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.error.field, "name");
    const clash = await api("PUT", `/pools/${POOL}/identity-providers/Corp`, okta({ name: "Corp" }));
    assert.equal(clash.status, 400, "acme.com is already Okta's identifier");
    assert.match(clash.body.error.message, /acme\.com/);
  });

  test("a client offers only COGNITO and the pool's providers", async () => {
    const ok = await api("PATCH", `/pools/${POOL}/clients/web`, { supportedIdentityProviders: ["COGNITO", "Google", "Okta"] });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.supportedIdentityProviders, ["COGNITO", "Google", "Okta"]);
    const unknown = await api("PATCH", `/pools/${POOL}/clients/web`, { supportedIdentityProviders: ["COGNITO", "Twitter"] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, "supportedIdentityProviders");
    assert.match(unknown.body.error.message, /Twitter/);
    const created = await api("POST", `/pools/${POOL}/clients`, { name: "Nope", callbackUrls: ["http://localhost:4000/cb"], supportedIdentityProviders: ["Apple"] });
    assert.equal(created.status, 400);
  });

  test("deleting a provider takes it out of the clients that offered it (as Cognito)", async () => {
    const gone = await api("DELETE", `/pools/${POOL}/identity-providers/Google`);
    assert.equal(gone.status, 204);
    const client = await api("GET", `/pools/${POOL}/clients/web`);
    assert.deepEqual(client.body.supportedIdentityProviders, ["COGNITO", "Okta"]);
    assert.equal((await api("GET", `/pools/${POOL}/identity-providers/Google`)).status, 404);
    assert.equal((await api("DELETE", `/pools/${POOL}/identity-providers/Google`)).status, 404);
    const events = await api("GET", `/audit-events?poolId=${POOL}`);
    assert.ok(events.body.events.some((e: { type: string; target: string }) => e.type === "admin.deleteIdentityProvider" && e.target === "Google"));
  });
});

describe("linked identities", () => {
  test("link, list in Cognito's identities shape, unlink", async () => {
    const linked = await api("POST", `/pools/${POOL}/users/alice/identities`, { providerName: "Okta", providerUserId: "00u-alice" });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    const [identity] = linked.body.identities;
    assert.equal(identity.userId, "00u-alice");
    assert.equal(identity.providerName, "Okta");
    assert.equal(identity.providerType, "OIDC");
    // As Cognito's: the issuer is a SAML IdP's entity id, null for OIDC and social providers.
    assert.equal(identity.issuer, null);
    assert.equal(identity.primary, false);
    assert.equal(typeof identity.dateCreated, "number");
    assert.ok(Math.abs(identity.dateCreated - Date.now()) < 60_000);
    const again = await api("POST", `/pools/${POOL}/users/alice/identities`, { providerName: "Okta", providerUserId: "00u-alice" });
    assert.equal(again.status, 200, "linking the same identity again changes nothing");
    assert.equal(again.body.identities.length, 1);
    const listed = await api("GET", `/pools/${POOL}/users/alice/identities`);
    assert.deepEqual(listed.body.identities, linked.body.identities);

    const unlinked = await api("DELETE", `/pools/${POOL}/users/alice/identities/Okta/00u-alice`);
    assert.equal(unlinked.status, 200);
    assert.deepEqual(unlinked.body.identities, []);
    assert.equal((await api("DELETE", `/pools/${POOL}/users/alice/identities/Okta/00u-alice`)).status, 404);
  });

  test("an identity linked to one user cannot be linked to another", async () => {
    assert.equal((await api("POST", `/pools/${POOL}/users/alice/identities`, { providerName: "Okta", providerUserId: "00u-shared" })).status, 200);
    const other = await api("POST", `/pools/${POOL}/users/forgetful/identities`, { providerName: "Okta", providerUserId: "00u-shared" });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, "AliasExistsException");
  });

  test("a provider the pool does not have is refused", async () => {
    const unknown = await api("POST", `/pools/${POOL}/users/alice/identities`, { providerName: "Google", providerUserId: "1" });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, "InvalidParameterException");
    assert.match(unknown.body.error.message, /The provider Google does not exist for User Pool/);
  });

  test("an identity that already signed in (has its own federated user) cannot be linked; nor can a federated user be the destination", async () => {
    const id = randomUUID();
    await db.user.create({ data: { id, poolId: POOL, username: "Okta_00u-signed-in", usernameKey: "okta_00u-signed-in", status: "EXTERNAL_PROVIDER" } });
    await db.federatedIdentity.create({ data: { poolId: POOL, providerName: "Okta", providerUserId: "00u-signed-in", userId: id, primary: true } });
    const merge = await api("POST", `/pools/${POOL}/users/alice/identities`, { providerName: "Okta", providerUserId: "00u-signed-in" });
    assert.equal(merge.status, 400);
    assert.match(merge.body.error.message, /Merging is not currently supported/);
    const toFederated = await api("POST", `/pools/${POOL}/users/Okta_00u-signed-in/identities`, { providerName: "Okta", providerUserId: "00u-other" });
    assert.equal(toFederated.status, 400);
    assert.equal(toFederated.body.error.field, "username");
    const own = await api("DELETE", `/pools/${POOL}/users/Okta_00u-signed-in/identities/Okta/00u-signed-in`);
    assert.equal(own.status, 400, "the identity a federated user was created with stays");
    const listed = await api("GET", `/pools/${POOL}/users/Okta_00u-signed-in/identities`);
    assert.equal(listed.body.identities[0].primary, true);
  });

  test("a user is linked to at most five identities (LimitExceededException)", async () => {
    for (let i = 0; i < 5; i++) assert.equal((await api("POST", `/pools/${POOL}/users/locked/identities`, { providerName: "Okta", providerUserId: `00u-many-${i}` })).status, 200);
    const sixth = await api("POST", `/pools/${POOL}/users/locked/identities`, { providerName: "Okta", providerUserId: "00u-many-5" });
    assert.equal(sixth.status, 400);
    assert.equal(sixth.body.error.code, "LimitExceededException");
  });

  test("identities at a provider id with slashes are unlinked with the id URL-encoded", async () => {
    const weird = "CN=Alice/O=Acme";
    assert.equal((await api("POST", `/pools/${POOL}/users/forgetful/identities`, { providerName: "Okta", providerUserId: weird })).status, 200);
    const gone = await api("DELETE", `/pools/${POOL}/users/forgetful/identities/Okta/${encodeURIComponent(weird)}`);
    assert.equal(gone.status, 200);
    assert.deepEqual(gone.body.identities, []);
  });
});
