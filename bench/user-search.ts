// User search latency at 100,000 users in one pool: the console's users table (searchUsers) for
// the queries operators run. Seeds a database of its own once (kept for later runs).
//   npm run bench:user-search    (DATABASE_URL names the PostgreSQL server; default 127.0.0.1)
// Writes the results to bench/results/user-search.md.
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { createDb } from "../lib/db/client.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { seedUsers } from "../lib/admin/users/seed-users.ts";
import { searchUsers, UserSearchSchema } from "../lib/admin/users/search-users.ts";
import { applyConfig } from "../lib/config/apply-config.ts";
import { ConfigFileSchema } from "../lib/pools/config-schema.ts";
import { getPool } from "../lib/pools/pool.ts";
import { createSecrets, randomToken } from "../lib/security/secrets.ts";
import { computeSharedPasswordRecord } from "../lib/users/password-record.ts";

const USERS = 100_000;
const RUNS = 60;
const POOL = "local_Bench0001";
const server = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const dbName = "gatehouse_bench_users";

const admin = new pg.Client({ connectionString: server.toString() });
await admin.connect();
if ((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).rowCount === 0) await admin.query(`CREATE DATABASE "${dbName}"`);
await admin.end();
const url = new URL(server);
url.pathname = `/${dbName}`;
await applyMigrations({ url: url.toString() });
const db = createDb({ url: url.toString(), embedded: false });

try {
  if (!(await db.userPool.findUnique({ where: { id: POOL } }))) {
    // A pool without users: nothing is sealed, so a throwaway secret will do.
    await applyConfig({ db, secrets: createSecrets(randomToken()) }, ConfigFileSchema.parse({ pools: [{ id: POOL, name: "Benchmark", signInAliases: ["email"] }] }));
  }
  const pool = await getPool(db, POOL);
  const have = await db.user.count({ where: { poolId: POOL } });
  if (have < USERS) {
    console.log(`seeding ${USERS - have} users...`);
    await seedUsers(db, { pool, count: USERS - have, password: await computeSharedPasswordRecord({ password: "Passw0rd!" }), onProgress: (n) => process.stdout.write(`\r${n}`) });
    console.log();
  }
  await db.$executeRawUnsafe(`ANALYZE "User"; ANALYZE "GroupMembership";`);

  const sample = await db.user.findFirst({ where: { poolId: POOL }, skip: 54_321, select: { id: true, email: true } });
  const walk = async (params: Record<string, string>, pages: number) => {
    let cursor: string | undefined;
    for (let i = 0; i < pages; i++) {
      const page = await searchUsers(db, pool, UserSearchSchema.parse({ ...params, ...(cursor ? { cursor } : {}) }));
      cursor = page.nextCursor ?? undefined;
    }
  };
  const cases: [string, () => Promise<unknown>][] = [
    ["first page, sorted by username", () => searchUsers(db, pool, UserSearchSchema.parse({}))],
    ["first page, newest first", () => searchUsers(db, pool, UserSearchSchema.parse({ sort: "createdAt", order: "desc" }))],
    ["first page, sorted by email", () => searchUsers(db, pool, UserSearchSchema.parse({ sort: "email" }))],
    ["email prefix 'grace.' (6,250 matches)", () => searchUsers(db, pool, UserSearchSchema.parse({ q: "grace.", field: "email" }))],
    ["any field, prefix 'ada.lovelace.0004'", () => searchUsers(db, pool, UserSearchSchema.parse({ q: "ada.lovelace.0004" }))],
    ["exact email", () => searchUsers(db, pool, UserSearchSchema.parse({ q: sample!.email!, match: "exact" }))],
    ["by sub", () => searchUsers(db, pool, UserSearchSchema.parse({ q: sample!.id }))],
    ["phone prefix '+15550004'", () => searchUsers(db, pool, UserSearchSchema.parse({ q: "+15550004", field: "phone_number" }))],
    ["status UNCONFIRMED", () => searchUsers(db, pool, UserSearchSchema.parse({ status: "UNCONFIRMED" }))],
    ["group 'beta'", () => searchUsers(db, pool, UserSearchSchema.parse({ group: "beta" }))],
    ["disabled users", () => searchUsers(db, pool, UserSearchSchema.parse({ enabled: "false" }))],
    ["10 pages deep by cursor (per page)", async () => walk({}, 10)],
  ];

  const rows: string[] = [];
  for (const [name, run] of cases) {
    for (let i = 0; i < 5; i++) await run(); // warm up
    const times: number[] = [];
    const runs = name.startsWith("10 pages") ? 10 : RUNS;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await run();
      times.push((performance.now() - t) / (name.startsWith("10 pages") ? 10 : 1));
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    rows.push(`| ${name} | ${p(0.5)} | ${p(0.95)} |`);
    console.log(`${name.padEnd(42)} p50 ${p(0.5).padStart(6)} ms   p95 ${p(0.95).padStart(6)} ms`);
  }
  const report = [
    "# User search latency",
    "",
    `${USERS.toLocaleString("en-US")} users in one pool, PostgreSQL ${(await db.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version"))[0]!.server_version}, one process, ${RUNS} runs per query after warm-up.`,
    "Each query is one page of 25 with its total count, as the console's users table asks for it.",
    "",
    "| query | p50 ms | p95 ms |",
    "| --- | --- | --- |",
    ...rows,
    "",
    `Run with \`npm run bench:user-search\` on ${new Date().toISOString().slice(0, 10)}.`,
    "",
  ].join("\n");
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/user-search.md", report);
  console.log("\nwrote bench/results/user-search.md");
} finally {
  await db.$disconnect();
}
