// Self sign-up writes only the attributes the app client may write (Cognito's WriteAttributes). By
// default that is the standard attributes: a custom:* attribute (immutable ones included) or a
// verified flag in the form is refused, naming it, and no account is made. The hosted sign-up page
// offers only writable fields.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser, flashOf, type Page } from "../support/browser.ts";
import { readOutbox } from "../support/oauth.ts";
import { openHostedPage } from "../support/codes.ts";
import { ADMIN_ENV, ATTRS_POOL, adminApi, attributesPool } from "../support/client-attributes.ts";

let server: RunningServer;
let api: Awaited<ReturnType<typeof adminApi>>;

before(async () => {
  const pool = attributesPool();
  // A client that cannot write email, for a pool where email is optional (users choose a username).
  const usernames = {
    ...pool, id: "local_Attrs0002", name: "Usernames", signInAliases: ["username"], requiredAttributes: [], users: [],
    clients: [{ clientId: "names-only", name: "Names only", callbackUrls: pool.clients[0]!.callbackUrls, writeAttributes: ["given_name", "family_name"] }],
  };
  server = await startServer({ config: { pools: [pool, usernames] }, env: ADMIN_ENV });
  api = await adminApi(server);
});
after(async () => {
  await server?.stop();
});

async function signupPage(clientId: string, poolId = ATTRS_POOL): Promise<{ browser: TestBrowser; page: Page }> {
  const opened = await openHostedPage(server.url, { pool: poolId, clientId, page: "signup" });
  assert.match(opened.page.html, /Create your account/);
  return opened;
}

const email = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

describe("sign-up through a client with the default permissions", () => {
  for (const attribute of ["custom:tier", "custom:tenant"]) {
    test(`${attribute} is refused, naming it, and no account is made`, async () => {
      const address = email("custom");
      const { browser, page } = await signupPage("default-web");
      const next = await browser.submit(page, { email: address, password: "Sunny-Day-42", [attribute]: "platinum" });
      assert.match(next.url, /\/signup$/);
      assert.equal(flashOf(next), `A client attempted to write unauthorized attribute: ${attribute}.`);
      assert.deepEqual(await readOutbox(server.url, address), [], "no code was sent: no account was made");
      const { status } = await api("GET", `/pools/${ATTRS_POOL}/users/${encodeURIComponent(address)}`);
      assert.equal(status, 400, "the user does not exist");
    });
  }

  test("email_verified cannot be written by sign-up", async () => {
    const address = email("verified");
    const { browser, page } = await signupPage("default-web");
    const next = await browser.submit(page, { email: address, password: "Sunny-Day-42", email_verified: "true" });
    assert.equal(flashOf(next), "A client attempted to write unauthorized attribute: email_verified.");
    assert.deepEqual(await readOutbox(server.url, address), []);
  });

  test("standard attributes are written as before", async () => {
    const address = email("standard");
    const { browser, page } = await signupPage("default-web");
    const next = await browser.submit(page, { email: address, password: "Sunny-Day-42", given_name: "Grace" });
    assert.match(next.url, /\/confirm$/, flashOf(next) ?? "");
    const { body } = await api("GET", `/pools/${ATTRS_POOL}/users/${encodeURIComponent(address)}`);
    assert.equal(body.attributes.given_name, "Grace");
    assert.equal(body.attributes["custom:tier"], undefined);
  });
});

describe("sign-up through a client allowed to write custom attributes", () => {
  test("the custom attributes it may write are set, immutable ones included", async () => {
    const address = email("writer");
    const { browser, page } = await signupPage("custom-writer");
    const next = await browser.submit(page, { email: address, password: "Sunny-Day-42", "custom:tier": "silver", "custom:tenant": "initech" });
    assert.match(next.url, /\/confirm$/, flashOf(next) ?? "");
    const { body } = await api("GET", `/pools/${ATTRS_POOL}/users/${encodeURIComponent(address)}`);
    assert.equal(body.attributes["custom:tier"], "silver");
    assert.equal(body.attributes["custom:tenant"], "initech");
  });

  test("a standard attribute outside its list is refused", async () => {
    const address = email("outside");
    const { browser, page } = await signupPage("custom-writer");
    const next = await browser.submit(page, { email: address, password: "Sunny-Day-42", family_name: "Hopper" });
    assert.equal(flashOf(next), "A client attempted to write unauthorized attribute: family_name.");
    assert.deepEqual(await readOutbox(server.url, address), []);
  });
});

describe("the hosted sign-up page", () => {
  test("shows only the fields the client may write", async () => {
    const { page } = await signupPage("names-only", "local_Attrs0002");
    assert.doesNotMatch(page.html, /name="email"/, "email is not writable by this client: no field");
    const { page: other } = await signupPage("default-web");
    assert.match(other.html, /name="email"/);
  });

  test("and the server refuses what the page does not show", async () => {
    const { browser, page } = await signupPage("names-only", "local_Attrs0002");
    const next = await browser.submit(page, { username: `nameless${Date.now()}`, email: email("hidden"), password: "Sunny-Day-42" });
    assert.equal(flashOf(next), "A client attempted to write unauthorized attribute: email.");
  });
});
