// Branding texts per language (lib/branding/schema.ts textsFor): set through the admin API, each
// shows on the hosted login page in its language only; other languages get the text for all
// languages. The texts survive export and import.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "./support/server.ts";
import { TestBrowser } from "./support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "./support/console.ts";
import { POOL, testConfig } from "./support/fixtures.ts";
import { pkceAuthorizeRequest } from "./support/oauth.ts";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;

before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url, "branding-languages"));
});
after(async () => {
  await server?.stop();
});

async function loginPage(acceptLanguage: string, extra: Record<string, string> = {}) {
  const browser = new TestBrowser(server.url, { "accept-language": acceptLanguage });
  const request = pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web" });
  const url = new URL(request.url);
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  return browser.request(url.toString());
}

test("a language's own sign-in title shows to browsers in that language only; others see the text for all languages", async () => {
  const { body: state } = await api("GET", `/pools/${POOL}/branding`);
  const saved = await api("PUT", `/pools/${POOL}/branding/draft`, {
    ...state.draft,
    texts: { signInTitle: "Welcome back", footer: "Acme Ltd" },
    textsByLanguage: { de: { signInTitle: "Willkommen zurück" }, ja: { signInTitle: "おかえりなさい", footer: "Acme株式会社" } },
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal((await api("POST", `/pools/${POOL}/branding/publish`)).status, 200);

  const german = await loginPage("de-DE,de;q=0.9");
  assert.match(german.html, /Willkommen zurück/);
  assert.doesNotMatch(german.html, /Welcome back|おかえりなさい/);
  assert.match(german.html, /Acme Ltd/, "no German footer: the footer for all languages");

  const french = await loginPage("fr");
  assert.match(french.html, /Welcome back/);
  assert.doesNotMatch(french.html, /Willkommen zurück/);

  // lang= on the authorization request wins over the browser's language, as Cognito's managed login.
  const japanese = await loginPage("de", { lang: "ja" });
  assert.match(japanese.html, /おかえりなさい/);
  assert.match(japanese.html, /Acme株式会社/);
  assert.doesNotMatch(japanese.html, /Willkommen zurück|Acme Ltd/);
});

test("an invalid language is refused by name, and per-language texts survive export and import", async () => {
  const { body: state } = await api("GET", `/pools/${POOL}/branding`);
  const refused = await api("PUT", `/pools/${POOL}/branding/draft`, { ...state.draft, textsByLanguage: { tlh: { signInTitle: "nuqneH" } } });
  assert.equal(refused.status, 400);
  assert.match(JSON.stringify(refused.body), /textsByLanguage/);

  const { body: doc } = await api("GET", `/pools/${POOL}/export?users=false`);
  assert.equal(doc.branding.textsByLanguage.de.signInTitle, "Willkommen zurück");
  const copy = { ...doc, id: "local_LangCopy1", name: "Copy", brandingAssets: doc.brandingAssets, clients: doc.clients.map((c: { clientId: string }) => ({ ...c, clientId: `${c.clientId}-lang` })) };
  const imported = await api("POST", "/pools/import", copy);
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const { body: again } = await api("GET", "/pools/local_LangCopy1/export?users=false");
  assert.deepEqual(again.branding.textsByLanguage, doc.branding.textsByLanguage);
});

test("the token endpoint answers JSON in no language, but its error page for a browser is in the browser's language, as the pool's other pages", async () => {
  const token = (headers: Record<string, string>, query = "") => fetch(`${server.url}/${POOL}/oauth2/token${query}`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams({ grant_type: "client_credentials", client_id: "nobody" }),
  });
  const json = await token({ "accept-language": "de", accept: "application/json" }, "?lang=ja");
  assert.equal(json.status, 401);
  assert.equal(((await json.json()) as { error: string }).error, "invalid_client");
  assert.equal(json.headers.get("set-cookie"), null, "a JSON answer remembers no language");

  const page = await token({ "accept-language": "de-DE,de;q=0.9", accept: "text/html", "x-gatehouse-locale": "ko" });
  assert.equal(page.status, 401);
  assert.match(await page.text(), /<html lang="de"/);
  const asked = await token({ "accept-language": "de", accept: "text/html" }, "?lang=ja");
  assert.match(await asked.text(), /<html lang="ja"/);
  assert.match(asked.headers.get("set-cookie") ?? "", /gatehouse-lang=ja/);
});
