import { test } from "node:test";
import assert from "node:assert/strict";
import type { PoolToken, TokenProblem, VerifyResult } from "../tokens/verify-pool-token.ts";
import { createTokenCache, type TokenCheckDeps } from "./token-cache.ts";

const POOL = "local_Test00001";

/** Deps that count what they are asked: `checkLive` stands for every database read. */
function fakeDeps(options: { now: () => number; expiresAt?: number }) {
  const counts = { verify: 0, live: 0 };
  let epoch = 0;
  let generation: object = {};
  let live: TokenProblem | null = null;
  const token = (raw: string): PoolToken => ({
    poolId: POOL, tokenUse: "access", clientId: "web", sub: raw, grantId: "g1", expiresAt: options.expiresAt ?? Math.floor(options.now() / 1000) + 3600, claims: { sub: raw },
  });
  const deps: TokenCheckDeps = {
    verify: async (raw): Promise<VerifyResult> => {
      counts.verify++;
      if (raw === "bad") return { ok: false, problem: "bad_signature" };
      if ((options.expiresAt ?? Infinity) * 1000 <= options.now()) return { ok: false, problem: "expired" };
      return { ok: true, token: token(raw) };
    },
    checkLive: async () => (counts.live++, live),
    epochOf: () => epoch,
    generationOf: async () => generation,
    now: options.now,
  };
  return {
    deps, counts,
    revoke: () => ((epoch += 1), (live = "revoked")),
    bumpEpoch: () => (epoch += 1),
    rotateKeys: () => (generation = {}),
  };
}

test("a cached valid token is answered without verifying or reading the database again", async () => {
  const cache = createTokenCache();
  const f = fakeDeps({ now: Date.now });
  const scope = {};
  for (let i = 0; i < 5; i++) assert.equal((await cache.check(f.deps, { name: "orders", scope, token: "t1" })).ok, true);
  assert.deepEqual(f.counts, { verify: 1, live: 1 });
});

test("after a revocation note the token is checked again, and refused once it is revoked", async () => {
  const cache = createTokenCache();
  const f = fakeDeps({ now: Date.now });
  const scope = {};
  assert.equal((await cache.check(f.deps, { name: "orders", scope, token: "t1" })).ok, true);
  f.bumpEpoch(); // another pool user's revocation: checked again, still live, cached again
  assert.equal((await cache.check(f.deps, { name: "orders", scope, token: "t1" })).ok, true);
  assert.equal(f.counts.live, 2);
  assert.equal((await cache.check(f.deps, { name: "orders", scope, token: "t1" })).ok, true);
  assert.equal(f.counts.live, 2);
  f.revoke();
  assert.deepEqual(await cache.check(f.deps, { name: "orders", scope, token: "t1" }), { ok: false, problem: "revoked" });
  assert.deepEqual(await cache.check(f.deps, { name: "orders", scope, token: "t1" }), { ok: false, problem: "revoked" });
});

test("an answer lives no longer than its token, nor than the maximum age", async () => {
  let now = 1_000_000_000_000;
  const cache = createTokenCache({ maxAgeMs: 60_000 });
  const f = fakeDeps({ now: () => now, expiresAt: now / 1000 + 30 });
  const scope = {};
  assert.equal((await cache.check(f.deps, { name: "orders", scope, token: "t1" })).ok, true);
  now += 29_000;
  assert.equal((await cache.check(f.deps, { name: "orders", scope, token: "t1" })).ok, true);
  assert.equal(f.counts.verify, 1);
  now += 1_000;
  assert.deepEqual(await cache.check(f.deps, { name: "orders", scope, token: "t1" }), { ok: false, problem: "expired" });

  const g = fakeDeps({ now: () => now });
  assert.equal((await cache.check(g.deps, { name: "orders", scope, token: "t2" })).ok, true);
  now += 60_000;
  assert.equal((await cache.check(g.deps, { name: "orders", scope, token: "t2" })).ok, true);
  assert.equal(g.counts.verify, 2, "past the maximum age the token is verified again");
});

test("a changed authorizer or rotated pool keys make the answer stale; another authorizer has its own", async () => {
  const cache = createTokenCache();
  const f = fakeDeps({ now: Date.now });
  const first = {};
  await cache.check(f.deps, { name: "orders", scope: first, token: "t1" });
  await cache.check(f.deps, { name: "orders", scope: {}, token: "t1" });
  assert.equal(f.counts.verify, 2);
  await cache.check(f.deps, { name: "files", scope: first, token: "t1" });
  assert.equal(f.counts.verify, 3);
  f.rotateKeys();
  await cache.check(f.deps, { name: "files", scope: first, token: "t1" });
  assert.equal(f.counts.verify, 4);
});

test("refusals are not cached, and the cache keeps only the most recently used answers", async () => {
  const cache = createTokenCache({ max: 3 });
  const f = fakeDeps({ now: Date.now });
  const scope = {};
  await cache.check(f.deps, { name: "orders", scope, token: "bad" });
  await cache.check(f.deps, { name: "orders", scope, token: "bad" });
  assert.equal(f.counts.verify, 2);
  assert.equal(cache.size(), 0);
  for (const t of ["a", "b", "c"]) await cache.check(f.deps, { name: "orders", scope, token: t });
  await cache.check(f.deps, { name: "orders", scope, token: "a" }); // a is now the most recent
  await cache.check(f.deps, { name: "orders", scope, token: "d" }); // b goes
  assert.equal(cache.size(), 3);
  const before = f.counts.verify;
  await cache.check(f.deps, { name: "orders", scope, token: "a" });
  assert.equal(f.counts.verify, before);
  await cache.check(f.deps, { name: "orders", scope, token: "b" });
  assert.equal(f.counts.verify, before + 1);
});

test("a revocation noted while the liveness check runs leaves the answer to be checked again", async () => {
  const cache = createTokenCache();
  const f = fakeDeps({ now: Date.now });
  const slow = { ...f.deps, checkLive: async (t: PoolToken) => { const r = await f.deps.checkLive(t); f.bumpEpoch(); return r; } };
  await cache.check(slow, { name: "orders", scope: {}, token: "t1" });
  const scope = {};
  await cache.check(slow, { name: "orders", scope, token: "t2" });
  const live = f.counts.live;
  await cache.check(f.deps, { name: "orders", scope, token: "t2" });
  assert.equal(f.counts.live, live + 1);
});
