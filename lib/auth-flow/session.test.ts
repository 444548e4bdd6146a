import { test } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import type { Counters } from "../security/rate-limit.ts";
import { createSecrets } from "../security/secrets.ts";
import type { FlowState } from "./contract.ts";
import { openSession, sealSession, SESSION_TTL_SECONDS, spendSession } from "./session.ts";

/** Counters in a Map: the interface's contract, for a test with no Redis or PostgreSQL. */
function mapCounters(): Counters {
  const counts = new Map<string, number>();
  return {
    async hit(key) { counts.set(key, (counts.get(key) ?? 0) + 1); return { count: counts.get(key)!, resetInSeconds: 60 }; },
    async peek(key) { return { count: counts.get(key) ?? 0, resetInSeconds: counts.has(key) ? 60 : 0 }; },
    async reset(key) { counts.delete(key); },
  };
}

const state: FlowState = { poolId: "local_Sess12345", clientId: "web", step: "SOFTWARE_TOKEN_MFA", userId: "user-1", amr: ["pwd"] };
const deps = { secrets: createSecrets("root-one"), counters: mapCounters() };
const where = { poolId: state.poolId, clientId: state.clientId };
const expiredSession = (error: unknown) => error instanceof AppError && error.code === "NotAuthorizedException" && /session is expired/.test(error.message);

test("flow session: opaque, and opens to the same state for its pool and client", async () => {
  const session = sealSession(deps.secrets, state);
  assert.ok(!session.includes("user-1") && !session.includes("SOFTWARE_TOKEN_MFA"), "nothing readable in it");
  assert.deepEqual((await openSession(deps, session, where)).state, state);
});

test("flow session: another client, another pool, another secret, a changed byte or an old one are all refused alike", async () => {
  const session = sealSession(deps.secrets, state);
  await assert.rejects(openSession(deps, session, { ...where, clientId: "other" }), expiredSession);
  await assert.rejects(openSession(deps, session, { ...where, poolId: "local_Other1234" }), expiredSession);
  await assert.rejects(openSession({ ...deps, secrets: createSecrets("root-two") }, session, where), expiredSession);
  const body = session.split(".");
  body[3] = (body[3]![0] === "A" ? "B" : "A") + body[3]!.slice(1);
  await assert.rejects(openSession(deps, body.join("."), where), expiredSession);
  await assert.rejects(openSession(deps, "garbage", where), expiredSession);
  await assert.rejects(openSession(deps, session, { ...where, now: Date.now() + SESSION_TTL_SECONDS * 1000 + 1000 }), expiredSession);
});

test("flow session: once spent, it cannot be answered again", async () => {
  const session = sealSession(deps.secrets, state);
  const { jti } = await openSession(deps, session, where);
  await spendSession(deps.counters, jti);
  await assert.rejects(openSession(deps, session, where), expiredSession);
  assert.ok(await openSession(deps, sealSession(deps.secrets, state), where), "a new session of the same flow still opens");
});
