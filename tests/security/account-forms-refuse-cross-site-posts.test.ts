// Every form of the account page needs the session's CSRF token, and a browser's post from
// another origin is refused even with it: a page elsewhere cannot change an account.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { accountConfig, csrfOf, postRaw, signInToAccount } from "../account/support.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: accountConfig(["oli", "pam"]) });
});
after(async () => {
  await server?.stop();
});

const ACTIONS = ["profile", "change-email", "change-password", "authenticator-start", "sign-out-session", "sign-out-everywhere", "sign-out"];

test("without the token, with another session's token or from another origin, no form is accepted", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "oli@example.com" });
  const other = await signInToAccount(server.url, { email: "pam@example.com" });
  const cookie = browser.cookieHeader();
  for (const action of ACTIONS) {
    const missing = await postRaw(server.url, { cookie, action, fields: { "attr.given_name": "Forged" } });
    assert.equal(missing.status, 403, `${action} without a token`);
    const foreign = await postRaw(server.url, { cookie, action, fields: { csrf: csrfOf(other.page), "attr.given_name": "Forged" } });
    assert.equal(foreign.status, 403, `${action} with another session's token`);
    const crossSite = await postRaw(server.url, { cookie, action, fields: { csrf: csrfOf(page), "attr.given_name": "Forged" }, origin: "https://evil.example" });
    assert.equal(crossSite.status, 403, `${action} from another origin`);
  }
  const after = await browser.request(page.url);
  assert.match(after.html, /value="Oli"/, "nothing changed");
});

test("the session cookie is HttpOnly, SameSite=Lax and scoped to the pool's account page", async () => {
  const { browser } = await signInToAccount(server.url, { email: "oli@example.com" });
  const response = await fetch(`${server.url}/local_Account01/account/sign-in`, { redirect: "manual", headers: { cookie: browser.cookieHeader() } });
  const set = response.headers.getSetCookie().find((c) => c.startsWith("gh_account_signin_"));
  assert.ok(set);
  assert.match(set, /Path=\/local_Account01\/account/i);
  assert.match(set, /HttpOnly/i);
  assert.match(set, /SameSite=lax/i);
});
