// Disabling a user in the config file ends their sessions, as disabling them in the console or the
// admin API does (lib/users/set-user-enabled.ts): a refresh token issued before is dead for good,
// not merely refused while the user is disabled and honoured again once the file enables them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { startServer, type RunningServer } from "../support/server.ts";
import { CONFIDENTIAL_SECRET, POOL, testConfig } from "../support/fixtures.ts";
import { redeemCode, refresh, signInForCode } from "../support/token-grants.ts";

const client = { id: "confidential", secret: CONFIDENTIAL_SECRET };

/** The test config with alice enabled or not. */
function configWithAlice(enabled: boolean) {
  const config = testConfig();
  const pool = config.pools.find((p) => p.id === POOL)!;
  pool.users = pool.users.map((u) => (u.username === "alice" ? { ...u, enabled } : u));
  return config;
}

let server: RunningServer;
let issuer: string;
before(async () => {
  server = await startServer({ config: configWithAlice(true) });
  issuer = `${server.url}/${POOL}`;
});
after(async () => {
  await server?.stop();
});

async function applyAtRestart(enabled: boolean) {
  writeFileSync(path.join(server.dataDir, "config.json"), JSON.stringify(configWithAlice(enabled), null, 2));
  await server.restart();
}

test("a refresh token from before the config file disabled the user does not work after the file enables them again", async () => {
  const tokens = await redeemCode(issuer, client, await signInForCode(server.url, { pool: POOL, clientId: client.id }));
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  const refreshToken = tokens.body.refresh_token!;

  await applyAtRestart(false);
  const whileDisabled = await refresh(issuer, client, refreshToken);
  assert.equal(whileDisabled.status, 400, JSON.stringify(whileDisabled.body));

  await applyAtRestart(true);
  const afterEnabled = await refresh(issuer, client, refreshToken);
  assert.equal(afterEnabled.status, 400, `the old session came back: ${JSON.stringify(afterEnabled.body)}`);
  assert.equal(afterEnabled.body.error, "invalid_grant");

  // The user themself is back: a new sign-in works.
  const again = await redeemCode(issuer, client, await signInForCode(server.url, { pool: POOL, clientId: client.id }));
  assert.equal(again.status, 200, JSON.stringify(again.body));
});
