// Fills a user pool with synthetic users for trying the console's search and for benchmarks.
//   npm run seed:users -- [--pool local_Seed00001] [--count 100000]
// Uses DATABASE_URL, or the embedded database in GATEHOUSE_DATA_DIR (stop Gatehouse first: the
// embedded database takes one process at a time). Creates the pool if it does not exist. Every
// seeded user's password is "Passw0rd!".
import { parseArgs } from "node:util";
import { parseEnv } from "../lib/config/env.ts";
import { createDb } from "../lib/db/client.ts";
import { startEmbeddedDatabase } from "../lib/db/embedded.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { seedUsers } from "../lib/admin/users/seed-users.ts";
import { applyConfig } from "../lib/config/apply-config.ts";
import { ConfigFileSchema } from "../lib/pools/config-schema.ts";
import { getPool } from "../lib/pools/pool.ts";
import { createSecrets, loadRootSecret } from "../lib/security/secrets.ts";
import { computeSharedPasswordRecord } from "../lib/users/password-record.ts";

const { values } = parseArgs({ options: { pool: { type: "string", default: "local_Seed00001" }, count: { type: "string", default: "100000" } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 5_000_000) throw new Error("--count must be a whole number from 1 to 5,000,000");

const env = parseEnv();
const embedded = env.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: env.dataDir });
const url = env.databaseUrl ?? embedded!.url;
await applyMigrations({ url });
const db = createDb({ url, embedded: !!embedded });
try {
  if (!(await db.userPool.findUnique({ where: { id: values.pool } }))) {
    await applyConfig({ db, secrets: createSecrets(loadRootSecret({ secret: env.secret, dataDir: env.dataDir })) }, ConfigFileSchema.parse({ pools: [{ id: values.pool, name: "Seeded users", signInAliases: ["email"] }] }));
    console.log(`created pool ${values.pool}`);
  }
  const pool = await getPool(db, values.pool);
  const started = Date.now();
  const { created } = await seedUsers(db, {
    pool, count, password: await computeSharedPasswordRecord({ password: "Passw0rd!" }),
    onProgress: (done) => process.stdout.write(`\rseeded ${done.toLocaleString("en-US")} of ${count.toLocaleString("en-US")}`),
  });
  console.log(`\nseeded ${created.toLocaleString("en-US")} users into ${pool.id} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.$disconnect();
  await embedded?.stop();
}
