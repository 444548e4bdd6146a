import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { createDb } from "../db/client.ts";
import { isDatabaseUnavailable, isRedisUnavailable, isUnavailable } from "./unavailable.ts";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  assert.fail("expected an error");
}

test("Prisma's errors for a database that cannot be reached are outages, for model and raw queries alike", async () => {
  const db = createDb({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`, embedded: false });
  try {
    assert.ok(isDatabaseUnavailable(await caught(() => db.userPool.count())));
    assert.ok(isDatabaseUnavailable(await caught(() => db.$queryRaw`SELECT 1`)));
    assert.ok(isDatabaseUnavailable(await caught(() => db.$transaction(async (tx) => tx.userPool.count()))));
  } finally {
    await db.$disconnect();
  }
});

test("a server shutting connections down is an outage; a wrong query or a duplicate is not", () => {
  const adapterError = (cause: object) => ({ code: "P2039", meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });
  assert.ok(isDatabaseUnavailable(adapterError({ kind: "postgres", originalCode: "57P01", originalMessage: "terminating connection due to administrator command" })));
  assert.ok(isDatabaseUnavailable(adapterError({ kind: "postgres", originalCode: "08006" })));
  assert.ok(isDatabaseUnavailable(new Error("Connection terminated unexpectedly")));
  assert.ok(isDatabaseUnavailable({ code: "P1017" }));
  assert.ok(!isDatabaseUnavailable(adapterError({ kind: "postgres", originalCode: "42601" })), "syntax error");
  assert.ok(!isDatabaseUnavailable({ code: "P2002", meta: { target: ["email"] } }), "unique constraint");
  assert.ok(!isDatabaseUnavailable(new Error("boom")));
  // A bare socket error may be SMTP's or an HTTP client's: not the database's.
  assert.ok(!isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", syscall: "connect" })));
  assert.ok(!isDatabaseUnavailable(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } })));
});

test("ioredis giving up on a command because Redis is down is an outage", async () => {
  const redis = new Redis(`redis://127.0.0.1:${await closedPort()}`, { maxRetriesPerRequest: 1, retryStrategy: () => 10, lazyConnect: true });
  redis.on("error", () => {});
  try {
    const error = await caught(() => redis.incr("x"));
    assert.ok(isRedisUnavailable(error), String(error));
    assert.ok(isUnavailable(error));
  } finally {
    redis.disconnect();
  }
});
