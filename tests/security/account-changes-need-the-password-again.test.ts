// Sensitive changes on the account page (email, phone, password, removing the authenticator, sign
// out everywhere, turning off SMS or email codes, deleting a passkey, replacing the recovery codes)
// need the password again, inside the page: a wrong or missing one changes
// nothing, counts toward the account's lockout as at sign-in, and a locked account is refused even
// with the right password. A user without a password proves it with an authenticator code instead.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import pg from "pg";
import { startServer, type RunningServer } from "../support/server.ts";
import { PASSWORD, NEW_PASSWORD, SECURITY_POOL, accountConfig, accountStatus, assertSignedIn, flashOf, openAccountSignIn, post, signInToAccount } from "../account/support.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: accountConfig(["gil", "hal", "ida"], ["ivy"]) });
});
after(async () => {
  await server?.stop();
});

test("each sensitive change is refused with a wrong or missing password, and nothing changes", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "gil@example.com" });
  let current = page;
  const attempts: [string, Record<string, string>][] = [
    ["change-email", { email: "gil.other@example.com", confirm_password: "Wrong-Passw0rd" }],
    ["change-phone", { phone_number: "+14155550123", confirm_password: "" }],
    ["change-password", { confirm_password: "Wrong-Passw0rd", new_password: NEW_PASSWORD, repeat_password: NEW_PASSWORD }],
    ["sign-out-everywhere", { confirm_password: "Wrong-Passw0rd" }],
  ];
  for (const [action, fields] of attempts) {
    current = await post(browser, current, action, fields);
    assert.match(flashOf(current)!, /^(That password is not right\.|Enter your current password\.)$/, action);
    assert.match(current.html, /aria-invalid="true"/, `${action}: the password field is marked`);
  }
  // (What was typed stays in the forms, to correct; the addresses themselves are unchanged.)
  assert.match(current.html, /data-address="email"[^>]*>gil@example.com</);
  assert.match(current.html, /data-address="phone"[^>]*>No phone number</);
  assertSignedIn(await accountStatus(server.url, browser.cookieHeader()));
  // The password is the old one still.
  await signInToAccount(server.url, { email: "gil@example.com" });
});

test("turning off a sign-in code, deleting a passkey and replacing the recovery codes are refused without the password, and nothing changes", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "ivy@example.com", pool: SECURITY_POOL });
  const on = await post(browser, page, "mfa-enable", { factor: "EMAIL_OTP" }, SECURITY_POOL);
  assert.equal(flashOf(on), "Email codes are on. We will email you a code when you sign in.");
  let current = on;
  const attempts: [string, Record<string, string>][] = [
    ["mfa-disable", { factor: "EMAIL_OTP", confirm_password: "Wrong-Passw0rd" }],
    ["mfa-disable", { factor: "EMAIL_OTP" }],
    // Refused before the passkey is even looked up.
    ["passkey-delete", { credential_id: "AAAA", confirm_password: "Wrong-Passw0rd" }],
    ["recovery-generate", { confirm_password: "" }],
  ];
  for (const [action, fields] of attempts) {
    current = await post(browser, current, action, fields, SECURITY_POOL);
    assert.match(flashOf(current)!, /^(That password is not right\.|Enter your current password\.)$/, action);
    // (The passkey does not exist, so there is no form of it to mark.)
    if (action !== "passkey-delete") assert.match(current.html, /aria-invalid="true"/, `${action}: the password field is marked`);
  }
  const text = current.html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  assert.match(text, /Email Codes go to ivy@example\.com On/, "email codes are still on");
  assert.match(current.html, /You have no recovery codes left/, "no codes were made");
  assert.doesNotMatch(current.html, /data-testid="recovery-codes"/);
});

test("wrong passwords on the page lock the account as wrong passwords at sign-in do", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "hal@example.com" });
  let current = page;
  for (let i = 0; i < 5; i++) current = await post(browser, current, "change-email", { email: "hal.other@example.com", confirm_password: `Wrong-${i}` });
  assert.match(flashOf(current)!, /Password attempts exceeded/);
  const right = await post(browser, current, "change-email", { email: "hal.other@example.com", confirm_password: PASSWORD });
  assert.match(flashOf(right)!, /Password attempts exceeded/, "locked: even the right password is refused for now");
  assert.match(right.html, /data-address="email"[^>]*>hal@example.com</);
  const history = right.html.slice(right.html.indexOf('id="history"'));
  assert.match(history, /Failed attempt</, "the wrong passwords are among the sign-ins");
  assert.match(history, /Locked out after failed attempts</);
  const signIn = await openAccountSignIn(server.url);
  const refused = await signIn.browser.submit(signIn.login, { login: "hal@example.com", password: PASSWORD });
  assert.match(flashOf(refused)!, /Password attempts exceeded/, "the sign-in form is locked too");
});

test("a user without a password (signed in elsewhere) proves it with an authenticator code, each code once", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "ida@example.com" });
  const started = await post(browser, page, "authenticator-start");
  const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(started.html)![1]!.replace(/\s+/g, "");
  const added = await post(browser, started, "authenticator-verify", { totp_code: await generate({ secret }) });
  assert.match(added.html, /name="confirm_password"/, "a user with a password confirms with it");
  // As a user who only ever signs in through an identity provider: no password at all.
  const db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  try {
    await db.query(`UPDATE "User" SET "passwordHash" = NULL, "srpVerifierEnc" = NULL WHERE "emailKey" = 'ida@example.com'`);
  } finally {
    await db.end();
  }
  const reloaded = await browser.request(added.url.split("?")[0]!);
  assert.match(reloaded.html, /name="confirm_code"/, "the page asks for an authenticator code instead");
  assert.doesNotMatch(reloaded.html, /name="confirm_password"/);
  const wrong = await post(browser, reloaded, "sign-out-everywhere", { confirm_code: "000000" === (await generate({ secret })) ? "111111" : "000000" });
  assert.equal(flashOf(wrong), "That code is not right, or it was already used.");
  // The code that set the app up was used: the same one cannot confirm a change.
  const replay = await post(browser, wrong, "sign-out-everywhere", { confirm_code: await generate({ secret }) });
  assert.equal(flashOf(replay), "That code is not right, or it was already used.");
  assertSignedIn(await accountStatus(server.url, browser.cookieHeader()));
});
