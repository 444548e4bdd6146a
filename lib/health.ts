// Whether the database is usable, for /api/health (a load balancer's check) and for server.ts,
// which answers 503 at once while it is not (lib/http/unavailable.ts) instead of letting every
// request wait for a connection that cannot be made.
import pg from "pg";
import type { Db } from "./db/client.ts";

export type HealthResult = { ok: true } | { ok: false; reason: string };

/** Runs the health query; the rows it answers. */
export type HealthProbe = { query: (sql: string) => Promise<Record<string, unknown>[]>; close: () => Promise<void> };

const PENDING_MIGRATIONS = `SELECT count(*) AS pending FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`;

/**
 * The health query through the requests' own client (the embedded database serves one connection).
 * Its raw SQL stays here rather than in a queries module: the probe runs the same text (SELECT 1 and
 * the pending migrations) through Prisma or through a pg connection of its own (dedicatedProbe), so
 * the SQL belongs to the probe, not to a model.
 */
export function probeThrough(db: Db): HealthProbe {
  return { query: (sql) => db.$queryRawUnsafe<Record<string, unknown>[]>(sql), close: async () => {} };
}

/**
 * The health query on a connection of its own. Under load every pooled connection may be lent out
 * and a request can time out waiting for one; a check queued behind them would take a busy
 * database for a missing one and turn every request away. A connection of its own answers for the
 * database alone. Its loss (the database shutting down) triggers `onLost` at once.
 */
export function dedicatedProbe(url: string, onLost: () => void): HealthProbe {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 3000, keepAlive: true, idleTimeoutMillis: 0 });
  pool.on("error", onLost);
  return { query: async (sql) => (await pool.query(sql)).rows as Record<string, unknown>[], close: () => pool.end() };
}

/** The database answers and every migration has been applied. */
export async function checkHealth(probe: HealthProbe, timeoutMs = 3000): Promise<HealthResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: "database not answering" }), timeoutMs);
  });
  const check = (async (): Promise<HealthResult> => {
    try {
      const rows = await probe.query(PENDING_MIGRATIONS);
      if (Number(rows[0]?.pending ?? 0) > 0) return { ok: false, reason: "migrations pending" };
      return { ok: true };
    } catch {
      return { ok: false, reason: "database unreachable" };
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type DatabaseWatch = {
  /** False from a failed check until one succeeds. */
  up(): boolean;
  /** Something went wrong that may be the database (a pooled connection died, a connection
   * error, a 5xx): check now. Whether it is down is the check's to say, so one stale connection
   * does not turn requests away. */
  recheck(): void;
  /** Checks now and records the result (for /api/health). */
  check(): Promise<HealthResult>;
  stop(): void;
};

/**
 * Checks the database every few seconds (every second while it is down), and at once when asked.
 * The probe keeps its connection open between checks, so a database shutting down is noticed the
 * moment it closes that connection.
 */
export function watchDatabase(probe: HealthProbe, options: { log: (line: string) => void; everyMs?: number; whileDownMs?: number }): DatabaseWatch {
  const everyMs = options.everyMs ?? 5000;
  const whileDownMs = options.whileDownMs ?? 1000;
  let healthy = true;
  let running: Promise<HealthResult> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const record = (result: HealthResult) => {
    if (result.ok !== healthy) options.log(result.ok ? "database reachable again" : `database unavailable (${result.reason}): answering 503 until it is back`);
    healthy = result.ok;
  };
  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void check(), healthy ? everyMs : whileDownMs);
    timer.unref();
  };
  const check = (): Promise<HealthResult> => {
    running ??= checkHealth(probe).then((result) => {
      running = null;
      record(result);
      schedule();
      return result;
    });
    return running;
  };
  schedule();

  return {
    up: () => healthy,
    recheck: () => void check(),
    check,
    stop() {
      stopped = true;
      clearTimeout(timer);
      void probe.close().catch(() => {});
    },
  };
}
