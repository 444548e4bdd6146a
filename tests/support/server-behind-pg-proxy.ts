// Gatehouse whose connections to PostgreSQL pass through a PgProxy (./pg-proxy.ts), so a test can
// kill it at a chosen statement, plus a direct connection to the same database for the test to
// check what was written: what the crash tests of tests/reliability/ share.
import pg from "pg";
import { startServer, type RunningServer } from "./server.ts";
import { startPostgres, type PostgresInstance } from "./postgres-instance.ts";
import { startPgProxy, type PgProxy } from "./pg-proxy.ts";

export type ServerBehindPgProxy = { server: RunningServer; proxy: PgProxy; db: pg.Client; stop: () => Promise<void> };

export async function startServerBehindPgProxy(options: { config: unknown }): Promise<ServerBehindPgProxy> {
  let postgres: PostgresInstance | undefined;
  let proxy: PgProxy | undefined;
  let server: RunningServer | undefined;
  let db: pg.Client | undefined;
  const stop = async () => {
    await db?.end();
    await server?.stop();
    await proxy?.stop();
    postgres?.destroy();
  };
  try {
    // The machine's PostgreSQL when DATABASE_URL names one, else a server of the test's own.
    const base = process.env.DATABASE_URL ?? (postgres = await startPostgres()).url;
    const target = new URL(base);
    proxy = await startPgProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startServer({ config: options.config, databaseServer: base, connectThrough: proxy.through });
    db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
    await db.connect();
    return { server, proxy, db, stop };
  } catch (error) {
    await stop().catch(() => {}); // the start-up error is the one to see
    throw error;
  }
}
