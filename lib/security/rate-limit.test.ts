// The Redis counters against a real Redis (REDIS_URL): a key never lives without its expiry.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { redisCounters } from "./rate-limit.ts";

const url = process.env.REDIS_URL;
const skip = url ? false : "needs REDIS_URL";
const prefix = `gatehouse-unit-${randomBytes(4).toString("hex")}:`;

/** A connection that dies whenever a separate EXPIRE is sent, as a process killed between two commands would leave it. */
class ExpireLost extends Redis {
  override expire(): never {
    throw new Error("connection lost before EXPIRE");
  }
  override pexpire(): never {
    throw new Error("connection lost before PEXPIRE");
  }
}

const clients: Redis[] = [];
after(async () => {
  for (const c of clients) {
    const keys = await c.keys(`${prefix}*`);
    if (keys.length) await c.del(...keys);
    await c.quit();
  }
});

test("a hit gives the new key its expiry in the same step", { skip }, async () => {
  const redis = new Redis(url!);
  clients.push(redis);
  const counters = redisCounters(redis, prefix);
  const first = await counters.hit("k1", 90);
  assert.deepEqual(first, { count: 1, resetInSeconds: 90 });
  const ttl = await redis.ttl(`${prefix}rl:k1`);
  assert.ok(ttl > 0 && ttl <= 90, `TTL is ${ttl}`);
  const second = await counters.hit("k1", 90);
  assert.equal(second.count, 2);
  assert.ok(await redis.ttl(`${prefix}rl:k1`) <= 90, "a later hit does not stretch the window");
});

test("no key is left without an expiry when the connection fails after the increment", { skip }, async () => {
  const redis = new ExpireLost(url!);
  clients.push(redis);
  const counters = redisCounters(redis, prefix);
  await counters.hit("k2", 60).catch(() => {});
  const ttl = await redis.ttl(`${prefix}rl:k2`);
  assert.notEqual(ttl, -1, "the key exists without an expiry: it would count forever");
  assert.ok(ttl > 0, `TTL is ${ttl}`);
});

test("peek reads without counting; reset forgets", { skip }, async () => {
  const redis = new Redis(url!);
  clients.push(redis);
  const counters = redisCounters(redis, prefix);
  assert.deepEqual(await counters.peek("k3"), { count: 0, resetInSeconds: 0 });
  await counters.hit("k3", 30);
  await counters.hit("k3", 30);
  const seen = await counters.peek("k3");
  assert.equal(seen.count, 2);
  assert.ok(seen.resetInSeconds > 0 && seen.resetInSeconds <= 30);
  assert.equal((await counters.peek("k3")).count, 2);
  await counters.reset("k3");
  assert.equal((await counters.peek("k3")).count, 0);
});
