// The SQL of the PostgreSQL rate counters (installs without Redis): one row per key and window.
import type { Tx } from "../db/client.ts";

export type CounterRow = { count: number; resetAt: Date };

/**
 * One hit on the key, in one upsert that restarts the window when the old one is over, so
 * concurrent hits on any instance count exactly. The count and window end after it.
 */
export async function hitCounter(db: Tx, options: { key: string; windowSeconds: number }): Promise<CounterRow> {
  const rows = await db.$queryRaw<CounterRow[]>`
        INSERT INTO "RateCounter" (key, count, "resetAt") VALUES (${options.key}, 1, now() + make_interval(secs => ${options.windowSeconds}))
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN "RateCounter"."resetAt" <= now() THEN 1 ELSE "RateCounter".count + 1 END,
          "resetAt" = CASE WHEN "RateCounter"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateCounter"."resetAt" END
        RETURNING count, "resetAt"`;
  return rows[0]!;
}

/** The key's counter while its window lasts, or null. */
export async function findLiveCounter(db: Tx, options: { key: string }): Promise<CounterRow | null> {
  const rows = await db.$queryRaw<CounterRow[]>`
        SELECT count, "resetAt" FROM "RateCounter" WHERE key = ${options.key} AND "resetAt" > now()`;
  return rows[0] ?? null;
}

export async function deleteCounter(db: Tx, options: { key: string }): Promise<void> {
  await db.rateCounter.deleteMany({ where: { key: options.key } });
}

export async function deleteExpiredCounters(db: Tx): Promise<void> {
  await db.rateCounter.deleteMany({ where: { resetAt: { lt: new Date() } } });
}
