// The language of the messages Gatehouse sends (lib/i18n/message-locale.ts): the user's own
// `locale` attribute, else the language of the page that caused the message (its lang= or
// Accept-Language), else the pool's defaultLanguage. Read from the development outbox.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SignUpCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "./support/server.ts";
import { flashOf } from "./support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "./support/console.ts";
import { POOL, testConfig } from "./support/fixtures.ts";
import { openHostedPage, waitForOutbox } from "./support/codes.ts";
import { sdkClient } from "./support/cognito-api.ts";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url));
  cognito = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
});

async function signUpOnPage(email: string, acceptLanguage?: string) {
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "signup", ...(acceptLanguage ? { acceptLanguage } : {}) });
  const next = await browser.submit(page, { email, password: "Languages-Passw0rd" });
  assert.match(next.url, /\/confirm$/, flashOf(next) ?? "");
  const [mail] = await waitForOutbox(server.url, email, 1);
  return mail!;
}

test("a user whose locale attribute is de gets the German sign-up code, though the API call has no page", async () => {
  await cognito.send(new SignUpCommand({
    ClientId: "web", Username: "greta@example.com", Password: "Languages-Passw0rd", UserAttributes: [{ Name: "email", Value: "greta@example.com" }, { Name: "locale", Value: "de-DE" }],
  }));
  const [mail] = await waitForOutbox(server.url, "greta@example.com", 1);
  assert.equal(mail!.subject, "Ihr Bestätigungscode für Acme");
  assert.match(mail!.body, new RegExp(`^Ihr Bestätigungscode lautet ${mail!.code}\\n`));
});

test("the user's locale wins over the page's: a German user's reset code from a French page is German", async () => {
  const set = await api("PATCH", `/pools/${POOL}/users/forgetful`, { attributes: { locale: "de" } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "forgot-password", acceptLanguage: "fr-FR,fr;q=0.9" });
  await browser.submit(page, { login: "forgetful@example.com" });
  const [mail] = await waitForOutbox(server.url, "forgetful@example.com", 1);
  assert.equal(mail!.subject, "Passwort für Acme zurücksetzen");
  assert.match(mail!.body, /Code zum Zurücksetzen des Passworts lautet/);
});

test("an invitation from the admin API (no page) follows the user's locale", async () => {
  const created = await api("POST", `/pools/${POOL}/users`, { attributes: { email: "ines@example.com", locale: "pt-BR" }, sendInvitation: true });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const [mail] = await waitForOutbox(server.url, "ines@example.com", 1);
  assert.equal(mail!.subject, "Sua conta no Acme");
  // The generated password may hold regex metacharacters (+, *, ?): matched as the literal text it is.
  assert.match(mail!.body, new RegExp(`Senha temporária: ${String(created.body.temporaryPassword).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
});

test("a user without a locale signing up on a page the browser asked for in French gets the French code", async () => {
  const mail = await signUpOnPage("francoise@example.com", "fr-CA,fr;q=0.9,en;q=0.5");
  assert.equal(mail.subject, "Votre code de vérification Acme");
  assert.match(mail.body, /^Votre code de vérification est \d{6}\n/);
});

test("otherwise the pool's defaultLanguage: English by default, then the language the pool is set to", async () => {
  assert.equal((await signUpOnPage("plain@example.com")).subject, "Your Acme verification code");
  const patched = await api("PATCH", `/pools/${POOL}`, { defaultLanguage: "ja" });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  // A browser asking only for a language Gatehouse does not speak falls to the pool's, as one asking for none.
  assert.equal((await signUpOnPage("hiro@example.com", "sv-SE")).subject, "Acme の確認コード");
  await cognito.send(new SignUpCommand({ ClientId: "web", Username: "kenji@example.com", Password: "Languages-Passw0rd", UserAttributes: [{ Name: "email", Value: "kenji@example.com" }] }));
  const [mail] = await waitForOutbox(server.url, "kenji@example.com", 1);
  assert.match(mail!.body, /^確認コードは \d{6} です。/);
});
