// Real email delivery: Gatehouse with SMTP_URL pointing at a local SMTP server (smtp-server, the
// protocol's real implementation), so codes travel over SMTP exactly as they would to a mail relay.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "./support/server.ts";
import { flashOf } from "./support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "./support/console.ts";
import { CALLBACK, POOL, testConfig } from "./support/fixtures.ts";
import { openHostedPage } from "./support/codes.ts";
import { codeIn, startSmtp, type TestSmtp } from "./support/smtp.ts";

let smtp: TestSmtp;
let server: RunningServer;
let api: ReturnType<typeof apiClient>;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({
    config: testConfig(),
    env: {
      SMTP_URL: smtp.url, SMTP_FROM: "Acme Sign-in <sign-in@acme.example>",
      GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
  });
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await server?.stop();
  await smtp?.close();
});

test("sign-up: the confirmation code arrives by SMTP, from SMTP_FROM, and confirms the account", async () => {
  const { browser, page: signup } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "signup" });
  let page = await browser.submit(signup, { email: "mailed@example.com", password: "Mailed-Passw0rd" });
  assert.match(page.url, /\/confirm$/, flashOf(page) ?? "");
  const mail = await smtp.firstMailTo("mailed@example.com");
  assert.equal(mail.from, "sign-in@acme.example");
  assert.match(mail.raw, /^From: "Acme Sign-in" <sign-in@acme\.example>\r?$/m);
  assert.match(mail.raw, /^Subject: Your Acme verification code\r?$/m);
  const code = codeIn(mail);
  assert.ok(code, mail.raw);
  page = await browser.submit(page, { intent: "confirm", code: code });
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
  assert.equal(smtp.mailTo("+14155550142").length, 0);
});
