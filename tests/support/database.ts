// A database of its own for each test run: a fresh database on the PostgreSQL server named by
// DATABASE_URL (dropped afterwards), or an embedded one in a temporary data directory.
import { randomBytes } from "node:crypto";
import pg from "pg";

export type TestDatabase = { url: string | undefined; drop: () => Promise<void> };

export async function createTestDatabase(base = process.env.DATABASE_URL): Promise<TestDatabase> {
  if (!base) return { url: undefined, drop: async () => {} };
  const name = `gatehouse_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}
