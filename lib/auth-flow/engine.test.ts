// The engine without HTTP: real PostgreSQL (a database of its own), real counters and outbox,
// driven as a door drives it, with Cognito's names.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database.ts";
import { createDb, type Db } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { AppError } from "../errors.ts";
import { createSender } from "../messaging/sender.ts";
import { currentTotpCode } from "../mfa/totp.ts";
import { applyConfig, parseConfigText } from "../config/apply-config.ts";
import { getPool, type Pool } from "../pools/pool.ts";
import { postgresCounters } from "../security/rate-limit.ts";
import { createSecrets } from "../security/secrets.ts";
import type { EngineDeps, RequestContext } from "./contract.ts";
import { isResponseName, newFlowState, pendingSecretCode, respond, start } from "./engine.ts";
import { ENGINE_MESSAGES } from "./errors.ts";
import { openSession, sealSession, spendSession } from "./session.ts";

const PASSWORD = "Passw0rd!xyz";
const context: RequestContext = { ip: "203.0.113.7", userAgent: "engine-test" };
let database: TestDatabase;
let db: Db;
let deps: EngineDeps;
let pool: Pool;
let mfaPool: Pool;

const config = (id: string, mfa: string) => ({
  id, name: id, signInAliases: ["email"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa,
  clients: [{ clientId: `${id}-web`, name: "Web", callbackUrls: ["https://app.example.com/cb"] }, { clientId: `${id}-other`, name: "Other", callbackUrls: ["https://app.example.com/cb"] }],
  users: [
    { username: "alice", password: PASSWORD, attributes: { email: "alice@example.com", email_verified: "true" } },
    { username: "temp", temporaryPassword: "Temp0rary!xyz", attributes: { email: "temp@example.com", email_verified: "true" } },
  ],
});

before(async () => {
  database = await createTestDatabase();
  if (!database.url) return;
  await applyMigrations({ url: database.url });
  db = createDb({ url: database.url, embedded: false });
  const secrets = createSecrets("engine-test-secret");
  await applyConfig({ db, secrets }, parseConfigText(JSON.stringify({ pools: [config("local_Engine123", "OFF"), config("local_EngineMfa", "ON")] })));
  deps = {
    db, secrets, counters: postgresCounters(db), log: () => {},
    sender: createSender({ db, from: "test@example.com" }), env: { rateLimitFactor: 1 },
  };
  pool = await getPool(db, "local_Engine123");
  mfaPool = await getPool(db, "local_EngineMfa");
});
after(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const skip = !process.env.DATABASE_URL && "needs DATABASE_URL (PostgreSQL)";

async function rejects(promise: Promise<unknown>, code: string, message?: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    if (message) assert.equal(error.message, message);
    return true;
  });
}

async function newestCode(to: string): Promise<string> {
  for (let wait = 0; wait < 3000; wait += 50) {
    const row = await db.outboxMessage.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
    if (row?.code) return row.code;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no code for ${to}`);
}

test("the engine answers the challenges and operations it implements, by Cognito's names only", () => {
  for (const name of [
    "PASSWORD_VERIFIER", "NEW_PASSWORD_REQUIRED", "MFA_SETUP", "SOFTWARE_TOKEN_MFA", "CUSTOM_CHALLENGE", "SMS_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE",
    "ConfirmSignUp", "ResendConfirmationCode", "ConfirmForgotPassword", "ResendSignInCode",
    "SELECT_CHALLENGE", "WEB_AUTHN", "SMS_OTP", "PASSWORD", "PASSWORD_SRP", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "RecoveryCode",
  ]) {
    assert.equal(isResponseName(name), true, name);
  }
  for (const name of ["DONE", "mfa", "__proto__", "toString"]) assert.equal(isResponseName(name), false, name);
});

describe("the sign-in engine", { skip }, () => {
  test("USER_PASSWORD_AUTH: a wrong password is Cognito's answer and is audited; the right one finishes with amr pwd", async () => {
    const clientId = "local_Engine123-web";
    await rejects(start(deps, { pool, clientId, flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: "alice@example.com", PASSWORD: "nope" }, context }),
      "NotAuthorizedException", "Incorrect username or password.");
    const failed = await db.auditEvent.findFirst({ where: { poolId: pool.id, type: "SignInFailed" }, orderBy: { createdAt: "desc" } });
    assert.equal(failed?.actor, "alice@example.com");
    assert.equal(failed?.ip, context.ip);
    assert.deepEqual(failed?.details, { step: "PASSWORD_VERIFIER", reason: "NotAuthorizedException" });

    const done = await start(deps, { pool, clientId, flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: "alice@example.com", PASSWORD }, context });
    assert.equal(done.kind, "done");
    assert.deepEqual(done.kind === "done" && done.amr, ["pwd"]);
    const user = await db.user.findFirstOrThrow({ where: { poolId: pool.id, username: "alice" } });
    assert.equal(user.failedAttempts, 0, "a finished sign-in clears earlier failures");
    const signIn = await db.auditEvent.findFirst({ where: { poolId: pool.id, type: "SignIn" }, orderBy: { createdAt: "desc" } });
    assert.deepEqual(signIn?.details, { amr: ["pwd"], sub: user.id });
  });

  test("a temporary password leads to NEW_PASSWORD_REQUIRED with the user's public parameters", async () => {
    const clientId = "local_Engine123-web";
    const next = await start(deps, { pool, clientId, flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: "temp@example.com", PASSWORD: "Temp0rary!xyz" }, context });
    assert.equal(next.kind, "challenge");
    if (next.kind !== "challenge") return;
    assert.equal(next.challengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal(next.parameters.USERNAME, "temp");
    assert.equal(next.parameters.USER_ID_FOR_SRP, "temp");
    assert.equal(JSON.parse(next.parameters.userAttributes!).email, "temp@example.com");
    await rejects(respond(deps, { pool, state: next.state, name: "SOFTWARE_TOKEN_MFA", answers: { SOFTWARE_TOKEN_MFA_CODE: "123456" }, context }),
      "NotAuthorizedException", ENGINE_MESSAGES.sessionExpired);
    const done = await respond(deps, { pool, state: next.state, name: "NEW_PASSWORD_REQUIRED", answers: { NEW_PASSWORD: "Brand-New-Passw0rd" }, context });
    assert.equal(done.kind, "done");
  });

  test("SignUp waits for ConfirmSignUp (where the code went is public), then finishes the sign-in", async () => {
    const email = `new-${Date.now()}@example.com`;
    const next = await start(deps, { pool, clientId: "local_Engine123-web", flow: "SignUp", parameters: { PASSWORD, userAttributes: { email } }, context });
    assert.equal(next.kind === "challenge" && next.challengeName, "ConfirmSignUp");
    if (next.kind !== "challenge") return;
    assert.match(next.parameters.CODE_DELIVERY_DESTINATION!, /^n\*\*\*@e\*\*\*/);
    assert.equal(next.parameters.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
    const code = await newestCode(email);
    await rejects(respond(deps, { pool, state: next.state, name: "ConfirmSignUp", answers: { CONFIRMATION_CODE: code === "000000" ? "111111" : "000000" }, context }), "CodeMismatchException");
    const done = await respond(deps, { pool, state: next.state, name: "ConfirmSignUp", answers: { CONFIRMATION_CODE: code }, context });
    assert.equal(done.kind, "done");
  });

  test("MFA_SETUP: the pending secret (AssociateSoftwareToken's SecretCode) enables TOTP; a wrong code is Cognito's error", async () => {
    const clientId = "local_EngineMfa-web";
    const next = await start(deps, { pool: mfaPool, clientId, flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: "alice@example.com", PASSWORD }, context });
    assert.equal(next.kind === "challenge" && next.challengeName, "MFA_SETUP");
    if (next.kind !== "challenge") return;
    assert.deepEqual(JSON.parse(next.parameters.MFAS_CAN_SETUP!), ["SOFTWARE_TOKEN_MFA"]);
    assert.ok(!JSON.stringify(next.state).includes(pendingSecretCode(deps.secrets, next.state)!), "the secret is kept encrypted");
    const secret = pendingSecretCode(deps.secrets, next.state)!;
    const right = await currentTotpCode(secret);
    await rejects(respond(deps, { pool: mfaPool, state: next.state, name: "MFA_SETUP", answers: { SOFTWARE_TOKEN_MFA_CODE: right === "000000" ? "111111" : "000000" }, context }),
      "EnableSoftwareTokenMFAException", ENGINE_MESSAGES.mfaSetupMismatch);
    const done = await respond(deps, { pool: mfaPool, state: next.state, name: "MFA_SETUP", answers: { SOFTWARE_TOKEN_MFA_CODE: right }, context });
    assert.deepEqual(done.kind === "done" && done.amr, ["pwd", "otp", "mfa"]);

    // The next sign-in asks for the code; its session, sealed for the API, works for this client only, once.
    const again = await start(deps, { pool: mfaPool, clientId, flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: "alice@example.com", PASSWORD }, context });
    assert.equal(again.kind === "challenge" && again.challengeName, "SOFTWARE_TOKEN_MFA");
    const session = sealSession(deps.secrets, again.state);
    await rejects(openSession(deps, session, { poolId: mfaPool.id, clientId: "local_EngineMfa-other" }), "NotAuthorizedException", ENGINE_MESSAGES.sessionExpired);
    await rejects(openSession(deps, session, { poolId: mfaPool.id, clientId, now: Date.now() + 181_000 }), "NotAuthorizedException");
    const opened = await openSession(deps, session, { poolId: mfaPool.id, clientId });
    await spendSession(deps.counters, opened.jti);
    await rejects(openSession(deps, session, { poolId: mfaPool.id, clientId }), "NotAuthorizedException", ENGINE_MESSAGES.sessionExpired);
  });

  test("a flow of one pool cannot be answered in another, and the per-IP limit refuses with TooManyRequestsException", async () => {
    const state = newFlowState({ poolId: pool.id, clientId: "local_Engine123-web" });
    state.step = "SOFTWARE_TOKEN_MFA";
    await rejects(respond(deps, { pool: mfaPool, state, name: "SOFTWARE_TOKEN_MFA", answers: { SOFTWARE_TOKEN_MFA_CODE: "123456" }, context }), "NotAuthorizedException");
    const flooding: RequestContext = { ip: "198.51.100.99", userAgent: null };
    const tight: EngineDeps = { ...deps, env: { rateLimitFactor: 0.1 } }; // 3 sign-ins a minute
    let last: unknown;
    for (let i = 0; i < 4; i++) {
      last = await start(tight, { pool, clientId: "local_Engine123-web", flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: "nobody@example.com", PASSWORD: "x" }, context: flooding })
        .catch((error: unknown) => error);
    }
    assert.ok(last instanceof AppError && last.code === "TooManyRequestsException" && (last.retryAfterSeconds ?? 0) > 0, String(last));
  });
});

