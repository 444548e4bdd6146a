// Fixed-window counters shared by every instance: in Redis when REDIS_URL is set, otherwise in
// PostgreSQL. Used for per-IP rate limits and per-user failed sign-in counting.
import type { Redis } from "ioredis";
import type { Db } from "../db/client.ts";

export type Counters = {
  /** Adds one to `key` in a window of `windowSeconds`; returns the count and seconds left. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  reset(key: string): Promise<void>;
};

export function redisCounters(redis: Redis, prefix: string): Counters {
  return {
    async hit(key, windowSeconds) {
      const k = `${prefix}rl:${key}`;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).ttl(k).exec()) as [[null, number], [null, number]];
      if (ttl < 0) await redis.expire(k, windowSeconds);
      return { count, resetInSeconds: ttl < 0 ? windowSeconds : ttl };
    },
    async reset(key) {
      await redis.del(`${prefix}rl:${key}`);
    },
  };
}

export function postgresCounters(db: Db): Counters {
  return {
    async hit(key, windowSeconds) {
      // One statement, so concurrent hits on any instance count exactly.
      const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
        INSERT INTO "RateCounter" (key, count, "resetAt") VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN "RateCounter"."resetAt" <= now() THEN 1 ELSE "RateCounter".count + 1 END,
          "resetAt" = CASE WHEN "RateCounter"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateCounter"."resetAt" END
        RETURNING count, "resetAt"`;
      const row = rows[0]!;
      return { count: row.count, resetInSeconds: Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000)) };
    },
    async reset(key) {
      await db.rateCounter.deleteMany({ where: { key } });
    },
  };
}

export type RateRule = { name: string; limit: number; windowSeconds: number };

export const RATE_RULES = {
  signInPerIp: { name: "signin-ip", limit: 30, windowSeconds: 60 },
  signUpPerIp: { name: "signup-ip", limit: 10, windowSeconds: 60 },
  codePerIp: { name: "code-ip", limit: 20, windowSeconds: 60 },
  formPerIp: { name: "form-ip", limit: 120, windowSeconds: 60 },
} satisfies Record<string, RateRule>;
