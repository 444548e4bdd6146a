// Rule: at most 5 codes an hour per account and purpose (and, for forgot password, per sign-in
// name): the sixth request is refused and nothing is delivered, so nobody can flood an inbox or
// farm codes. A name with no account gets the same answers in the same order.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf } from "../support/browser.ts";
import { POOL, USERNAME_POOL, testConfig } from "../support/fixtures.ts";
import { readOutbox } from "../support/oauth.ts";
import { answerOf, openHostedPage, waitForOutbox } from "../support/codes.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: testConfig() });
});
after(async () => {
  await server?.stop();
});

const LIMIT_MESSAGE = /^Attempt limit exceeded/;
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

test("forgot password: the sixth code in an hour is refused and not sent, for an account and for a name with none alike", async () => {
  // The same name in different cases is one name.
  const spellings = (email: string) => [email, email.toUpperCase(), email, ` ${email}`, email, email.replace(/^./, (c) => c.toUpperCase()), email];
  const ask = async (email: string) => {
    const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
    let form = page;
    const answers = [];
    for (const login of spellings(email)) {
      const next = await browser.submit(form, { login });
      answers.push(answerOf(next));
      form = next.url.endsWith("/forgot-password") ? next : await browser.request(next.url.replace(/\/reset-password$/, "/forgot-password"));
    }
    return answers;
  };

  const real = await ask("forgetful@example.com");
  assert.deepEqual(real.slice(0, 5).map((a) => a.page), Array(5).fill("reset-password"));
  assert.equal(real[5]!.page, "forgot-password");
  assert.match(real[5]!.message!, LIMIT_MESSAGE);
  assert.match(real[6]!.message!, LIMIT_MESSAGE);
  await waitForOutbox(server.url, "forgetful@example.com", 5);
  await settle();
  assert.equal((await readOutbox(server.url, "forgetful@example.com")).length, 5, "nothing was sent past the cap");

  const ghost = await ask("nobody-flooded@example.com");
  assert.deepEqual(ghost, real, "a name with no account answers like an account");
});

test("forgot password: asking by another of the account's sign-in names counts against the same account", async () => {
  // carol signs in by username or by email: five codes asked by email, then one by username.
  const { browser, page } = await openHostedPage(server.url, { pool: USERNAME_POOL, clientId: "names-web", page: "forgot-password" });
  let form = page;
  for (let i = 0; i < 5; i++) {
    const next = await browser.submit(form, { login: "carol@example.com" });
    assert.match(next.url, /\/reset-password$/, flashOf(next) ?? "");
    form = await browser.request(next.url.replace(/\/reset-password$/, "/forgot-password"));
  }
  const refused = await browser.submit(form, { login: "carol" });
  assert.match(flashOf(refused)!, LIMIT_MESSAGE, "the account's own cap applies whichever name is typed");
  await settle();
  assert.equal((await readOutbox(server.url, "carol@example.com")).length, 5);
});

test("sign-up: the code at sign-up and four resends, then resending is refused and nothing is sent", async () => {
  const email = `flood-${Date.now()}@example.com`;
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "signup" });
  let next = await browser.submit(page, { email, password: "Sunny-Day-42" });
  assert.match(next.url, /\/confirm$/, flashOf(next) ?? "");
  for (let i = 0; i < 4; i++) {
    next = await browser.submit(next, { intent: "resend" });
    assert.equal(flashOf(next), "We sent you a new code.");
  }
  next = await browser.submit(next, { intent: "resend" });
  assert.match(flashOf(next)!, LIMIT_MESSAGE);
  await settle();
  const sent = await readOutbox(server.url, email);
  assert.equal(sent.length, 5);

  // Signing in again sends nothing more, but still leads to confirmation, where the last code works.
  const again = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "login" });
  next = await again.browser.submit(again.page, { login: email, password: "Sunny-Day-42" });
  assert.match(next.url, /\/confirm$/);
  assert.match(flashOf(next)!, /code we sent you before/);
  assert.equal((await readOutbox(server.url, email)).length, 5);
  next = await again.browser.submit(next, { intent: "confirm", code: sent[0]!.code! });
  assert.ok(next.url.startsWith("http://localhost:4000/callback"), flashOf(next) ?? next.url);
});
