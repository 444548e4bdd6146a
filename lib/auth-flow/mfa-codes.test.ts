// SMS_MFA, EMAIL_OTP and SELECT_MFA_TYPE in the engine, without HTTP: real PostgreSQL, real counters
// and the outbox (where codes to phones land without SMS_URL), driven as a door drives it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database.ts";
import { createDb, type Db } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { AppError } from "../errors.ts";
import { createSender } from "../messaging/sender.ts";
import { applyConfig, parseConfigText } from "../config/apply-config.ts";
import { getPool, type Pool } from "../pools/pool.ts";
import { postgresCounters } from "../security/rate-limit.ts";
import { createSecrets } from "../security/secrets.ts";
import type { MfaUser } from "../users/mfa-preference.ts";
import type { EngineDeps, Outcome, RequestContext } from "./contract.ts";
import { respond, start } from "./engine.ts";
import { ENGINE_MESSAGES } from "./errors.ts";
import { mfaPlan } from "./steps/mfa-factors.ts";

const PASSWORD = "Passw0rd!xyz";
const context: RequestContext = { ip: "192.0.2.7", userAgent: "test" };

test("mfaPlan: which factor a sign-in asks for", () => {
  const none: MfaUser = { totpSecretEnc: null, totpEnabled: false, smsMfaEnabled: false, emailMfaEnabled: false, preferredMfa: null, email: "a@x.test", emailVerified: true, phoneNumber: "+15550001111", phoneVerified: true };
  const all = { mfa: "OPTIONAL" as const, mfaMethods: ["TOTP", "SMS", "EMAIL"] as ("TOTP" | "SMS" | "EMAIL")[] };
  assert.deepEqual(mfaPlan({ ...all, mfa: "OFF" }, { ...none, smsMfaEnabled: true }), { kind: "none" });
  assert.deepEqual(mfaPlan(all, none), { kind: "none" });
  assert.deepEqual(mfaPlan(all, { ...none, smsMfaEnabled: true }), { kind: "ask", factor: "SMS_MFA" });
  assert.deepEqual(mfaPlan(all, { ...none, smsMfaEnabled: true, emailMfaEnabled: true }), { kind: "choose", factors: ["SMS_MFA", "EMAIL_OTP"] });
  assert.deepEqual(mfaPlan(all, { ...none, smsMfaEnabled: true, emailMfaEnabled: true, preferredMfa: "EMAIL_OTP" }), { kind: "ask", factor: "EMAIL_OTP" });
  // A factor the pool does not offer does not count, nor one whose address is not verified.
  assert.deepEqual(mfaPlan({ ...all, mfaMethods: ["TOTP", "EMAIL"] }, { ...none, smsMfaEnabled: true }), { kind: "none" });
  assert.deepEqual(mfaPlan(all, { ...none, smsMfaEnabled: true, phoneVerified: false }), { kind: "none" });
  // Required: a verified phone or email is used without being turned on; with neither, set-up.
  assert.deepEqual(mfaPlan({ ...all, mfa: "ON", mfaMethods: ["SMS"] }, none), { kind: "ask", factor: "SMS_MFA" });
  assert.deepEqual(mfaPlan({ ...all, mfa: "ON" }, none), { kind: "choose", factors: ["SMS_MFA", "EMAIL_OTP"] });
  assert.deepEqual(mfaPlan({ ...all, mfa: "ON" }, { ...none, emailVerified: false, phoneVerified: false }), { kind: "setup", factors: ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"] });
  // Required, with one factor turned on: that one, not the others the user could receive.
  assert.deepEqual(mfaPlan({ ...all, mfa: "ON" }, { ...none, emailMfaEnabled: true }), { kind: "ask", factor: "EMAIL_OTP" });
});

let database: TestDatabase;
let db: Db;
let deps: EngineDeps;
let pool: Pool;
let requiredPool: Pool;
const skip = !process.env.DATABASE_URL && "needs DATABASE_URL (PostgreSQL)";

const user = (username: string, extra: Record<string, string> = {}) => ({
  username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true", phone_number: "+15550001234", phone_number_verified: "true", ...extra },
});

before(async () => {
  database = await createTestDatabase();
  if (!database.url) return;
  await applyMigrations({ url: database.url });
  db = createDb({ url: database.url, embedded: false });
  const secrets = createSecrets("mfa-codes-test-secret");
  const clients = (id: string) => [{ clientId: `${id}-web`, name: "Web", callbackUrls: ["https://app.example.com/cb"] }];
  await applyConfig({ db, secrets }, parseConfigText(JSON.stringify({
    pools: [
      { id: "local_Codes0001", name: "Codes", signInAliases: ["username"], mfa: "OPTIONAL", mfaMethods: ["TOTP", "SMS", "EMAIL"], clients: clients("local_Codes0001"),
        users: [user("sam"), user("emma"), user("both"), user("guess"), user("unverified", { phone_number_verified: "false" })] },
      { id: "local_Codes0002", name: "Codes required", signInAliases: ["username"], mfa: "ON", mfaMethods: ["SMS", "EMAIL"], clients: clients("local_Codes0002"),
        users: [user("rita"), user("nophone", { phone_number_verified: "false", email_verified: "false" })] },
    ],
  })));
  deps = { db, secrets, counters: postgresCounters(db), log: () => {}, sender: createSender({ db, from: "test@example.com" }), env: { rateLimitFactor: 1 } };
  pool = await getPool(db, "local_Codes0001");
  requiredPool = await getPool(db, "local_Codes0002");
  await db.user.updateMany({ where: { poolId: pool.id, username: "sam" }, data: { smsMfaEnabled: true } });
  await db.user.updateMany({ where: { poolId: pool.id, username: { in: ["emma", "guess"] } }, data: { emailMfaEnabled: true } });
  await db.user.updateMany({ where: { poolId: pool.id, username: { in: ["both", "unverified"] } }, data: { smsMfaEnabled: true, emailMfaEnabled: true } });
});
after(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function rejects(promise: Promise<unknown>, code: string, message?: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    if (message) assert.equal(error.message, message);
    return true;
  });
}

async function codeSentTo(to: string): Promise<string> {
  const row = await db.outboxMessage.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
  assert.ok(row?.code, `a code went to ${to}`);
  return row.code;
}

const signIn = (p: Pool, username: string) =>
  start(deps, { pool: p, clientId: `${p.id}-web`, flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: username, PASSWORD }, context });

function challenge(outcome: Outcome) {
  assert.equal(outcome.kind, "challenge");
  return outcome;
}

describe("SMS and email codes as second factors", { skip }, () => {
  test("SMS_MFA: a code goes to the verified phone, the challenge says where, the code finishes once", async () => {
    const next = challenge(await signIn(pool, "sam"));
    assert.equal(next.challengeName, "SMS_MFA");
    assert.equal(next.parameters.CODE_DELIVERY_DELIVERY_MEDIUM, "SMS");
    assert.equal(next.parameters.CODE_DELIVERY_DESTINATION, "+*******1234");
    assert.deepEqual(next.delivery, { sent: true });
    const code = await codeSentTo("+15550001234");
    await rejects(respond(deps, { pool, state: next.state, name: "SMS_MFA", answers: { SMS_MFA_CODE: code === "000000" ? "111111" : "000000" }, context }),
      "CodeMismatchException", ENGINE_MESSAGES.signInCodeMismatch);
    const done = await respond(deps, { pool, state: next.state, name: "SMS_MFA", answers: { SMS_MFA_CODE: code }, context });
    assert.equal(done.kind, "done");
    assert.deepEqual(done.kind === "done" && done.amr, ["pwd", "sms", "mfa"]);
    // The same code in a second sign-in is spent.
    const again = challenge(await signIn(pool, "sam"));
    const fresh = await codeSentTo("+15550001234");
    assert.notEqual(fresh, code);
    await rejects(respond(deps, { pool, state: again.state, name: "SMS_MFA", answers: { SMS_MFA_CODE: code }, context }), "CodeMismatchException");
  });

  test("EMAIL_OTP: a code to the verified email; the answer's name must match the challenge", async () => {
    const next = challenge(await signIn(pool, "emma"));
    assert.equal(next.challengeName, "EMAIL_OTP");
    assert.equal(next.parameters.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
    assert.equal(next.parameters.CODE_DELIVERY_DESTINATION, "e***@e***");
    const code = await codeSentTo("emma@example.com");
    await rejects(respond(deps, { pool, state: next.state, name: "SMS_MFA", answers: { SMS_MFA_CODE: code }, context }), "NotAuthorizedException", ENGINE_MESSAGES.sessionExpired);
    const done = await respond(deps, { pool, state: next.state, name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: code }, context });
    assert.deepEqual(done.kind === "done" && done.amr, ["pwd", "otp", "mfa"]);
  });

  test("ResendSignInCode: a new code replaces the old one", async () => {
    const next = challenge(await signIn(pool, "emma"));
    const first = await codeSentTo("emma@example.com");
    const resent = challenge(await respond(deps, { pool, state: next.state, name: "ResendSignInCode", answers: {}, context }));
    assert.equal(resent.challengeName, "EMAIL_OTP");
    const second = await codeSentTo("emma@example.com");
    if (first !== second) await rejects(respond(deps, { pool, state: resent.state, name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: first }, context }), "CodeMismatchException");
    const done = await respond(deps, { pool, state: resent.state, name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: second }, context });
    assert.equal(done.kind, "done");
  });

  test("SELECT_MFA_TYPE: several factors and no preference, the user chooses one of MFAS_CAN_CHOOSE", async () => {
    const next = challenge(await signIn(pool, "both"));
    assert.equal(next.challengeName, "SELECT_MFA_TYPE");
    assert.deepEqual(JSON.parse(next.parameters.MFAS_CAN_CHOOSE!), ["SMS_MFA", "EMAIL_OTP"]);
    await rejects(respond(deps, { pool, state: next.state, name: "SELECT_MFA_TYPE", answers: { ANSWER: "SOFTWARE_TOKEN_MFA" }, context }), "InvalidParameterException");
    const chosen = challenge(await respond(deps, { pool, state: next.state, name: "SELECT_MFA_TYPE", answers: { ANSWER: "EMAIL_OTP" }, context }));
    assert.equal(chosen.challengeName, "EMAIL_OTP");
    assert.equal(chosen.parameters.CODE_DELIVERY_DESTINATION, "b***@e***");
    const done = await respond(deps, { pool, state: chosen.state, name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: await codeSentTo("both@example.com") }, context });
    assert.equal(done.kind, "done");
  });

  test("codes go only to a verified phone: an unverified one is not a factor", async () => {
    const next = challenge(await signIn(pool, "unverified"));
    assert.equal(next.challengeName, "EMAIL_OTP");
  });

  test("MFA required: a verified phone and email are used without being turned on; with neither, MFA_SETUP lists the pool's methods", async () => {
    const rita = challenge(await signIn(requiredPool, "rita"));
    assert.equal(rita.challengeName, "SELECT_MFA_TYPE");
    const sms = challenge(await respond(deps, { pool: requiredPool, state: rita.state, name: "SELECT_MFA_TYPE", answers: { ANSWER: "SMS_MFA" }, context }));
    assert.equal(sms.challengeName, "SMS_MFA");
    const none = challenge(await signIn(requiredPool, "nophone"));
    assert.equal(none.challengeName, "MFA_SETUP");
    assert.deepEqual(JSON.parse(none.parameters.MFAS_CAN_SETUP!), ["SMS_MFA", "EMAIL_OTP"]);
    await rejects(respond(deps, { pool: requiredPool, state: none.state, name: "MFA_SETUP", answers: { SOFTWARE_TOKEN_MFA_CODE: "123456" }, context }), "InvalidParameterException");
  });

  test("wrong codes count toward the code limit and the MFA lockout", async () => {
    const next = challenge(await signIn(pool, "guess"));
    const code = await codeSentTo("guess@example.com");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) await rejects(respond(deps, { pool, state: next.state, name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: wrong }, context }), "CodeMismatchException");
    // The fifth wrong try reaches the hourly limit of wrong codes; after it, even the right code is refused.
    await assert.rejects(respond(deps, { pool, state: next.state, name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: wrong }, context }),
      (error: unknown) => error instanceof AppError && ["LimitExceededException", "TooManyFailedAttemptsException"].includes(error.code));
    const row = await db.user.findFirst({ where: { poolId: pool.id, username: "guess" } });
    assert.ok(row!.failedAttempts >= 5 || row!.lockedUntil, "the wrong codes counted toward the lockout");
    await assert.rejects(respond(deps, { pool, state: next.state, name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: code }, context }),
      (error: unknown) => error instanceof AppError && ["LimitExceededException", "TooManyFailedAttemptsException"].includes(error.code));
  });
});
