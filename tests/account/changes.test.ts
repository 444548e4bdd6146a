// Each change a user makes on the account page, as a browser without scripts makes it, and what
// it changes where it counts: the next sign-in, the tokens, the audit log.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import { startServer, type RunningServer } from "../support/server.ts";
import { latestCode } from "../support/codes.ts";
import { readOutbox } from "../support/oauth.ts";
import {
  ACCOUNT_POOL, NEW_PASSWORD, PASSWORD, accountConfig, accountStatus, assertSignedIn, assertSignedOut, flashOf, openAccountSignIn, post, signInToAccount,
} from "./support.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: accountConfig(["ann", "ben", "cat", "dan", "eli", "fay"]) });
});
after(async () => {
  await server?.stop();
});

const secretOf = (html: string) => /data-testid="totp-secret"[^>]*>([^<]+)</.exec(html)?.[1]?.replace(/\s+/g, "");

test("profile: the user changes their attributes, custom ones included; immutable ones are not offered", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "ann@example.com" });
  assert.match(page.html, /name="attr.custom:team"/);
  assert.doesNotMatch(page.html, /name="attr.custom:origin"/, "an immutable attribute is not offered");
  assert.doesNotMatch(page.html, /name="attr.email"/, "email has its own form");
  const saved = await post(browser, page, "profile", { "attr.given_name": "Annie", "attr.family_name": "Smith", "attr.custom:team": "Blue" });
  assert.equal(flashOf(saved), "Your profile is saved.");
  assert.match(saved.html, /value="Annie"/);
  assert.match(saved.html, /value="Blue"/);
  // Writing email through the profile form is ignored, not an email change without the password.
  const sneaky = await post(browser, saved, "profile", { "attr.email": "sneaky@example.com", "attr.given_name": "Annie" });
  assert.equal(flashOf(sneaky), "Nothing to save: your profile is as it was.");
  assert.match(sneaky.html, /ann@example.com/);
  // Invalid input: a clear message, and what was typed stays in the form.
  const bad = await post(browser, sneaky, "profile", { "attr.given_name": "Annie", "attr.birthdate": "yesterday" });
  assert.equal(bad.status, 200);
  assert.ok(flashOf(bad), "an error is shown");
  assert.match(bad.html, /value="yesterday"/);
});

test("email: a new address needs the password, gets a code, and is verified with it", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "ben@example.com" });
  const changed = await post(browser, page, "change-email", { email: "ben.new@example.com", confirm_password: PASSWORD });
  assert.match(flashOf(changed)!, /We sent a code to b\*\*\*@e\*\*\*/);
  assert.match(changed.html, /ben.new@example.com/);
  assert.match(changed.html, /Not verified/);
  const wrong = await post(browser, changed, "verify-email", { email_code: "000000" === (await latestCode(server.url, "ben.new@example.com")) ? "111111" : "000000" });
  assert.match(flashOf(wrong)!, /not right/);
  const verified = await post(browser, wrong, "verify-email", { email_code: await latestCode(server.url, "ben.new@example.com") });
  assert.equal(flashOf(verified), "Your email address is verified.");
  assert.match(verified.html, />Verified</);
  // The new address signs in.
  await signInToAccount(server.url, { email: "ben.new@example.com" });
});

test("password: changed with the current one; the new one signs in and the old one does not", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "cat@example.com" });
  const mismatch = await post(browser, page, "change-password", { confirm_password: PASSWORD, new_password: NEW_PASSWORD, repeat_password: "something else" });
  assert.equal(flashOf(mismatch), "The two new passwords are not the same.");
  const weak = await post(browser, mismatch, "change-password", { confirm_password: PASSWORD, new_password: "short", repeat_password: "short" });
  assert.match(flashOf(weak)!, /at least 8 characters/);
  const changed = await post(browser, weak, "change-password", { confirm_password: PASSWORD, new_password: NEW_PASSWORD, repeat_password: NEW_PASSWORD });
  assert.equal(flashOf(changed), "Your password is changed.");
  assertSignedIn(await accountStatus(server.url, browser.cookieHeader()));
  const old = await openAccountSignIn(server.url);
  const refused = await old.browser.submit(old.login, { login: "cat@example.com", password: PASSWORD });
  assert.equal(flashOf(refused), "Incorrect username or password.");
  await signInToAccount(server.url, { email: "cat@example.com", password: NEW_PASSWORD });
});

test("authenticator app: added with a QR code and a first code, asked for at sign-in, removed with the password", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "dan@example.com" });
  assert.match(page.html, /No authenticator app yet/);
  const started = await post(browser, page, "authenticator-start");
  assert.match(started.html, /<img src="data:image\/png;base64,[^"]+"[^>]*alt="QR code/);
  const secret = secretOf(started.html);
  assert.ok(secret, "the key is shown for typing by hand");
  const wrong = await post(browser, started, "authenticator-verify", { totp_code: "000000" === (await generate({ secret })) ? "111111" : "000000" });
  assert.match(flashOf(wrong)!, /not right/);
  const added = await post(browser, wrong, "authenticator-verify", { totp_code: await generate({ secret }) });
  assert.equal(flashOf(added), "Your authenticator app is added. We will ask for its code when you sign in.");
  assert.match(added.html, /Your authenticator app is set up/);

  // The next sign-in asks for a code from it.
  const next = await openAccountSignIn(server.url);
  const mfa = await next.browser.submit(next.login, { login: "dan@example.com", password: PASSWORD });
  assert.match(mfa.url, /\/mfa$/);

  const refused = await post(browser, added, "authenticator-remove", { confirm_password: "not-my-password" });
  assert.equal(flashOf(refused), "That password is not right.");
  assert.match(refused.html, /Your authenticator app is set up/);
  const removed = await post(browser, refused, "authenticator-remove", { confirm_password: PASSWORD });
  assert.equal(flashOf(removed), "Your authenticator app is removed.");
  assert.match(removed.html, /No authenticator app yet/);
});

test("sessions: each session is listed with its device; one is signed out alone, then everywhere ends them all", async () => {
  const first = await signInToAccount(server.url, { email: "eli@example.com" });
  const second = await signInToAccount(server.url, { email: "eli@example.com" });
  const page = await second.browser.request(`${server.url}/${ACCOUNT_POOL}/account`);
  const sessions = [...page.html.matchAll(/name="session_id" value="([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(sessions.length, 2, "both browsers' sessions are listed");
  assert.equal([...page.html.matchAll(/This browser</g)].length, 1, "the current one is marked");
  assert.match(page.html, /Signed in <time dateTime="[^"]+">/);
  // Sign out the other browser's session: its account page ends, this one's does not.
  const current = /<li[^>]*>(?:(?!<\/li>).)*This browser(?:(?!<\/li>).)*name="session_id" value="([^"]+)"/s.exec(page.html)?.[1];
  const other = sessions.find((id) => id !== current)!;
  const signedOut = await post(second.browser, page, "sign-out-session", { session_id: other });
  assert.equal(flashOf(signedOut), "That session is signed out.");
  assertSignedOut(await accountStatus(server.url, first.browser.cookieHeader()));
  assertSignedIn(await accountStatus(server.url, second.browser.cookieHeader()));

  // Signing out this browser's own session leaves the page signed out.
  const own = await signInToAccount(server.url, { email: "eli@example.com" });
  const ownPage = await own.browser.request(`${server.url}/${ACCOUNT_POOL}/account`);
  const ownId = /<li[^>]*>(?:(?!<\/li>).)*This browser(?:(?!<\/li>).)*name="session_id" value="([^"]+)"/s.exec(ownPage.html)?.[1];
  assert.ok(ownId);
  const ended = await post(own.browser, ownPage, "sign-out-session", { session_id: ownId });
  assert.match(ended.url, /\/account\/signed-out\?reason=signed-out$/);
  assertSignedOut(await accountStatus(server.url, own.browser.cookieHeader()));
  assertSignedIn(await accountStatus(server.url, second.browser.cookieHeader()));

  const third = await signInToAccount(server.url, { email: "eli@example.com" });
  const everywhere = await post(second.browser, signedOut, "sign-out-everywhere", { confirm_password: PASSWORD });
  assert.match(everywhere.url, /\/account\/signed-out\?reason=everywhere$/);
  assert.match(everywhere.html, /You are signed out everywhere/);
  assertSignedOut(await accountStatus(server.url, second.browser.cookieHeader()));
  assertSignedOut(await accountStatus(server.url, third.browser.cookieHeader()));
});

test("recent sign-ins: successes and failed attempts, with the browser, address and app", async () => {
  const failed = await openAccountSignIn(server.url);
  await failed.browser.submit(failed.login, { login: "fay@example.com", password: "wrong-password" });
  const { page } = await signInToAccount(server.url, { email: "fay@example.com" });
  const history = page.html.slice(page.html.indexOf('id="history"'));
  assert.match(history, /Signed in</);
  assert.match(history, /Failed attempt</);
  assert.match(history, /127\.0\.0\.1|::1/);
  assert.match(history, /Your account/, "the app signed in to");
  assert.deepEqual(await readOutbox(server.url, "fay@example.com"), [], "nothing was sent");
});
