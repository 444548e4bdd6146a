// Rule: forgot password answers before any message is sent, for every name alike, so how long
// SMTP takes cannot tell a real account from a name nobody has; a failed delivery is logged and
// never shown. The code is stored before it is sent, so the code that arrives works.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf, type Page } from "../support/browser.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { openHostedPage } from "../support/codes.ts";
import { codeIn, startSmtp, type TestSmtp } from "../support/smtp.ts";

let smtp: TestSmtp;
let server: RunningServer;
before(async () => {
  smtp = await startSmtp();
  server = await startServer({ config: testConfig(), env: { SMTP_URL: smtp.url, SMTP_FROM: "sign-in@acme.example" } });
});
after(async () => {
  await server?.stop();
  await smtp?.close();
});

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("forgot password answers while SMTP is still holding the message, and the code that arrives works", async () => {
  const openGate = smtp.hold();
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
  const answer: Page | null = await within(8000, browser.submit(page, { login: "forgetful@example.com" }));
  assert.ok(answer, "the answer waited for SMTP to take the message");
  assert.match(answer.url, /\/reset-password$/, flashOf(answer) ?? "");
  assert.equal(smtp.received.length, 0, "SMTP has not taken the message yet");

  openGate();
  const code = codeIn(await smtp.firstMailTo("forgetful@example.com"))!;
  const done = await browser.submit(answer, { code, password: "Brand-New-Pass-9" });
  assert.match(flashOf(done)!, /password has been changed/);
});

test("a failed delivery is logged, and the answer is the same as for anyone", async () => {
  const accept = smtp.refuse();
  try {
    const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
    const real = await browser.submit(page, { login: "alice@example.com" });
    const other = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
    const ghost = await other.browser.submit(other.page, { login: "nobody-smtp@example.com" });
    assert.match(real.url, /\/reset-password$/);
    assert.equal(flashOf(real), flashOf(ghost));
    await waitFor(() => /reset code for user .* failed: .*Mailbox unavailable/.test(server.output()), "the failure in the log");
  } finally {
    accept();
  }
});
