// Rule: the outbox does not keep codes and temporary passwords for good. A message that carries
// one expires with it (24 hours for a sign-up code, 1 hour for a reset code, the pool's
// temporaryPasswordValidityDays for a temporary password); an expired message is never listed and
// the purge deletes it. The passage of time is simulated by moving the stored expiry back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { readOutbox } from "../support/oauth.ts";
import { openHostedPage, waitForOutbox } from "../support/codes.ts";

const skip = process.env.DATABASE_URL ? false : "reads the stored messages: needs DATABASE_URL";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let db: pg.Client;
before(async () => {
  if (skip) return;
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url));
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
  await server?.stop();
});

/** Seconds between each stored message to `to` being written and expiring (null: never). */
async function lifetimes(to: string): Promise<(number | null)[]> {
  const { rows } = await db.query<{ seconds: number | null }>(
    `SELECT EXTRACT(EPOCH FROM ("expiresAt" - "createdAt"))::float AS seconds FROM "OutboxMessage" WHERE "to" = $1 ORDER BY "createdAt"`, [to]);
  return rows.map((r) => (r.seconds === null ? null : Math.round(r.seconds / 60) * 60));
}

test("a message carrying a code or a temporary password expires with it", { skip }, async () => {
  const signup = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "signup" });
  const email = `expiring-${Date.now()}@example.com`;
  await signup.browser.submit(signup.page, { email, password: "Sunny-Day-42" });
  await waitForOutbox(server.url, email, 1);
  assert.deepEqual(await lifetimes(email), [24 * 3600]);

  const forgot = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
  await forgot.browser.submit(forgot.page, { login: "forgetful@example.com" });
  await waitForOutbox(server.url, "forgetful@example.com", 1);
  assert.deepEqual(await lifetimes("forgetful@example.com"), [3600]);

  const invited = await api("POST", `/pools/${POOL}/users`, { attributes: { email: "invited-expiry@example.com", email_verified: "true" }, sendInvitation: true });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  const reset = await api("POST", `/pools/${POOL}/users/${encodeURIComponent("invited-expiry@example.com")}/password`, { permanent: false, notify: true });
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  const days = 7; // the fixtures' pools leave temporaryPasswordValidityDays at its default
  assert.deepEqual(await lifetimes("invited-expiry@example.com"), [days * 86400, days * 86400]);
});

test("an expired message is not listed, and the purge deletes it", { skip }, async () => {
  const to = "forgetful@example.com";
  const before = await readOutbox(server.url, to);
  assert.ok(before.length > 0);
  await db.query(`UPDATE "OutboxMessage" SET "expiresAt" = now() - interval '1 second' WHERE "to" = $1`, [to]);

  assert.deepEqual(await readOutbox(server.url, to), [], "the development outbox hides it");
  const listed = await api("GET", `/pools/${POOL}/outbox?limit=100`);
  assert.ok(!listed.body.messages.some((m: { to: string }) => m.to === to), "the console's outbox hides it");

  // The purge runs at start and every ten minutes: a restart runs it now.
  await server.restart();
  const until = Date.now() + 10_000;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "to" = $1`, [to]);
    if (rows[0]!.n === 0) break;
    assert.ok(Date.now() < until, `${rows[0]!.n} expired messages are still stored`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const kept = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "to" <> $1`, [to]);
  assert.ok(kept.rows[0]!.n > 0, "messages that still work are kept");
});
