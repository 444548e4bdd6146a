// An account page session is its pool's alone: its cookie is sent only under that pool's path,
// and a copy presented to another pool's account page (under that pool's cookie name) is refused.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { ACCOUNT_POOL, OTHER_POOL, accountConfig, accountStatus, assertSignedIn, assertSignedOut, csrfOf, postRaw, signInToAccount } from "../account/support.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: accountConfig(["quin"]) });
});
after(async () => {
  await server?.stop();
});

test("another pool's session opens nothing and changes nothing here", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "quin@example.com" });
  assertSignedIn(await accountStatus(server.url, browser.cookieHeader()));
  const value = /gh_account_session_local_Account01=([^;]+)/.exec(browser.cookieHeader())?.[1];
  assert.ok(value);
  const forged = `gh_account_session_${OTHER_POOL}=${value}`;
  assertSignedOut(await accountStatus(server.url, forged, OTHER_POOL));
  const change = await postRaw(server.url, { cookie: forged, pool: OTHER_POOL, action: "profile", fields: { csrf: csrfOf(page), "attr.given_name": "Forged" } });
  assert.equal(change.status, 303);
  assert.match(change.headers.get("location") ?? "", new RegExp(`/${OTHER_POOL}/account$`));
  // And the other pool's user signs in to their own page as usual.
  await signInToAccount(server.url, { email: "other@example.com", pool: OTHER_POOL });
  assertSignedIn(await accountStatus(server.url, browser.cookieHeader(), ACCOUNT_POOL));
});
