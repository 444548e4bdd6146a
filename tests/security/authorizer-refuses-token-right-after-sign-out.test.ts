// The rule: an authorizer's cached answer never outlives a revocation. A token the authorizer has
// just allowed (and so holds in its cache) is refused on the very next request once its user signs
// out everywhere (GlobalSignOut) or its refresh token is revoked (RevokeToken), even when the sign-out
// happened on another Gatehouse instance: the revocation note reaches every instance through Redis.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CognitoIdentityProviderClient, GlobalSignOutCommand, RevokeTokenCommand } from "@aws-sdk/client-cognito-identity-provider";
import { forwardAuthConfig, signIn } from "../support/forward-auth.ts";
import { startServer, type RunningServer } from "../support/server.ts";

let first: RunningServer;
let second: RunningServer;

before(async () => {
  assert.ok(process.env.REDIS_URL, "this rule spans instances: set REDIS_URL");
  first = await startServer({ config: forwardAuthConfig(["carol", "dave", "gina"]) });
  // Instances behind one load balancer share the public URL, so each trusts the other's tokens.
  second = await startServer({ shareWith: first, env: { PUBLIC_URL: first.url } });
});
after(async () => {
  await second?.stop();
  await first?.stop();
});

/** What the authorizer on `server` answers nginx for GET /orders/1 with the token. */
async function ask(server: RunningServer, token: string): Promise<{ status: number; challenge: string | null }> {
  const res = await fetch(`${server.url}/authorizers/orders`, { headers: { authorization: `Bearer ${token}`, "x-original-uri": "/orders/1", "x-original-method": "GET" } });
  await res.text();
  return { status: res.status, challenge: res.headers.get("www-authenticate") };
}

const cognito = (server: RunningServer) =>
  new CognitoIdentityProviderClient({ endpoint: server.url, region: "eu-west-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" }, maxAttempts: 1 });

async function assertCachedThenRefused(token: string, revoke: () => Promise<unknown>) {
  for (const server of [first, second, first, second]) assert.deepEqual(await ask(server, token), { status: 200, challenge: null }, "allowed, and now cached on both instances");
  await revoke();
  for (const server of [first, second]) {
    const answer = await ask(server, token);
    assert.equal(answer.status, 401, `${server.url} still allowed a revoked token`);
    assert.match(answer.challenge ?? "", /error="invalid_token", error_description="The token has been revoked or its user signed out"/);
  }
}

test("GlobalSignOut on one instance: both refuse the token at once", async () => {
  const { accessToken } = await signIn(first, "carol");
  await assertCachedThenRefused(accessToken, () => cognito(first).send(new GlobalSignOutCommand({ AccessToken: accessToken })));
});

test("RevokeToken of the refresh token on the other instance: its access token is refused at once", async () => {
  const { accessToken, refreshToken } = await signIn(first, "dave");
  await assertCachedThenRefused(accessToken, () => cognito(second).send(new RevokeTokenCommand({ Token: refreshToken, ClientId: "spa" })));
});

test("a sign-out of another user leaves a cached token allowed (the cache is checked again, not emptied blindly)", async () => {
  const gina = await signIn(first, "gina");
  const carol = await signIn(first, "carol");
  assert.equal((await ask(second, gina.accessToken)).status, 200);
  await cognito(first).send(new GlobalSignOutCommand({ AccessToken: carol.accessToken }));
  assert.equal((await ask(second, gina.accessToken)).status, 200);
});
