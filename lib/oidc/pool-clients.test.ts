import { test } from "node:test";
import assert from "node:assert/strict";
import type { Db } from "../db/client.ts";
import { createPoolClients, MISSES_KEPT, type ClientRow } from "./pool-clients.ts";

const POOL = "local_Test00001";

function row(clientId: string): ClientRow {
  return {
    clientId, poolId: POOL, name: clientId, secretHash: null, secretEnc: null,
    callbackUrls: ["https://app.example.com/callback"], logoutUrls: [], allowedOAuthFlows: ["code"], allowedScopes: ["openid"],
    accessTokenValidity: 3600, idTokenValidity: 3600, refreshTokenValidity: 86_400, refreshTokenRotation: false, preventUserExistenceErrors: "ENABLED",
    explicitAuthFlows: [], readAttributes: ["email"], writeAttributes: null, supportedIdentityProviders: ["COGNITO"], branding: null,
    createdAt: new Date(0), updatedAt: new Date(0),
  };
}

/** The one query pool-clients.ts makes, answered from `rows`, counting the reads. */
function tableOf(rows: ClientRow[], fail = () => false) {
  const reads: string[] = [];
  const db = {
    appClient: {
      findFirst: async ({ where }: { where: { clientId: string; poolId: string } }) => {
        reads.push(where.clientId);
        if (fail()) throw new Error("the database is away");
        return rows.find((r) => r.clientId === where.clientId && r.poolId === where.poolId) ?? null;
      },
    },
  } as unknown as Db;
  return { db, reads };
}

test("pool clients: a client is read once, then served from memory with its provider metadata and permissions", async () => {
  const { db, reads } = tableOf([row("web")]);
  const clients = createPoolClients(db, POOL);
  const [a, b] = await Promise.all([clients.get("web"), clients.get("web")]);
  const c = await clients.get("web");
  assert.deepEqual(reads, ["web"], "concurrent first requests share one read");
  assert.ok(a && a === b && b === c);
  assert.equal(a.metadata.client_id, "web");
  assert.deepEqual(a.permissions, { readAttributes: ["email"], writeAttributes: null });
});

test("pool clients: an unknown id is remembered, but only the latest few hundred, so unknown ids cannot grow memory", async () => {
  const { db, reads } = tableOf([row("web")]);
  const clients = createPoolClients(db, POOL);
  assert.equal(await clients.get("nobody"), null);
  assert.equal(await clients.get("nobody"), null);
  assert.deepEqual(reads, ["nobody"]);
  for (let i = 0; i < MISSES_KEPT; i++) assert.equal(await clients.get(`unknown-${i}`), null);
  // "nobody" was the oldest miss and has been forgotten: asked again, it is read again.
  reads.length = 0;
  assert.equal(await clients.get("nobody"), null);
  assert.equal(await clients.get(`unknown-${MISSES_KEPT - 1}`), null);
  assert.deepEqual(reads, ["nobody"]);
});

test("pool clients: a failed read is not remembered", async () => {
  let down = true;
  const { db, reads } = tableOf([row("web")], () => down);
  const clients = createPoolClients(db, POOL);
  await assert.rejects(clients.get("web"), /away/);
  down = false;
  assert.equal((await clients.get("web"))?.row.clientId, "web");
  assert.equal(reads.length, 2);
});
