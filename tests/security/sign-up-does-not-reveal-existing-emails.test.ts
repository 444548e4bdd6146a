// Sign-up must not tell who has an account. With the app client's preventUserExistenceErrors
// ENABLED (Cognito's setting; Gatehouse's default for every client), a sign-up with an email or
// phone number that already has an account answers exactly as one with a free address: on to the
// confirm page, "we sent a code", and wrong codes and new codes answered alike. Nothing usable is
// made, and the address's owner is told that someone tried. A LEGACY client still says the
// account exists, and a chosen username that is taken is UsernameExistsException either way.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf, type Page } from "../support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { CALLBACK, PASSWORD, POOL, USERNAME_POOL, testConfig } from "../support/fixtures.ts";
import { readOutbox } from "../support/oauth.ts";
import { openHostedPage, submitByHand } from "../support/codes.ts";

const PHONE_POOL = "local_Phones002";
const PHONE_OWNER = "+14155550100";
const NOTICE = "Someone tried to sign up for Acme with your email address";

function config() {
  const base = testConfig();
  base.pools.push({
    id: PHONE_POOL, name: "Phones", signInAliases: ["phone"], autoVerifiedAttributes: ["phone_number"],
    clients: [
      { clientId: "phones-web", name: "Phones web", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: ["openid"] },
      { clientId: "phones-legacy", name: "Phones legacy", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: ["openid"], preventUserExistenceErrors: "LEGACY" },
    ],
    users: [{ username: "phoebe", password: PASSWORD, attributes: { phone_number: PHONE_OWNER, phone_number_verified: "true" } }],
  } as unknown as (typeof base.pools)[number]);
  return base;
}

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let legacyClient: string;

before(async () => {
  server = await startServer({ config: config(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url));
  // A LEGACY client made the way an operator would, through the admin API.
  const created = await api("POST", `/pools/${POOL}/clients`, {
    name: "Legacy web", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"], preventUserExistenceErrors: "LEGACY",
  });
  assert.equal(created.status, 201);
  legacyClient = created.body.client.clientId;
});
after(async () => {
  await server?.stop();
});

// Scope openid alone: the phone pool's clients allow no other.
const signUpPage = (pool: string, clientId: string) => openHostedPage(server.url, { pool, clientId, page: "signup", scope: "openid" });

/** The page as a reader sees it, without what differs per request (ids, tokens, the masked address). */
function normalised(page: Page): string {
  const uid = /\/interaction\/([\w-]+)\//.exec(page.url)![1]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)![1]!;
  const nonce = /nonce="([^"]+)"/.exec(page.html)![1]!;
  return page.html.replaceAll(uid, "UID").replaceAll(csrf, "CSRF").replaceAll(nonce, "NONCE").replace(/\w\*\*\*@\w\*\*\*/g, "MASKED");
}

async function noticesTo(to: string, subject: RegExp) {
  for (let i = 0; i < 50; i++) {
    const found = (await readOutbox(server.url, to)).filter((m) => subject.test(m.subject));
    if (found.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}

describe("sign-up does not reveal existing accounts (preventUserExistenceErrors ENABLED)", () => {
  test("a taken email gets the same status, page and wording as a free one", async () => {
    const taken = await signUpPage(POOL, "web");
    const free = await signUpPage(POOL, "web");
    const a = await submitByHand(taken.browser, taken.page, { email: "alice@example.com", password: "Sunny-Day-42" });
    const b = await submitByHand(free.browser, free.page, { email: `fresh-${Date.now()}@example.com`, password: "Sunny-Day-42" });
    assert.equal(a.status, b.status);
    assert.match(a.location, /\/confirm$/);
    assert.match(b.location, /\/confirm$/);
    assert.equal(a.next.status, b.next.status);
    assert.match(a.next.html, /We sent a code to (?:<!-- -->)?a\*\*\*@e\*\*\*/);
    assert.equal(flashOf(a.next), null);
    assert.equal(normalised(a.next), normalised(b.next));

    // What happens next on the confirm page reads the same too.
    const wrongA = await taken.browser.submit(a.next, { intent: "confirm", code: "000001" });
    const wrongB = await free.browser.submit(b.next, { intent: "confirm", code: "000001" });
    assert.equal(flashOf(wrongA), "That code is not right. Check it and try again.");
    assert.equal(flashOf(wrongA), flashOf(wrongB));
    const resendA = await taken.browser.submit(wrongA, { intent: "resend" });
    const resendB = await free.browser.submit(wrongB, { intent: "resend" });
    assert.equal(flashOf(resendA), "We sent you a new code.");
    assert.equal(normalised(resendA), normalised(resendB));
  });

  test("the owner of the taken email is told that someone tried, and nothing usable is made", async () => {
    const before = (await readOutbox(server.url, "forgetful@example.com")).length;
    const { browser, page } = await signUpPage(POOL, "web");
    const next = await browser.submit(page, { email: "Forgetful@Example.com", password: "Attacker-Passw0rd" });
    assert.match(next.url, /\/confirm$/);
    const notices = await noticesTo("forgetful@example.com", /Someone tried to sign up/);
    assert.equal(notices[0]?.subject, NOTICE);
    assert.match(notices[0].body, /no account was created/);
    const all = await readOutbox(server.url, "forgetful@example.com");
    assert.equal(all.length, before + 1, "only the notice");
    assert.ok(all.every((m) => m.code === null), "no confirmation code went out: there is no new account to confirm");

    const other = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "login" });
    const tried = await other.browser.submit(other.page, { login: "forgetful@example.com", password: "Attacker-Passw0rd" });
    assert.equal(flashOf(tried), "Incorrect username or password.", "the attempted password opens nothing");
  });

  test("a taken phone number is not revealed either; its owner is told", async () => {
    const { browser, page } = await signUpPage(PHONE_POOL, "phones-web");
    const next = await browser.submit(page, { phone_number: PHONE_OWNER, password: "Sunny-Day-42" });
    assert.match(next.url, /\/confirm$/);
    assert.match(next.html, /We sent a code to (?:<!-- -->)?\+\*{7}0100/);
    const notices = await noticesTo(PHONE_OWNER, /Someone tried to sign up/);
    assert.equal(notices[0]?.subject, "Someone tried to sign up for Phones with your phone number");
  });

  test("a chosen username that is taken is still said to be taken, as in Cognito", async () => {
    const { browser, page } = await signUpPage(USERNAME_POOL, "names-web");
    const next = await browser.submit(page, { username: "carol", email: `someone-${Date.now()}@example.com`, password: "Sunny-Day-42" });
    assert.match(next.url, /\/signup$/);
    assert.equal(flashOf(next), "An account with this username already exists.");
  });
});

describe("a LEGACY client still says the account exists", () => {
  test("the admin API keeps the setting, and a new client defaults to ENABLED", async () => {
    const { body } = await api("GET", `/pools/${POOL}/clients/${legacyClient}`);
    assert.equal(body.preventUserExistenceErrors, "LEGACY");
    assert.equal((await api("GET", `/pools/${POOL}/clients/web`)).body.preventUserExistenceErrors, "ENABLED");
    const exported = await api("GET", `/pools/${POOL}/export`);
    assert.equal(exported.body.clients.find((c: { clientId: string }) => c.clientId === legacyClient).preventUserExistenceErrors, "LEGACY");
    assert.equal((await api("PATCH", `/pools/${POOL}/clients/${legacyClient}`, { preventUserExistenceErrors: "SOMETIMES" })).status, 400);
  });

  test("email: sign-up answers that an account exists", async () => {
    const { browser, page } = await signUpPage(POOL, legacyClient);
    const next = await browser.submit(page, { email: "alice@example.com", password: "Sunny-Day-42" });
    assert.match(next.url, /\/signup$/);
    assert.equal(flashOf(next), "An account with this email already exists.");
  });

  test("phone: sign-up answers that an account exists", async () => {
    const { browser, page } = await signUpPage(PHONE_POOL, "phones-legacy");
    const next = await browser.submit(page, { phone_number: PHONE_OWNER, password: "Sunny-Day-42" });
    assert.match(next.url, /\/signup$/);
    assert.equal(flashOf(next), "An account with this phone number already exists.");
  });
});
