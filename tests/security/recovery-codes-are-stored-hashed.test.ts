// Rule: recovery codes are stored hashed. The RecoveryCode table holds a SHA-256 per code and
// nothing from which the code reads; the hosted flow holds the new set only encrypted, and only
// until the codes page's "Continue" (the flow's row goes with it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import pg from "pg";
import { startServer, type RunningServer } from "../support/server.ts";
import { codesOn, passwordStep, recoveryConfig } from "../support/recovery.ts";

let server: RunningServer;
let db: pg.Client;
before(async () => {
  server = await startServer({ config: recoveryConfig() });
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
  await server?.stop();
});

/** Every form a code could take in storage. */
const spellings = (code: string) => [code, code.replace("-", ""), code.toUpperCase(), code.replace("-", "").toUpperCase()];

async function dump(table: string): Promise<string> {
  return JSON.stringify((await db.query(`SELECT * FROM "${table}"`)).rows);
}

test("recovery codes are stored hashed", async () => {
  const { browser, page } = await passwordStep(server.url, "rita@example.com");
  const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(page.html)![1]!.replace(/\s+/g, "");
  const shown = await browser.submit(page, { code: await generate({ secret }) });
  const codes = codesOn(shown);
  assert.equal(codes.length, 10);

  // While the page is open, the flow holds the codes encrypted only.
  const flows = await dump("AuthFlow");
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
  assert.equal((await db.query(`SELECT count(*)::int AS n FROM "AuthFlow" WHERE data::text LIKE '%recoveryCodesEnc%'`)).rows[0].n, 0);
  for (const table of ["User", "AuditEvent", "OutboxMessage", "AuthFlow"]) {
    const text = await dump(table);
    for (const code of codes) assert.ok(!text.includes(code), `${table} holds ${code}`);
  }
});
