// Rule: recovery codes are stored hashed. The RecoveryCode table holds a SHA-256 per code and
// nothing from which the code reads; the hosted flow holds the new set only encrypted, and only
// until the codes page's "Continue" (the flow's record goes with it). Hosted flows live in Redis
// when it is configured (lib/hosted-ui/flow.ts), else in the AuthFlow table: both are searched.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import pg from "pg";
import { Redis } from "ioredis";
import { startServer, type RunningServer } from "../support/server.ts";
import { codesOn, passwordStep, recoveryConfig } from "../support/recovery.ts";

let server: RunningServer;
let db: pg.Client;
let redis: Redis | null = null;
before(async () => {
  server = await startServer({ config: recoveryConfig() });
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  if (process.env.REDIS_URL) redis = new Redis(process.env.REDIS_URL);
});
after(async () => {
  redis?.disconnect();
  await db?.end();
  await server?.stop();
});

/** Every form a code could take in storage. */
const spellings = (code: string) => [code, code.replace("-", ""), code.toUpperCase(), code.replace("-", "").toUpperCase()];

async function dump(table: string): Promise<string> {
  return JSON.stringify((await db.query(`SELECT * FROM "${table}"`)).rows);
}

/** Every hosted flow, in the table and in this server's Redis keys. */
async function dumpFlows(): Promise<string> {
  const kept: unknown[] = [];
  if (redis) for (const key of await redis.keys(`${server.shared.REDIS_PREFIX}hosted-flow:*`)) kept.push(await redis.hgetall(key));
  return (await dump("AuthFlow")) + JSON.stringify(kept);
}

test("recovery codes are stored hashed", async () => {
  const { browser, page } = await passwordStep(server.url, "rita@example.com");
  const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(page.html)![1]!.replace(/\s+/g, "");
  const shown = await browser.submit(page, { code: await generate({ secret }) });
  const codes = codesOn(shown);
  assert.equal(codes.length, 10);

  // While the page is open, the flow holds the codes encrypted only.
  const flows = await dumpFlows();
  assert.match(flows, /recoveryCodesEnc/);
  for (const code of codes) for (const form of spellings(code)) assert.ok(!flows.includes(form), `AuthFlow holds ${form}`);

  const rows = (await db.query(`SELECT r."codeHash", r."usedAt" FROM "RecoveryCode" r JOIN "User" u ON u.id = r."userId" WHERE u.username = 'rita'`)).rows;
  assert.equal(rows.length, 10);
  for (const row of rows) {
    assert.match(row.codeHash, /^[0-9a-f]{64}$/);
    assert.equal(row.usedAt, null);
  }
  const stored = await dump("RecoveryCode");
  for (const code of codes) for (const form of spellings(code)) assert.ok(!stored.includes(form), `RecoveryCode holds ${form}`);

  // Continue: the flow and the codes in it are gone; nothing anywhere else kept them either.
  await browser.submit(shown, {});
  assert.doesNotMatch(await dumpFlows(), /recoveryCodesEnc/);
  for (const table of ["User", "AuditEvent", "OutboxMessage", "AuthFlow", "flows"]) {
    const text = table === "flows" ? await dumpFlows() : await dump(table);
    for (const code of codes) assert.ok(!text.includes(code), `${table} holds ${code}`);
  }
});
