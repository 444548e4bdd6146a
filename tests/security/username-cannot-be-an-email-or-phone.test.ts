// Where email (or phone) is a sign-in alias, a username shaped like an email (or an E.164 phone
// number) is refused, as Cognito refuses it: otherwise signing up as "bob@example.com" captures
// the sign-in and password resets meant for Bob's address. Refused everywhere a username is
// chosen: the hosted sign-up form, the admin API's create, the config file and pool import.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf } from "../support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { CALLBACK, PASSWORD, USERNAME_POOL, testConfig } from "../support/fixtures.ts";
import { readOutbox } from "../support/oauth.ts";
import { openHostedPage } from "../support/codes.ts";

const PHONE_POOL = "local_Phones001";
const EMAIL_REFUSED = "Username cannot be of email format, since user pool is configured for email alias.";
const PHONE_REFUSED = "Username cannot be of phone number format, since user pool is configured for phone number alias.";

function config() {
  const base = testConfig();
  base.pools.push({
    id: PHONE_POOL, name: "Phones", signInAliases: ["username", "phone"], autoVerifiedAttributes: [],
    clients: [{ clientId: "phones-web", name: "Phones web", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: ["openid"] }],
  } as unknown as (typeof base.pools)[number]);
  return base;
}

let server: RunningServer;
let api: ReturnType<typeof apiClient>;

before(async () => {
  server = await startServer({ config: config(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await server?.stop();
});

// Scope openid alone: the phone pool's client allows no other.
const signUpPage = (pool: string, clientId: string) => openHostedPage(server.url, { pool, clientId, page: "signup", scope: "openid" });

describe("a username shaped like an email or phone number is refused where that is a sign-in alias", () => {
  test("hosted sign-up: an email-shaped username is refused with Cognito's message, and nothing is made", async () => {
    const { browser, page } = await signUpPage(USERNAME_POOL, "names-web");
    const next = await browser.submit(page, { username: "carol@example.com", email: "mallory@example.com", password: PASSWORD });
    assert.match(next.url, /\/signup$/);
    assert.equal(flashOf(next), EMAIL_REFUSED);
    assert.deepEqual(await readOutbox(server.url, "mallory@example.com"), [], "no code sent: no account was made");
    const fine = await browser.submit(next, { username: "mallory", email: "mallory@example.com", password: PASSWORD });
    assert.match(fine.url, /\/confirm$/, "the same sign-up with a plain username goes through");
  });

  test("hosted sign-up: a phone-number username is refused where phone is an alias", async () => {
    const { browser, page } = await signUpPage(PHONE_POOL, "phones-web");
    const next = await browser.submit(page, { username: "+14155550123", password: PASSWORD });
    assert.match(next.url, /\/signup$/);
    assert.equal(flashOf(next), PHONE_REFUSED);
  });

  test("admin API: creating a user with such a username is refused on the username field", async () => {
    const email = await api("POST", `/pools/${USERNAME_POOL}/users`, { username: "carol@example.com", attributes: { email: "eve@example.com" } });
    assert.equal(email.status, 400);
    assert.deepEqual(email.body.error, { code: "InvalidParameterException", message: EMAIL_REFUSED, field: "username" });
    const phone = await api("POST", `/pools/${PHONE_POOL}/users`, { username: "+14155550123", attributes: {} });
    assert.equal(phone.status, 400);
    assert.deepEqual(phone.body.error, { code: "InvalidParameterException", message: PHONE_REFUSED, field: "username" });
    const search = await api("GET", `/pools/${USERNAME_POOL}/users?q=eve@example.com&field=email&match=exact`);
    assert.deepEqual(search.body.users, [], "nothing was created");
  });

  test("pool import: a user with such a username is refused, naming the user", async () => {
    const document = {
      id: "local_Import001", name: "Imported", signInAliases: ["username", "email"],
      users: [{ username: "carol@example.com", attributes: { email: "eve@example.com", email_verified: "true" } }],
    };
    const refused = await api("POST", "/pools/import", document);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, "InvalidParameterException");
    assert.match(refused.body.error.message, new RegExp(`users\\.0\\.username: ${EMAIL_REFUSED.replace(/\./g, "\\.")}`));
    assert.equal((await api("GET", "/pools/local_Import001")).status, 404, "nothing of the document was applied");
  });

  // Last: the server does not start again with this file.
  test("config file: a start with such a username stops with a clear error naming the user", async () => {
    const file = path.join(server.dataDir, "config.json");
    const bad = JSON.parse(readFileSync(file, "utf8"));
    const index = bad.pools.findIndex((p: { id: string }) => p.id === USERNAME_POOL);
    bad.pools[index].users.push({ username: "carol@example.com", password: PASSWORD, attributes: { email: "eve@example.com" } });
    writeFileSync(file, JSON.stringify(bad));
    await assert.rejects(server.restart(), (error: Error) => {
      assert.match(error.message, new RegExp(`pools\\.${index}\\.users\\.2\\.username: ${EMAIL_REFUSED.replace(/\./g, "\\.")}`));
      return true;
    });
  });
});
