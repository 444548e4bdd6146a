// Signing in to the account page through the pool's own hosted UI, with its built-in client.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser } from "../support/browser.ts";
import { ACCOUNT_POOL, accountConfig, accountStatus, accountUrl, assertSignedIn, assertSignedOut, confirmLogout, openAccountSignIn, post, signInToAccount } from "./support.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: accountConfig(["ann", "ben"]) });
});
after(async () => {
  await server?.stop();
});

test("signed out, the account page sends the browser to the pool's hosted sign-in, and back to the page after it", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "ann@example.com" });
  assert.match(page.html, /Signed in as <span[^>]*>Ann<\/span>/);
  assert.match(page.html, /ann@example.com/);
  assertSignedIn(await accountStatus(server.url, browser.cookieHeader()));
});

test("the account client is built in: not among the pool's clients, nor usable through the Cognito API", async () => {
  const { login } = await openAccountSignIn(server.url);
  assert.match(login.html, /Your account/, "the sign-in page names the account page as the app");
  const clients = await fetch(`${server.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: "gatehouse-account", AuthParameters: { USERNAME: "ann@example.com", PASSWORD: "Passw0rd!" } }),
  });
  assert.equal(clients.status, 400);
  assert.equal(((await clients.json()) as { __type: string }).__type, "ResourceNotFoundException");
});

test("the account client redirects only to the pool's own account page", async () => {
  const params = new URLSearchParams({ client_id: "gatehouse-account", response_type: "code", scope: "openid", redirect_uri: "https://evil.example/callback", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
  const response = await fetch(`${server.url}/${ACCOUNT_POOL}/oauth2/authorize?${params}`, { redirect: "manual" });
  assert.equal(response.status, 400);
  assert.doesNotMatch(response.headers.get("location") ?? "", /evil/);
});

test("a callback without the browser's sign-in state is refused", async () => {
  const browser = new TestBrowser(server.url);
  const page = await browser.request(`${accountUrl(server.url)}/callback?code=abc&state=def`);
  assert.match(page.url, /\/account\/signed-out\?reason=failed$/);
  assert.match(page.html, /We could not sign you in/);
  assertSignedOut(await accountStatus(server.url, browser.cookieHeader()));
});

test("sign out ends the session here and at the pool (RP-initiated logout)", async () => {
  const { browser, page } = await signInToAccount(server.url, { email: "ben@example.com" });
  const cookie = browser.cookieHeader();
  const logout = await post(browser, page, "sign-out");
  assert.match(logout.url, new RegExp(`/${ACCOUNT_POOL}/logout\\?client_id=gatehouse-account&`));
  // The page's session is over before the pool's logout page is even answered.
  assertSignedOut(await accountStatus(server.url, cookie));
  const out = await confirmLogout(browser, logout);
  assert.match(out.url, /\/account\/signed-out$/, `ended at ${out.url}`);
  assert.match(out.html, /You have signed out/);
  assertSignedOut(await accountStatus(server.url, cookie));
  // The pool's session ended too: the account page asks for the password again.
  const again = await browser.request(accountUrl(server.url));
  assert.match(again.url, /\/login$/);
});
