// Recovery codes (beyond Cognito) over HTTP: issued and shown once at the hosted UI's TOTP
// enrolment, then accepted instead of the TOTP code in the hosted UI ("Use a recovery code
// instead") and at RespondToAuthChallenge (RECOVERY_CODE, a Gatehouse extension) with the AWS SDK.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "./support/server.ts";
import { flashOf } from "./support/browser.ts";
import { PASSWORD } from "./support/fixtures.ts";
import { refusal, sdkClient } from "./support/cognito-api.ts";
import { waitForOutbox } from "./support/codes.ts";
import { ADMIN_ENV, createSigningKey } from "./support/cognito-admin.ts";
import { atCallback, codesOn, enrol, passwordStep, RECOVERY_CLIENT, RECOVERY_POOL, recoveryConfig } from "./support/recovery.ts";

let server: RunningServer;
let db: pg.Client;
before(async () => {
  server = await startServer({ config: recoveryConfig(), env: ADMIN_ENV });
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
  await server?.stop();
});

describe("hosted UI", () => {
  test("TOTP enrolment shows ten readable codes once; one signs in instead of the app's code, once", async () => {
    const { codes } = await enrol(server.url, "rita@example.com");
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);

    // A new sign-in: the TOTP page offers the way to a recovery code.
    let { browser, page } = await passwordStep(server.url, "rita@example.com");
    assert.match(page.url, /\/mfa$/);
    assert.match(page.html, /Use a recovery code instead/);
    let form = await browser.request(page.url.replace(/\/mfa$/, "/recovery-code"));
    assert.match(form.html, /Use a recovery code/);
    const wrong = await browser.submit(form, { code: "00000-00000" });
    assert.equal(flashOf(wrong), "That recovery code is not right, or it was already used. Check it and try again.");
    // Typed in capitals without the dash: read the same.
    const done = await browser.submit(wrong, { code: codes[0]!.replace("-", "").toUpperCase() });
    assert.ok(atCallback(done), flashOf(done) ?? done.url);

    // The user is told, with how many remain.
    const [notice] = await waitForOutbox(server.url, "rita@example.com", 1);
    assert.match(notice!.subject, /recovery code was used/);
    assert.match(notice!.body, /You have 9 recovery codes left/);
    assert.match(notice!.body, /If this was not you/);
    // And it is audited.
    const audit = await db.query(`SELECT details FROM "AuditEvent" WHERE type = 'RecoveryCodeUsed' AND actor = 'rita@example.com'`);
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0].details.remaining, 9);

    // The same code does not work twice.
    ({ browser, page } = await passwordStep(server.url, "rita@example.com"));
    form = await browser.request(page.url.replace(/\/mfa$/, "/recovery-code"));
    const again = await browser.submit(form, { code: codes[0]! });
    assert.match(again.url, /\/recovery-code$/);
    assert.match(flashOf(again)!, /already used/);
  });

  test("the codes page cannot be skipped: other pages lead back to it until Continue", async () => {
    const { browser, page } = await passwordStep(server.url, "sam@example.com");
    const { generate } = await import("otplib");
    const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(page.html)![1]!.replace(/\s+/g, "");
    const shown = await browser.submit(page, { code: await generate({ secret }) });
    assert.match(shown.url, /\/recovery-codes$/);
    const codes = codesOn(shown);
    assert.equal(codes.length, 10);
    assert.match(shown.html, /download="Recovery-Co-recovery-codes.txt"/);
    const elsewhere = await browser.request(shown.url.replace(/\/recovery-codes$/, "/mfa"));
    assert.match(elsewhere.url, /\/recovery-codes$/);
    assert.deepEqual(codesOn(elsewhere), codes, "the same codes until Continue");
    const done = await browser.submit(elsewhere, {});
    assert.ok(atCallback(done), flashOf(done) ?? done.url);
  });

  test("a recovery code is not taken where no second factor is asked for", async () => {
    const { browser, page } = await passwordStep(server.url, "tess@example.com");
    assert.match(page.url, /\/mfa-setup$/);
    const form = await browser.request(page.url.replace(/\/mfa-setup$/, "/recovery-code"));
    assert.match(form.url, /\/mfa-setup$/);
  });
});

describe("Cognito API (AWS SDK)", () => {
  test("RespondToAuthChallenge on SOFTWARE_TOKEN_MFA with RECOVERY_CODE returns tokens; wrong or reused codes get CodeMismatchException", async () => {
    const { codes } = await enrol(server.url, "uma@example.com");
    const cognito = sdkClient(server);
    const challenge = async () => {
      const started = await cognito.send(new InitiateAuthCommand({ ClientId: RECOVERY_CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "uma@example.com", PASSWORD } }));
      assert.equal(started.ChallengeName, "SOFTWARE_TOKEN_MFA");
      return started.Session!;
    };
    const answer = (session: string, code: string) => cognito.send(new RespondToAuthChallengeCommand({
      ClientId: RECOVERY_CLIENT, ChallengeName: "SOFTWARE_TOKEN_MFA", Session: session, ChallengeResponses: { USERNAME: "uma@example.com", RECOVERY_CODE: code },
    }));

    let session = await challenge();
    const wrong = await refusal(answer(session, "zzzzz-zzzzz"));
    assert.deepEqual(wrong, { name: "CodeMismatchException", message: "Invalid recovery code received for user" });
    // The same session may be answered again after a wrong code, as with a TOTP code.
    const signedIn = await answer(session, codes[3]!);
    assert.ok(signedIn.AuthenticationResult?.AccessToken);

    session = await challenge();
    assert.equal((await refusal(answer(session, codes[3]!))).name, "CodeMismatchException");
    // Named as another challenge than the session's, it is refused.
    const misnamed = await refusal(cognito.send(new RespondToAuthChallengeCommand({
      ClientId: RECOVERY_CLIENT, ChallengeName: "SMS_MFA", Session: session, ChallengeResponses: { USERNAME: "uma@example.com", RECOVERY_CODE: codes[4]! },
    })));
    assert.equal(misnamed.name, "NotAuthorizedException");
    const remaining = await db.query(`SELECT count(*)::int AS n FROM "RecoveryCode" r JOIN "User" u ON u.id = r."userId" WHERE u.username = 'uma' AND r."usedAt" IS NULL`);
    assert.equal(remaining.rows[0].n, 9);
  });

  test("wrong recovery codes count toward the MFA lockout", async () => {
    const { codes } = await enrol(server.url, "vic@example.com");
    const cognito = sdkClient(server);
    const started = await cognito.send(new InitiateAuthCommand({ ClientId: RECOVERY_CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "vic@example.com", PASSWORD } }));
    const answer = (code: string) => cognito.send(new RespondToAuthChallengeCommand({
      ClientId: RECOVERY_CLIENT, ChallengeName: "SOFTWARE_TOKEN_MFA", Session: started.Session!, ChallengeResponses: { USERNAME: "vic@example.com", RECOVERY_CODE: code },
    }));
    const names: string[] = [];
    for (let i = 0; i < 5; i++) names.push((await refusal(answer(`wrong-${i}`))).name);
    assert.deepEqual(names, ["CodeMismatchException", "CodeMismatchException", "CodeMismatchException", "CodeMismatchException", "TooManyFailedAttemptsException"]);
    // Locked: even a right code is refused now, and not spent.
    assert.equal((await refusal(answer(codes[0]!))).name, "TooManyFailedAttemptsException");
    const unused = await db.query(`SELECT count(*)::int AS n FROM "RecoveryCode" r JOIN "User" u ON u.id = r."userId" WHERE u.username = 'vic' AND r."usedAt" IS NULL`);
    assert.equal(unused.rows[0].n, 10);
  });
});

test("admin API: how many codes are left, and clearing them (audited)", async () => {
  const { codes } = await enrol(server.url, "walt@example.com");
  const { api } = await createSigningKey(server, "recovery-admin");
  assert.deepEqual(await api("GET", `/pools/${RECOVERY_POOL}/users/walt/recovery-codes`), { status: 200, body: { remaining: 10 } });
  assert.deepEqual(await api("DELETE", `/pools/${RECOVERY_POOL}/users/walt@example.com/recovery-codes`), { status: 200, body: { removed: 10 } });
  assert.deepEqual(await api("GET", `/pools/${RECOVERY_POOL}/users/walt/recovery-codes`), { status: 200, body: { remaining: 0 } });
  const audit = await db.query(`SELECT target FROM "AuditEvent" WHERE type = 'admin.clearUserRecoveryCodes'`);
  assert.deepEqual(audit.rows, [{ target: "walt@example.com" }]);
  // A cleared code signs no one in.
  const { browser, page } = await passwordStep(server.url, "walt@example.com");
  const form = await browser.request(page.url.replace(/\/mfa$/, "/recovery-code"));
  assert.match(flashOf(await browser.submit(form, { code: codes[0]! }))!, /not right/);
  const unknown = await api("GET", `/pools/${RECOVERY_POOL}/users/nobody/recovery-codes`);
  assert.equal(unknown.body.error.code, "UserNotFoundException");
});
