// What the admin API shows of a pool (GET /pools, GET /pools/{id}, PATCH's answer) never carries
// the sealed secrets of its triggers, identity providers or migration source: sealed values are
// secrets at rest, and each of those has its own endpoint that shows it without them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";

const HOOK_SECRET = "hook-secret-never-shown-123456";
const IDP_SECRET = "idp-secret-never-shown-654321";
const MIGRATION_SECRET = "migration-secret-never-shown-987";

let server: RunningServer;
let key: string;
before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  key = await createApiKey(server.url, "pool-views");
});
after(async () => {
  await server?.stop();
});

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/api/admin${path}`, {
    method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text() };
}

test("a pool's views carry no sealed secret of its triggers, identity providers or migration source", async () => {
  assert.equal((await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { url: "https://hooks.example.com/pre-sign-up", secret: HOOK_SECRET } })).status, 200);
  assert.equal((await api("PUT", `/pools/${POOL}/identity-providers`, [
    { name: "Okta", type: "OIDC", details: { client_id: "okta-client", client_secret: IDP_SECRET, oidc_issuer: "https://acme.okta.example.com" } },
  ])).status, 200);
  const patched = await api("PATCH", `/pools/${POOL}`, {
    migrateFrom: { type: "cognito", userPoolId: "eu-west-1_AbCdEf123", clientId: "1example23456789", clientSecret: MIGRATION_SECRET, region: "eu-west-1" },
  });
  assert.equal(patched.status, 200, patched.text);
  for (const view of [patched, await api("GET", `/pools/${POOL}`), await api("GET", "/pools")]) {
    assert.equal(view.status, 200);
    for (const leak of ["secretEnc", "secretsEnc", "clientSecretEnc", HOOK_SECRET, IDP_SECRET, MIGRATION_SECRET]) {
      assert.ok(!view.text.includes(leak), `${leak} in ${view.text.slice(0, 200)}…`);
    }
  }
  // The pool's own view still says a migration secret is stored.
  assert.match((await api("GET", `/pools/${POOL}`)).text, /"hasClientSecret":true/);
});
