// Starts one Gatehouse for all specs, with the test pools, and stops it at the end. The main pool
// also gets a pre sign-up and a user migration trigger (e2e/trigger-handler.ts), set in the config
// file as an operator sets them.
import { startServer } from "../tests/support/server.ts";
import { POOL, testConfig } from "../tests/support/fixtures.ts";
import { E2E_TRIGGER_SECRET, startTriggerHandler } from "./trigger-handler.ts";
import { codesPoolConfig } from "./mfa-codes-pool.ts";
import { ACCOUNT_POOL, accountConfig, securityPoolConfig } from "../tests/account/support.ts";

export default async function globalSetup() {
  const handler = await startTriggerHandler();
  const config = testConfig();
  const main = config.pools.find((pool) => pool.id === POOL)! as (typeof config.pools)[number] & { triggers?: unknown };
  main.triggers = {
    preSignUp: { url: `${handler.url}/preSignUp`, secret: E2E_TRIGGER_SECRET },
    userMigration: { url: `${handler.url}/userMigration`, secret: E2E_TRIGGER_SECRET },
  };
  (config.pools as unknown[]).push(codesPoolConfig());
  // The account page's pool (optional MFA with an authenticator app): e2e/account.spec.ts and the axe check.
  (config.pools as unknown[]).push(accountConfig(["pia", "rex", "lin"]).pools.find((pool) => pool.id === ACCOUNT_POOL)!);
  // The account page's security sections (every second factor, passkeys, remembered devices): e2e/account-security.spec.ts and the axe check.
  (config.pools as unknown[]).push(securityPoolConfig(["vera", "wes", "xia", "yves"]));
  const server = await startServer({ config });
  process.env.GATEHOUSE_E2E_TRIGGERS = "1";
  process.env.GATEHOUSE_URL = server.url;
  return async () => {
    await server.stop();
    await handler.close();
  };
}
