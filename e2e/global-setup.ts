// Starts one Gatehouse for all specs, with the test pools, and stops it at the end. The main pool
// also gets a pre sign-up and a user migration trigger (e2e/trigger-handler.ts), written into its
// `triggers` column and read at a restart (where the database is reachable, i.e. DATABASE_URL).
import pg from "pg";
import { createSecrets } from "../lib/security/secrets.ts";
import { sealTriggers } from "../lib/triggers/config.ts";
import { startServer } from "../tests/support/server.ts";
import { POOL, testConfig } from "../tests/support/fixtures.ts";
import { E2E_TRIGGER_SECRET, startTriggerHandler } from "./trigger-handler.ts";

export default async function globalSetup() {
  const server = await startServer({ config: testConfig() });
  const handler = await startTriggerHandler();
  if (server.shared.DATABASE_URL) {
    const sealed = sealTriggers(createSecrets(server.shared.GATEHOUSE_SECRET), {
      preSignUp: { url: `${handler.url}/preSignUp`, secret: E2E_TRIGGER_SECRET },
      userMigration: { url: `${handler.url}/userMigration`, secret: E2E_TRIGGER_SECRET },
    });
    const db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
    await db.connect();
    await db.query(`UPDATE "UserPool" SET triggers = $1 WHERE id = $2`, [JSON.stringify(sealed), POOL]);
    await db.end();
    await server.restart();
    process.env.GATEHOUSE_E2E_TRIGGERS = "1";
  }
  process.env.GATEHOUSE_URL = server.url;
  return async () => {
    await server.stop();
    await handler.close();
  };
}
