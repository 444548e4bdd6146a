// An account page session lives only as long as the sign-in behind it (its grant in the pool):
// an admin's global sign-out, disabling the user, an admin setting the password, the user's own
// global sign-out through the Cognito API, and signing the session out from another browser each
// end it at once; the old cookie then opens nothing and changes nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { ACCOUNT_POOL, PASSWORD, accountConfig, accountStatus, assertSignedIn, assertSignedOut, csrfOf, postRaw, signInToAccount } from "../account/support.ts";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
before(async () => {
  server = await startServer({
    config: accountConfig(["jan", "kim", "lea", "max", "ned"]),
    env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD },
  });
  api = apiClient(server.url, await createApiKey(server.url, "account tests"));
});
after(async () => {
  await server?.stop();
});

/** Signed in; after `end`, the old cookie neither opens the page nor posts a change. */
async function assertEndsWith(username: string, end: () => Promise<void>) {
  const { browser, page } = await signInToAccount(server.url, { email: `${username}@example.com` });
  const cookie = browser.cookieHeader();
  assertSignedIn(await accountStatus(server.url, cookie));
  await end();
  assertSignedOut(await accountStatus(server.url, cookie));
  const change = await postRaw(server.url, { cookie, action: "profile", fields: { csrf: csrfOf(page), "attr.given_name": "Changed" } });
  assert.equal(change.status, 303);
  assert.match(change.headers.get("location") ?? "", new RegExp(`/${ACCOUNT_POOL}/account$`), "sent to sign in again, nothing changed");
  const user = await api("GET", `/pools/${ACCOUNT_POOL}/users/${username}`);
  assert.notEqual(user.body.attributes?.given_name, "Changed");
}

test("an admin signs the user out everywhere", async () => {
  await assertEndsWith("jan", async () => {
    assert.equal((await api("POST", `/pools/${ACCOUNT_POOL}/users/jan/sign-out`)).status, 200);
  });
});

test("an admin disables the user", async () => {
  await assertEndsWith("kim", async () => {
    assert.equal((await api("POST", `/pools/${ACCOUNT_POOL}/users/kim/disable`)).status, 200);
  });
});

test("an admin sets a new password", async () => {
  await assertEndsWith("lea", async () => {
    assert.equal((await api("POST", `/pools/${ACCOUNT_POOL}/users/lea/password`, { password: "Admin-Set-Passw0rd", permanent: true })).status, 200);
  });
});

test("the user signs out everywhere through the Cognito API (GlobalSignOut)", async () => {
  await assertEndsWith("max", async () => {
    const call = (target: string, body: unknown) => fetch(`${server.url}/`, {
      method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${target}` }, body: JSON.stringify(body),
    });
    const signIn = await call("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: "accounts-web", AuthParameters: { USERNAME: "max@example.com", PASSWORD } });
    assert.equal(signIn.status, 200, await signIn.clone().text());
    const { AuthenticationResult } = (await signIn.json()) as { AuthenticationResult: { AccessToken: string } };
    assert.equal((await call("GlobalSignOut", { AccessToken: AuthenticationResult.AccessToken })).status, 200);
  });
});

test("another browser signs this session out from its own account page", async () => {
  await assertEndsWith("ned", async () => {
    const sessions = await api("GET", `/pools/${ACCOUNT_POOL}/users/ned/sessions`);
    assert.equal(sessions.body.sessions.length, 1);
    const other = await signInToAccount(server.url, { email: "ned@example.com" });
    const form = await postRaw(server.url, {
      cookie: other.browser.cookieHeader(), action: "sign-out-session", fields: { csrf: csrfOf(other.page), session_id: sessions.body.sessions[0].id },
    });
    assert.equal(form.status, 303);
    assertSignedIn(await accountStatus(server.url, other.browser.cookieHeader()));
  });
});
