// Rule: wrong codes are counted per account and purpose across codes, 5 an hour. Asking for a new
// code does not buy new guesses: once the limit is reached, even the right new code is refused.
// A name with no account answers the same, in the same order.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf } from "../support/browser.ts";
import { PASSWORD, POOL, testConfig } from "../support/fixtures.ts";
import { answerOf, openHostedPage, otherThan, waitForOutbox } from "../support/codes.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: testConfig() });
});
after(async () => {
  await server?.stop();
});

const NEW_PASSWORD = "Brand-New-Pass-9";

test("forgot password: after 5 wrong codes a new code is refused too, for an account and for a name with none alike", async () => {
  const attack = async (login: string, mailbox: string | null) => {
    const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
    let next = await browser.submit(page, { login });
    const first = mailbox ? (await waitForOutbox(server.url, mailbox, 1))[0]!.code : null;
    const answers = [answerOf(next)];
    for (let i = 0; i < 5; i++) {
      next = await browser.submit(next, { code: otherThan(first), password: NEW_PASSWORD });
      answers.push(answerOf(next));
    }
    // A new code, as "Send another" asks for one.
    const again = await browser.request(next.url.replace(/\/reset-password$/, "/forgot-password"));
    next = await browser.submit(again, { login });
    answers.push(answerOf(next));
    const fresh = mailbox ? (await waitForOutbox(server.url, mailbox, 2))[0]!.code! : "123456";
    next = await browser.submit(next, { code: fresh, password: NEW_PASSWORD });
    answers.push(answerOf(next));
    return answers;
  };

  const real = await attack("forgetful@example.com", "forgetful@example.com");
  assert.deepEqual(real.slice(1, 5).map((a) => a.message), Array(4).fill("That code is not right. Check it and try again."));
  assert.match(real[5]!.message!, /^Too many wrong codes/);
  assert.equal(real[6]!.page, "reset-password", "a new code can still be asked for");
  assert.equal(real.at(-1)!.page, "reset-password", `the right new code was accepted: ${real.at(-1)!.message}`);
  assert.match(real.at(-1)!.message!, /^Too many wrong codes/);

  const ghost = await attack("nobody-guessing@example.com", null);
  assert.deepEqual(ghost, real, "a name with no account answers like an account");

  // The password did not change.
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "login" });
  const signedIn = await browser.submit(page, { login: "forgetful@example.com", password: PASSWORD });
  assert.ok(signedIn.url.startsWith("http://localhost:4000/callback"), flashOf(signedIn) ?? signedIn.url);
});

test("sign-up confirmation: wrong codes add up across resent codes, and then the right code is refused", async () => {
  const email = `guess-${Date.now()}@example.com`;
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "signup" });
  let next = await browser.submit(page, { email, password: "Sunny-Day-42" });
  assert.match(next.url, /\/confirm$/, flashOf(next) ?? "");
  const first = (await waitForOutbox(server.url, email, 1))[0]!.code;
  for (let i = 0; i < 3; i++) next = await browser.submit(next, { intent: "confirm", code: otherThan(first) });
  assert.equal(flashOf(next), "That code is not right. Check it and try again.");

  next = await browser.submit(next, { intent: "resend" });
  assert.equal(flashOf(next), "We sent you a new code.");
  const second = (await waitForOutbox(server.url, email, 2))[0]!.code!;
  next = await browser.submit(next, { intent: "confirm", code: otherThan(second) });
  assert.equal(flashOf(next), "That code is not right. Check it and try again.", "the fourth wrong try of the hour");
  next = await browser.submit(next, { intent: "confirm", code: otherThan(second) });
  assert.match(flashOf(next)!, /^Too many wrong codes/, "the fifth, though only the second on this code");

  next = await browser.submit(next, { intent: "resend" });
  const third = (await waitForOutbox(server.url, email, 3))[0]!.code!;
  next = await browser.submit(next, { intent: "confirm", code: third });
  assert.match(next.url, /\/confirm$/, "the right code did not confirm the account");
  assert.match(flashOf(next)!, /^Too many wrong codes/);

  // Still unconfirmed: signing in leads back to confirmation.
  const again = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "login" });
  const signIn = await again.browser.submit(again.page, { login: email, password: "Sunny-Day-42" });
  assert.match(signIn.url, /\/confirm$/);
});
