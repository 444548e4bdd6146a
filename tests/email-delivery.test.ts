// Real email delivery: Gatehouse with SMTP_URL pointing at a local SMTP server (smtp-server, the
// protocol's real implementation), so codes travel over SMTP exactly as they would to a mail relay.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { startServer, type RunningServer } from "./support/server.ts";
import { TestBrowser, flashOf } from "./support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, signInToConsole } from "./support/console.ts";
import { CALLBACK, POOL, testConfig } from "./support/fixtures.ts";
import { pkceAuthorizeRequest } from "./support/oauth.ts";

type Mail = { from: string; to: string[]; raw: string };
const received: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (raw += chunk));
    stream.on("end", () => {
      received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

let server: RunningServer;
let api: ReturnType<typeof apiClient>;

before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startServer({
    config: testConfig(),
    env: {
      SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: "Acme Sign-in <sign-in@acme.example>",
      GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
  });
  const { browser } = await signInToConsole(server.url);
  const created = await browser.api(`${server.url}/api/admin/api-keys`, { method: "POST", json: { name: "tests" } });
  api = apiClient(server.url, ((await created.json()) as { key: string }).key);
});
after(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const mailTo = (address: string) => received.filter((m) => m.to.includes(address));

/** Sign-up codes go out just after the answer: waits for the first message to `address`. */
async function firstMailTo(address: string): Promise<Mail | undefined> {
  for (let i = 0; i < 100 && mailTo(address).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  return mailTo(address)[0];
}

test("sign-up: the confirmation code arrives by SMTP, from SMTP_FROM, and confirms the account", async () => {
  const browser = new TestBrowser(server.url);
  const login = await browser.request(pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web" }).url);
  const signup = await browser.request(login.url.replace(/\/login$/, "/signup"));
  let page = await browser.submit(signup, { email: "mailed@example.com", password: "Mailed-Passw0rd" });
  assert.match(page.url, /\/confirm$/, flashOf(page) ?? "");
  const mail = await firstMailTo("mailed@example.com");
  assert.ok(mail, "a message reached the SMTP server");
  assert.equal(mail.from, "sign-in@acme.example");
  assert.match(mail.raw, /^From: "Acme Sign-in" <sign-in@acme\.example>\r?$/m);
  assert.match(mail.raw, /^Subject: Your Acme verification code\r?$/m);
  const code = /\b(\d{6})\b/.exec(mail.raw.split(/\r?\n\r?\n/).slice(1).join("\n"))?.[1];
  assert.ok(code, mail.raw);
  page = await browser.submit(page, { intent: "confirm", code: code! });
  assert.ok(page.url.startsWith(CALLBACK), flashOf(page) ?? page.url);
  // Nothing went to the development outbox.
  const outbox = await api("GET", `/pools/${POOL}/outbox?limit=50`);
  assert.ok(!outbox.body.messages.some((m: { to: string }) => m.to === "mailed@example.com"));
});

test("a message for a phone number is kept in the outbox, not handed to SMTP", async () => {
  const pool = await api("POST", "/pools", { name: "Phones", signInAliases: ["phone"] });
  assert.equal(pool.status, 201, JSON.stringify(pool.body));
  const created = await api("POST", `/pools/${pool.body.id}/users`, { attributes: { phone_number: "+14155550142" }, sendInvitation: true });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.invitationSentTo, "+14155550142");
  const outbox = await api("GET", `/pools/${pool.body.id}/outbox`);
  assert.equal(outbox.body.messages[0]?.to, "+14155550142");
  assert.ok(outbox.body.messages[0].body.includes(created.body.temporaryPassword));
  assert.equal(mailTo("+14155550142").length, 0);
});
