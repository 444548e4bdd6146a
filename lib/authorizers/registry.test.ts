import { test } from "node:test";
import assert from "node:assert/strict";
import type { Db } from "../db/client.ts";
import { getAuthorizer, invalidateAuthorizer } from "./registry.ts";

/** A database holding one authorizer row, counting reads. */
function fakeDb(row: { name: string; type: string; settings: object } | null) {
  const state = { reads: 0, row };
  const db = { authorizer: { findUnique: async () => (state.reads++, state.row) } } as unknown as Db;
  return { db, state };
}

test("settings are read once, served from memory, and read again after invalidateAuthorizer", async () => {
  const { db, state } = fakeDb({ name: "reg-a", type: "COGNITO_USER_POOLS", settings: { poolIds: ["local_Unit00001"] } });
  const first = await getAuthorizer(db, "reg-a");
  assert.equal(first?.type, "COGNITO_USER_POOLS");
  assert.equal(await getAuthorizer(db, "reg-a"), first, "the same object until invalidated");
  assert.equal(state.reads, 1);
  state.row = { name: "reg-a", type: "COGNITO_USER_POOLS", settings: { poolIds: ["local_Unit00002"] } };
  await invalidateAuthorizer("reg-a");
  const second = await getAuthorizer(db, "reg-a");
  assert.notEqual(second, first);
  assert.deepEqual(second?.type === "COGNITO_USER_POOLS" && second.poolIds, ["local_Unit00002"]);
  assert.equal(state.reads, 2);
});

test("an unknown name is not remembered, so an authorizer created later is found at once", async () => {
  const { db, state } = fakeDb(null);
  assert.equal(await getAuthorizer(db, "reg-b"), null);
  state.row = { name: "reg-b", type: "AWS_IAM", settings: { identityPoolIds: ["local:7c9a4d2e-5b1f-4e8a-9f3d-2a6b8c0d1e4f"] } };
  assert.equal((await getAuthorizer(db, "reg-b"))?.type, "AWS_IAM");
});
