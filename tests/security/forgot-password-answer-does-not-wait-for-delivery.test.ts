// Rule: forgot password answers before any message is sent, for every name alike, so how long
// SMTP takes cannot tell a real account from a name nobody has; a failed delivery is logged and
// never shown. The code is stored before it is sent, so the code that arrives works.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf, type Page } from "../support/browser.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { openHostedPage } from "../support/codes.ts";

type Mail = { to: string[]; raw: string };
const received: Mail[] = [];
/** SMTP holds each message until the test opens the gate; `refuse` makes it reject them. */
let openGate: () => void = () => {};
let gate = Promise.resolve();
let refuse = false;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (raw += chunk));
    stream.on("end", () => {
      if (refuse) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      void gate.then(() => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    });
  },
});

let server: RunningServer;
before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startServer({ config: testConfig(), env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: "sign-in@acme.example" } });
});
after(async () => {
  openGate();
  await server?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
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
  gate = new Promise<void>((resolve) => (openGate = resolve));
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
  const answer: Page | null = await within(8000, browser.submit(page, { login: "forgetful@example.com" }));
  assert.ok(answer, "the answer waited for SMTP to take the message");
  assert.match(answer.url, /\/reset-password$/, flashOf(answer) ?? "");
  assert.equal(received.length, 0, "SMTP has not taken the message yet");

  openGate();
  await waitFor(() => received.some((m) => m.to.includes("forgetful@example.com")), "the reset code to arrive");
  const mail = received.find((m) => m.to.includes("forgetful@example.com"))!;
  const code = /\b(\d{6})\b/.exec(mail.raw.split(/\r?\n\r?\n/).slice(1).join("\n"))![1]!;
  const done = await browser.submit(answer, { code, password: "Brand-New-Pass-9" });
  assert.match(flashOf(done)!, /password has been changed/);
});

test("a failed delivery is logged, and the answer is the same as for anyone", async () => {
  refuse = true;
  try {
    const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
    const real = await browser.submit(page, { login: "alice@example.com" });
    const other = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password" });
    const ghost = await other.browser.submit(other.page, { login: "nobody-smtp@example.com" });
    assert.match(real.url, /\/reset-password$/);
    assert.equal(flashOf(real), flashOf(ghost));
    await waitFor(() => /reset code for user .* failed: .*Mailbox unavailable/.test(server.output()), "the failure in the log");
  } finally {
    refuse = false;
  }
});
