// A first start with no config file: the demo pool and client exist, and the /demo link signs a
// new user up and shows the tokens the demo app received.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "./support/server.ts";
import { TestBrowser, flashOf } from "./support/browser.ts";
import { readOutbox } from "./support/oauth.ts";

let server: RunningServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("the first start prints the demo pool's issuer and a sign-in link", () => {
  const out = server.output();
  assert.match(out, new RegExp(`Issuer: +${server.url}/local_Demo12345`));
  assert.match(out, new RegExp(`Try a sign-in: +${server.url}/demo`));
});

test("the demo link signs a new user up and shows the tokens", async () => {
  const browser = new TestBrowser(server.url);
  let page = await browser.request(`${server.url}/demo`);
  assert.match(page.url, /\/local_Demo12345\/interaction\/[\w-]+\/login$/);
  page = await browser.request(page.url.replace(/\/login$/, "/signup"));
  const email = `first-${Date.now()}@example.com`;
  page = await browser.submit(page, { email, password: "First-Start-1" });
  assert.match(page.url, /\/confirm$/, flashOf(page) ?? "");
  const [message] = await readOutbox(server.url, email);
  page = await browser.submit(page, { intent: "confirm", code: message!.code! });
  assert.match(page.url, /\/demo\/callback\?code=/);
  assert.equal(page.status, 200);
  assert.ok(page.html.includes(email) && page.html.includes("Signed in as"), "the demo app shows who signed in");
  assert.match(page.html, /token_use(&quot;|")?:/);
});
