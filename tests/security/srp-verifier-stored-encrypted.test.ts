// Cognito's SRP sign-in needs a salt and verifier for every password, and a verifier is a password
// equivalent that is cheap to test (no argon2): a database dump alone must not give it away. So
// every way a password is set stores it sealed with a key from GATEHOUSE_SECRET, a new password
// stores a new one, a user who has none (an imported hash) gets one at their next password
// sign-in, and the admin API never returns it. The rows are read straight from PostgreSQL; the
// sealed value is opened with the server's GATEHOUSE_SECRET and checked against the password.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { createSecrets, type Secrets } from "../../lib/security/secrets.ts";
import { createVerifier } from "../../lib/security/srp.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf, type Page } from "../support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { CALLBACK, PASSWORD, POOL, USERNAME_POOL, testConfig } from "../support/fixtures.ts";
import { latestCode, openHostedPage } from "../support/codes.ts";

const needsDatabase = !process.env.DATABASE_URL && "needs DATABASE_URL to read the rows";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let db: pg.Client;
let secrets: Secrets;

before(async () => {
  if (needsDatabase) return;
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  secrets = createSecrets(server.shared.GATEHOUSE_SECRET);
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await db?.end();
  await server?.stop();
});

type Row = { id: string; username: string; srpVerifierEnc: string | null };

async function row(pool: string, where: { email: string } | { username: string }): Promise<Row> {
  const [column, value] = "email" in where ? ["emailKey", where.email] : ["usernameKey", where.username];
  const { rows } = await db.query(`SELECT id, username, "srpVerifierEnc" FROM "User" WHERE "poolId" = $1 AND "${column}" = lower($2)`, [pool, value]);
  assert.equal(rows.length, 1, `one user ${value} in ${pool}`);
  return rows[0] as Row;
}

/** The row's verifier is sealed (no hex verifier or salt in the column) and is the one for `password`; returns the sealed value. */
function assertSealedFor(pool: string, user: Row, password: string): string {
  const sealed = user.srpVerifierEnc;
  assert.ok(sealed, `${user.username} has a verifier`);
  assert.doesNotMatch(sealed, /[0-9a-f]{64}/, "no hex verifier or salt in the column");
  assert.doesNotMatch(sealed, /verifier|salt/, "not the plain JSON");
  const { salt, verifier } = JSON.parse(secrets.decrypt(sealed)) as { salt: string; verifier: string };
  assert.equal(sealed.includes(verifier) || sealed.includes(salt), false);
  assert.equal(createVerifier({ poolId: pool, username: user.username, password, salt }).verifier, verifier, `the verifier of ${user.username}'s password`);
  assert.notEqual(createVerifier({ poolId: pool, username: user.username, password: `${password}x`, salt }).verifier, verifier);
  return sealed;
}

const openLogin = (pool = POOL, clientId = "web") => openHostedPage(server.url, { pool, clientId, page: "login" });


const atCallback = (page: Page) => page.url.startsWith(CALLBACK) && new URL(page.url).searchParams.has("code");

describe("the SRP verifier is stored encrypted whenever a password is set", { skip: needsDatabase }, () => {
  test("config-file users and the first admin (GATEHOUSE_ADMIN_PASSWORD)", async () => {
    assertSealedFor(POOL, await row(POOL, { username: "alice" }), PASSWORD);
    assertSealedFor(USERNAME_POOL, await row(USERNAME_POOL, { username: "carol" }), PASSWORD);
    assertSealedFor("system_Gatehouse", await row("system_Gatehouse", { email: ADMIN_EMAIL }), ADMIN_PASSWORD);
    // Imported without a password: no verifier either.
    assert.equal((await row(USERNAME_POOL, { username: "dave" })).srpVerifierEnc, null);
  });

  test("a hosted sign-up", async () => {
    const email = `srp-signup-${Date.now()}@example.com`;
    const { browser, page } = await openLogin();
    const signup = await browser.request(page.url.replace(/\/login$/, "/signup"));
    const next = await browser.submit(signup, { email, password: "Sunny-Day-42" });
    assert.match(next.url, /\/confirm$/, flashOf(next) ?? next.url);
    // The username is generated in an email pool: the verifier hashes it, not the email.
    const user = await row(POOL, { email });
    assert.notEqual(user.username, email);
    assertSealedFor(POOL, user, "Sunny-Day-42");
  });

  test("an admin create with a temporary password, its replacement at sign-in, and an admin's new password", async () => {
    const email = "srp-invited@example.com";
    const created = await api("POST", `/pools/${POOL}/users`, { attributes: { email }, temporaryPassword: "Temp-Passw0rd!" });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const temporary = assertSealedFor(POOL, await row(POOL, { email }), "Temp-Passw0rd!");

    const { browser, page } = await openLogin();
    let next = await browser.submit(page, { login: email, password: "Temp-Passw0rd!" });
    assert.match(next.url, /\/new-password$/);
    next = await browser.submit(next, { password: "Chosen-Pass-7", confirmPassword: "Chosen-Pass-7" });
    assert.ok(atCallback(next), flashOf(next) ?? next.url);
    const chosen = assertSealedFor(POOL, await row(POOL, { email }), "Chosen-Pass-7");
    assert.notEqual(chosen, temporary);

    const set = await api("POST", `/pools/${POOL}/users/${encodeURIComponent(email)}/password`, { password: "Admin-Set-Pass-8", permanent: true });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.notEqual(assertSealedFor(POOL, await row(POOL, { email }), "Admin-Set-Pass-8"), chosen);
  });

  test("a forgot-password reset", async () => {
    const before = assertSealedFor(POOL, await row(POOL, { username: "forgetful" }), PASSWORD);
    const { browser, page } = await openLogin();
    const forgot = await browser.request(page.url.replace(/\/login$/, "/forgot-password"));
    let next = await browser.submit(forgot, { login: "forgetful@example.com" });
    assert.match(next.url, /\/reset-password$/);
    next = await browser.submit(next, { code: await latestCode(server.url, "forgetful@example.com"), password: "Brand-New-Pass-9" });
    assert.match(flashOf(next)!, /password has been changed/);
    assert.notEqual(assertSealedFor(POOL, await row(POOL, { username: "forgetful" }), "Brand-New-Pass-9"), before);
  });

  test("a user without a verifier gets one at the next password sign-in, not at a wrong one", async () => {
    const carol = await row(USERNAME_POOL, { username: "carol" });
    await db.query(`UPDATE "User" SET "srpVerifierEnc" = NULL WHERE id = $1`, [carol.id]);
    const { browser, page } = await openLogin(USERNAME_POOL, "names-web");
    const refused = await browser.submit(page, { login: "carol", password: "Wrong-Pass-1" });
    assert.equal(flashOf(refused), "Incorrect username or password.");
    assert.equal((await row(USERNAME_POOL, { username: "carol" })).srpVerifierEnc, null, "a wrong password stores nothing");
    const next = await browser.submit(refused, { login: "carol@example.com", password: PASSWORD });
    assert.ok(atCallback(next), flashOf(next) ?? next.url);
    assertSealedFor(USERNAME_POOL, await row(USERNAME_POOL, { username: "carol" }), PASSWORD);
  });

  test("the admin API's user JSON never contains it", async () => {
    const alice = await row(POOL, { username: "alice" });
    const answers = [
      await api("GET", `/pools/${POOL}/users/alice`),
      await api("GET", `/pools/${POOL}/users?q=alice`),
      await api("GET", `/pools/${POOL}/export`),
      await api("POST", `/pools/${POOL}/users`, { attributes: { email: "srp-json@example.com" }, temporaryPassword: "Temp-Passw0rd!" }),
      await api("POST", `/pools/${POOL}/users/alice/disable`),
      await api("POST", `/pools/${POOL}/users/alice/enable`),
    ];
    const sealed = [alice.srpVerifierEnc!, (await row(POOL, { email: "srp-json@example.com" })).srpVerifierEnc!];
    for (const answer of answers) {
      assert.ok(answer.status < 300, JSON.stringify(answer.body));
      const json = JSON.stringify(answer.body);
      assert.doesNotMatch(json, /srpVerifier|"verifier"|"salt"/i);
      for (const value of sealed) assert.equal(json.includes(value), false);
    }
  });
});
