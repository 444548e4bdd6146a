// Fixed-window counters shared by every instance: in Redis when REDIS_URL is set, otherwise in
// PostgreSQL. Used for per-IP rate limits, per-account code limits and the lockout of sign-in
// names that match no account.
import type { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { deleteCounter, deleteExpiredCounters, findLiveCounter, hitCounter } from "./rate-limit.queries.ts";

export type CounterState = { count: number; resetInSeconds: number };

export type Counters = {
  /** Adds one to `key` in a window of `windowSeconds` (started by the first hit); returns the count and seconds left. */
  hit(key: string, windowSeconds: number): Promise<CounterState>;
  /** The count of `key` in its current window, without adding to it (0 once the window is over). */
  peek(key: string): Promise<CounterState>;
  reset(key: string): Promise<void>;
};

/**
 * Redis through rate-limiter-flexible: each hit is one Lua script (SET NX EX, INCRBY, PTTL), so a
 * key never exists without its expiry, whatever happens to the process between commands.
 */
export function redisCounters(redis: Redis, prefix: string): Counters {
  // The limiter's own refusal is not used: callers compare the count with their rule's limit, so
  // its points are unbounded and each hit says its window (customDuration) for a new key.
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}rl`, points: Number.MAX_SAFE_INTEGER, duration: 60 });
  const state = (res: { consumedPoints: number; msBeforeNext: number } | null): CounterState =>
    res ? { count: res.consumedPoints, resetInSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) } : { count: 0, resetInSeconds: 0 };
  return {
    async hit(key, windowSeconds) {
      return state(await limiter.penalty(key, 1, { customDuration: windowSeconds }));
    },
    async peek(key) {
      return state(await limiter.get(key));
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/**
 * PostgreSQL: one upsert per hit, which restarts the window when the old one is over, so
 * concurrent hits on any instance count exactly (rate-limiter-flexible's PostgreSQL limiter would
 * create its own table outside the migrations; this one is already atomic).
 */
export function postgresCounters(db: Db): Counters {
  return {
    async hit(key, windowSeconds) {
      const row = await hitCounter(db, { key, windowSeconds });
      return { count: row.count, resetInSeconds: Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000)) };
    },
    async peek(key) {
      const row = await findLiveCounter(db, { key });
      return row ? { count: row.count, resetInSeconds: Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000)) } : { count: 0, resetInSeconds: 0 };
    },
    async reset(key) {
      await deleteCounter(db, { key });
    },
  };
}

/** Drops PostgreSQL counters whose window is over (Redis expires its own). */
export async function purgeExpiredCounters(db: Db): Promise<void> {
  await deleteExpiredCounters(db);
}

export type RateRule = { name: string; limit: number; windowSeconds: number };

export const RATE_RULES = {
  signInPerIp: { name: "signin-ip", limit: 30, windowSeconds: 60 },
  signUpPerIp: { name: "signup-ip", limit: 10, windowSeconds: 60 },
  codePerIp: { name: "code-ip", limit: 20, windowSeconds: 60 },
  formPerIp: { name: "form-ip", limit: 120, windowSeconds: 60 },
  /** /token-to-credentials: each call may verify a token, touch the database and (sts mode) call STS. */
  credentialsPerIp: { name: "credentials-ip", limit: 60, windowSeconds: 60 },
} satisfies Record<string, RateRule>;

/**
 * Counts one request against `rule` for `key` (the rule's name is prepended) and refuses it past
 * the rule's limit (scaled by GATEHOUSE_RATE_LIMIT_FACTOR): TooManyRequestsException with
 * `message(seconds)` and the seconds to wait as retryAfterSeconds.
 */
export async function assertUnderRate(
  deps: { counters: Counters; env: { rateLimitFactor: number } }, rule: RateRule, key: string, message: (seconds: number) => string,
): Promise<void> {
  const hit = await deps.counters.hit(`${rule.name}:${key}`, rule.windowSeconds);
  if (hit.count > Math.round(rule.limit * deps.env.rateLimitFactor)) {
    throw new AppError("TooManyRequestsException", message(hit.resetInSeconds), { retryAfterSeconds: hit.resetInSeconds });
  }
}
