// Hosted flows kept in a real Redis (REDIS_URL): a flow is written whole with its expiry, a browser
// coming back keeps its flow, and a background save never undoes a change made meanwhile. (The
// AuthFlow table's side runs in every integration test started without REDIS_URL.)
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Db } from "../db/client.ts";
import { endUserFlows, userFlowsKey } from "./flow-keys.ts";
import { deleteFlow, findFlow, flowVersion, saveFlow, saveFlowIfUnchanged, startFlow, takeFlash, type FlowStore } from "./flow.ts";

const url = process.env.REDIS_URL;
const skip = url ? false : "needs REDIS_URL";
const prefix = `gatehouse-unit-${randomBytes(4).toString("hex")}:`;
const redis = url ? new Redis(url) : null;
// The database is never reached while Redis holds the flows.
const store: FlowStore = { db: null as unknown as Db, redis, env: { redisPrefix: prefix } };

after(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const uid = () => randomBytes(16).toString("base64url");

test("a started flow is kept whole, with the interaction's lifetime", { skip }, async () => {
  const id = uid();
  const flow = await startFlow(store, { uid: id, poolId: "local_Pool00001", clientId: "app", loginHint: "ann@example.com" });
  assert.equal(flow.state.step, "PASSWORD_VERIFIER");
  assert.deepEqual(flow.values, { login: "ann@example.com" });
  const ttl = await redis!.pttl(`${prefix}hosted-flow:${id}`);
  assert.ok(ttl > 3500_000 && ttl <= 3600_000, `expires in an hour (${ttl} ms)`);
  assert.deepEqual(await findFlow(store, id), flow);
});

test("a browser coming back to its interaction keeps the flow it has", { skip }, async () => {
  const id = uid();
  const flow = await startFlow(store, { uid: id, poolId: "local_Pool00001", clientId: "app" });
  flow.state.step = "SOFTWARE_TOKEN_MFA";
  flow.state.userId = "user-1";
  flow.flash = { kind: "notice", message: "Code sent." };
  await saveFlow(store, flow);
  const again = await startFlow(store, { uid: id, poolId: "local_Pool00001", clientId: "app" });
  assert.equal(again.csrf, flow.csrf);
  assert.equal(again.state.step, "SOFTWARE_TOKEN_MFA");
  assert.equal(again.state.userId, "user-1");
  // The one-shot message is shown once.
  assert.deepEqual(await takeFlash(store, again), { kind: "notice", message: "Code sent." });
  assert.equal((await findFlow(store, id))!.flash, null);
});

test("a save made in the background never undoes a change made meanwhile", { skip }, async () => {
  const id = uid();
  await startFlow(store, { uid: id, poolId: "local_Pool00001", clientId: "app" });
  const version = (await flowVersion(store, id))!;
  const background = (await findFlow(store, id))!;
  const posted = (await findFlow(store, id))!;
  posted.state.step = "SMS_MFA";
  await saveFlow(store, posted);
  background.state.step = "WEB_AUTHN";
  assert.equal(await saveFlowIfUnchanged(store, background, version), false);
  assert.equal((await findFlow(store, id))!.state.step, "SMS_MFA");
  // Unchanged since its version, it saves.
  const current = (await flowVersion(store, id))!;
  assert.equal(await saveFlowIfUnchanged(store, background, current), true);
  assert.equal((await findFlow(store, id))!.state.step, "WEB_AUTHN");
});

test("a flow that has gone is not brought back by a save", { skip }, async () => {
  const id = uid();
  const flow = await startFlow(store, { uid: id, poolId: "local_Pool00001", clientId: "app" });
  await deleteFlow(store, id);
  assert.equal(await findFlow(store, id), null);
  await assert.rejects(saveFlow(store, flow), /expired/);
  assert.equal(await saveFlowIfUnchanged(store, flow, "1"), false);
  assert.equal(await redis!.exists(`${prefix}hosted-flow:${id}`), 0);
});

test("signing a user out ends the flows that reached them, and no one else's", { skip }, async () => {
  const poolId = "local_Pool00001";
  const theirs = await startFlow(store, { uid: uid(), poolId, clientId: "app" });
  const other = await startFlow(store, { uid: uid(), poolId, clientId: "app" });
  const anonymous = await startFlow(store, { uid: uid(), poolId, clientId: "app" });
  theirs.state.userId = "user-1";
  other.state.userId = "user-2";
  await saveFlow(store, theirs);
  await saveFlow(store, other);
  // The index lives as long as the flows it lists.
  const ttl = await redis!.pttl(userFlowsKey(prefix, poolId, "user-1"));
  assert.ok(ttl > 3500_000 && ttl <= 3600_000, `index expiry ${ttl}`);

  await endUserFlows(redis!, prefix, { poolId, userId: "user-1" });
  assert.equal(await findFlow(store, theirs.interactionUid), null);
  assert.equal((await findFlow(store, other.interactionUid))?.state.userId, "user-2");
  assert.ok(await findFlow(store, anonymous.interactionUid));
  assert.equal(await redis!.exists(userFlowsKey(prefix, poolId, "user-1")), 0);
  // A save after the sign-out does not bring the flow back.
  await assert.rejects(saveFlow(store, theirs), /has expired/);
});
