// A first start with no config file: the demo pool and client exist, and the /demo link signs a
// new user up and shows the tokens the demo app received.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "./support/server.ts";
import { TestBrowser, flashOf } from "./support/browser.ts";
import { waitForOutbox } from "./support/codes.ts";

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
  // The code goes out just after the answer.
  const [message] = await waitForOutbox(server.url, email, 1);
  page = await browser.submit(page, { intent: "confirm", code: message!.code! });
  assert.match(page.url, /\/demo\/callback\?code=/);
  assert.equal(page.status, 200);
  assert.ok(page.html.includes(email) && page.html.includes("Signed in as"), "the demo app shows who signed in");
  assert.match(page.html, /token_use(&quot;|")?:/);
});

test("first-run set-up opens only to a browser on the server or with the link from the log", async () => {
  const line = /First admin: +(\S+)/.exec(server.output())?.[1];
  assert.ok(line, "the log prints a set-up link while no admin exists");
  const link = new URL(line);
  assert.equal(link.origin + link.pathname, `${server.url}/admin/setup`);
  const token = link.searchParams.get("token")!;
  // Through a proxy (or from another machine) the page is locked, and says how to open it.
  const remote = { "x-forwarded-for": "203.0.113.9" };
  const page = async (query: string, headers: Record<string, string>) => (await fetch(`${server.url}/admin/setup${query}`, { headers })).text();
  const locked = await page("", remote);
  assert.match(locked, /Set-up is locked/);
  assert.doesNotMatch(locked, /name="password"/);
  assert.match(await page("?token=not-the-token", remote), /The set-up link is not right/);
  const viaLink = await page(`?token=${encodeURIComponent(token)}`, remote);
  assert.match(viaLink, /Create the first admin/);
  assert.match(viaLink, new RegExp(`<input type="hidden" name="token" value="${token}"/>`));
  // A browser on this machine needs no link.
  assert.match(await page("", {}), /Create the first admin/);
  // A client cannot claim to be local.
  assert.match(await page("", { ...remote, "x-gatehouse-local": "1" }), /Set-up is locked/);

  // The form's action checks again: posted from afar without the token it creates no one; with it, the admin.
  const form = /<form[^>]*>[\s\S]*?<\/form>/.exec(viaLink)![0];
  const submit = async (fields: Record<string, string>) => {
    const body = new FormData();
    for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g))
      if (name !== "token") body.append(name!, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return fetch(`${server.url}/admin/setup`, { method: "POST", body, headers: { ...remote, origin: server.url }, redirect: "manual" });
  };
  const admin = { email: "remote-admin@example.com", password: "Remote-Passw0rd", confirm: "Remote-Passw0rd" };
  const refused = await submit(admin);
  assert.match(await refused.text(), /Set-up is locked: open the set-up link/);
  assert.match(await page("", {}), /Create the first admin/, "no admin was created");
  const created = await submit({ ...admin, token });
  assert.equal(created.status, 303);
  assert.match(created.headers.get("location") ?? "", /\/admin\/sign-in\?setup=done$/);
  assert.doesNotMatch(await page("", {}), /Create the first admin/, "the page is gone once an admin exists");
});
