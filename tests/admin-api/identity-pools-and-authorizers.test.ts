// Identity pools and authorizers through the admin API, against the real server: CRUD, the
// references that must exist (a 400 naming the field's path), the audit rows, the OpenAPI document.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;

const ROLE = "arn:aws:iam::123456789012:role/AppUser";
const pool = (overrides: Record<string, unknown> = {}) => ({
  name: "app", allowUnauthenticatedIdentities: true,
  providers: [{ poolId: POOL, clientId: "web" }],
  roles: { authenticated: ROLE },
  roleMappings: { [`${POOL}:web`]: { type: "Rules", rules: [{ claim: "custom:tier", matchType: "Equals", value: "gold", roleArn: "arn:aws:iam::123456789012:role/Gold" }] } },
  ...overrides,
});

before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await server?.stop();
});

async function auditOf(type: string) {
  const { body } = await api("GET", `/audit-events?type=${type}`);
  return body.events as { type: string; target: string | null; actorType: string; details: Record<string, unknown> }[];
}

describe("identity pools in the admin API", () => {
  test("create generates a local:{uuid} id (or in the region given), get, list, replace and delete, each change audited", async () => {
    const created = await api("POST", "/identity-pools", pool());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.id, /^local:[0-9a-f-]{36}$/);
    assert.equal(created.body.credentials.mode, "local");
    assert.equal(created.body.providers[0].serverSideTokenCheck, true);
    const id = created.body.id as string;

    const regional = await api("POST", "/identity-pools", { ...pool({ name: "eu" }), region: "eu-west-1" });
    assert.equal(regional.status, 201);
    assert.match(regional.body.id, /^eu-west-1:/);

    assert.equal((await api("GET", `/identity-pools/${encodeURIComponent(id)}`)).body.name, "app");
    const listed = (await api("GET", "/identity-pools")).body.identityPools.map((p: { id: string }) => p.id);
    assert.ok(listed.includes(id) && listed.includes(regional.body.id));

    const replaced = await api("PUT", `/identity-pools/${encodeURIComponent(id)}`, { name: "app two", providers: [] });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(replaced.body.name, "app two");
    assert.deepEqual(replaced.body.providers, [], "PUT replaces: what the body leaves out is gone");
    assert.equal(replaced.body.allowUnauthenticatedIdentities, false);

    const [createdRow] = await auditOf("admin.createIdentityPool");
    assert.equal(createdRow?.actorType, "api-key");
    assert.ok((await auditOf("admin.createIdentityPool")).some((e) => e.target === id));
    assert.equal((await auditOf("admin.updateIdentityPool"))[0]?.target, id);

    assert.equal((await api("DELETE", `/identity-pools/${encodeURIComponent(id)}`)).status, 204);
    assert.equal((await api("GET", `/identity-pools/${encodeURIComponent(id)}`)).status, 404);
    assert.equal((await auditOf("admin.deleteIdentityPool"))[0]?.target, id);
    assert.equal((await api("PUT", `/identity-pools/${encodeURIComponent(id)}`, { name: "gone" })).status, 404);
  });

  test("a provider's user pool and app client must exist: a 400 naming the path", async () => {
    const noPool = await api("POST", "/identity-pools", pool({ providers: [{ poolId: "local_Nowhere00", clientId: "web" }], roleMappings: {} }));
    assert.equal(noPool.status, 400);
    assert.equal(noPool.body.error.field, "providers.0.poolId");
    assert.match(noPool.body.error.message, /^body\.providers\.0\.poolId: user pool local_Nowhere00 does not exist/);

    const noClient = await api("POST", "/identity-pools", pool({ providers: [{ poolId: POOL, clientId: "web" }, { poolId: POOL, clientId: "nope" }] }));
    assert.equal(noClient.status, 400);
    assert.equal(noClient.body.error.field, "providers.1.clientId");
    assert.match(noClient.body.error.message, /nope is not an app client of local_Test00001/);
  });

  test("the schema's own rules come back as issues with their paths", async () => {
    const bad = await api("POST", "/identity-pools", pool({ roles: { authenticated: "not-an-arn" }, credentials: { mode: "sts", durationSeconds: 60 } }));
    assert.equal(bad.status, 400);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    assert.ok(paths.includes("body.roles.authenticated"), paths.join());
    assert.ok(paths.includes("body.credentials.durationSeconds"), paths.join());

    const unknownMapping = await api("POST", "/identity-pools", pool({ roleMappings: { [`${POOL}:machine`]: { type: "Token" } } }));
    assert.equal(unknownMapping.status, 400);
    assert.deepEqual(unknownMapping.body.error.issues.map((i: { path: string }) => i.path), [`body.roleMappings.${POOL}:machine`]);
  });

  test("identities are listed page by page with their logins, and deleted one by one", async () => {
    const { body: created } = await api("POST", "/identity-pools", pool({ name: "with identities" }));
    const region = created.id.split(":")[0];
    const ids = [0, 1, 2].map(() => `${region}:${randomUUID()}`).sort();
    const db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
    await db.connect();
    try {
      for (const identityId of ids) await db.query(`INSERT INTO "Identity" (id, "identityPoolId", "updatedAt") VALUES ($1, $2, now())`, [identityId, created.id]);
      await db.query(`INSERT INTO "IdentityLogin" ("identityPoolId", provider, subject, "identityId") VALUES ($1, $2, 'sub-1', $3)`, [created.id, `localhost/${POOL}`, ids[0]]);
    } finally {
      await db.end();
    }
    const path = `/identity-pools/${encodeURIComponent(created.id)}/identities`;
    const first = await api("GET", `${path}?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.identities.map((i: { identityId: string }) => i.identityId), ids.slice(0, 2));
    assert.deepEqual(first.body.identities[0].logins, [`localhost/${POOL}`]);
    assert.deepEqual(first.body.identities[1].logins, []);
    const second = await api("GET", `${path}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    assert.deepEqual(second.body.identities.map((i: { identityId: string }) => i.identityId), ids.slice(2));
    assert.equal(second.body.nextCursor, null);

    assert.equal((await api("DELETE", `${path}/${encodeURIComponent(ids[0]!)}`)).status, 204);
    assert.equal((await api("DELETE", `${path}/${encodeURIComponent(ids[0]!)}`)).status, 404);
    assert.equal((await api("GET", path)).body.identities.length, 2);
    assert.deepEqual((await auditOf("admin.deleteIdentityPoolIdentity"))[0]?.details, { identityId: ids[0] });
  });
});

describe("authorizers in the admin API", () => {
  test("create, get, list, replace and delete, each change audited", async () => {
    const orders = { name: "orders", type: "COGNITO_USER_POOLS", poolIds: [POOL], clientIds: ["web"], rules: [{ methods: ["POST"], path: "/orders/*", scopes: ["https://api.example.com/write"] }] };
    const created = await api("POST", "/authorizers", orders);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.tokenUse, "access");
    assert.equal((await api("POST", "/authorizers", orders)).status, 400, "a second authorizer of the same name is refused");
    assert.equal((await api("GET", "/authorizers/orders")).body.rules[0].path, "/orders/*");
    assert.deepEqual((await api("GET", "/authorizers")).body.authorizers.map((a: { name: string }) => a.name), ["orders"]);

    const replaced = await api("PUT", "/authorizers/orders", { ...orders, tokenUse: "id", rules: [] });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body.tokenUse, "id");
    assert.deepEqual(replaced.body.rules, []);
    const renamed = await api("PUT", "/authorizers/orders", { ...orders, name: "other" });
    assert.equal(renamed.status, 400);
    assert.equal(renamed.body.error.field, "name");

    assert.equal((await auditOf("admin.createAuthorizer"))[0]?.target, "orders");
    assert.equal((await auditOf("admin.updateAuthorizer"))[0]?.target, "orders");
    assert.equal((await api("DELETE", "/authorizers/orders")).status, 204);
    assert.equal((await api("GET", "/authorizers/orders")).status, 404);
    assert.equal((await auditOf("admin.deleteAuthorizer"))[0]?.target, "orders");
  });

  test("the pools, app clients and identity pools an authorizer names must exist: a 400 naming the path", async () => {
    const tokens = await api("POST", "/authorizers", { name: "t", type: "COGNITO_USER_POOLS", poolIds: [POOL, "local_Nowhere00"], clientIds: ["web", "ghost"] });
    assert.equal(tokens.status, 400);
    assert.equal(tokens.body.error.field, "poolIds.1");
    assert.match(tokens.body.error.message, /body\.poolIds\.1: user pool local_Nowhere00 does not exist; body\.clientIds\.1: ghost is not an app client/);

    const iam = await api("POST", "/authorizers", { name: "files", type: "AWS_IAM", identityPoolIds: [`local:${randomUUID()}`] });
    assert.equal(iam.status, 400);
    assert.equal(iam.body.error.field, "identityPoolIds.0");

    const schema = await api("POST", "/authorizers", { name: "bad name", type: "AWS_IAM", identityPoolIds: [], rules: [{ path: "orders" }] });
    assert.equal(schema.status, 400);
    const paths = schema.body.error.issues.map((i: { path: string }) => i.path);
    assert.ok(paths.includes("body.name") && paths.includes("body.identityPoolIds") && paths.includes("body.rules.0.path"), paths.join());
  });

  test("an identity pool an authorizer accepts cannot be deleted until the authorizer lets go", async () => {
    const { body: identityPool } = await api("POST", "/identity-pools", pool({ name: "files" }));
    const files = await api("POST", "/authorizers", { name: "files", type: "AWS_IAM", identityPoolIds: [identityPool.id], rules: [{ path: "/private/*", roles: [ROLE] }] });
    assert.equal(files.status, 201, JSON.stringify(files.body));
    const refused = await api("DELETE", `/identity-pools/${encodeURIComponent(identityPool.id)}`);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, "ResourceConflictException");
    assert.match(refused.body.error.message, /files/);
    assert.equal((await api("DELETE", "/authorizers/files")).status, 204);
    assert.equal((await api("DELETE", `/identity-pools/${encodeURIComponent(identityPool.id)}`)).status, 204);
  });
});

test("the OpenAPI document lists the identity pool and authorizer endpoints", async () => {
  const doc = (await (await fetch(`${server.url}/api/admin/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
  const ops = (path: string) => Object.values(doc.paths[path] ?? {}).map((o) => o.operationId).sort();
  assert.deepEqual(ops("/identity-pools"), ["createIdentityPool", "listIdentityPools"]);
  assert.deepEqual(ops("/identity-pools/{identityPoolId}"), ["deleteIdentityPool", "getIdentityPool", "updateIdentityPool"]);
  assert.deepEqual(ops("/identity-pools/{identityPoolId}/identities"), ["listIdentityPoolIdentities"]);
  assert.deepEqual(ops("/identity-pools/{identityPoolId}/identities/{identityId}"), ["deleteIdentityPoolIdentity"]);
  assert.deepEqual(ops("/authorizers"), ["createAuthorizer", "listAuthorizers"]);
  assert.deepEqual(ops("/authorizers/{name}"), ["deleteAuthorizer", "getAuthorizer", "updateAuthorizer"]);
});
