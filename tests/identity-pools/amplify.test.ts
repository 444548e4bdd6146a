// Amplify JavaScript v6 in Node against Gatehouse's identity pool, configured as the guide has it
// with `identityPoolEndpoint` added: fetchAuthSession() gets a guest's credentials, and after
// signIn the user's, for the same identity id (a guest who signs in keeps it), with the role the
// pool's mapping chooses from the ID token's claims.
import { after, afterEach, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { Amplify } from "aws-amplify";
import { fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { DescribeIdentityCommand } from "@aws-sdk/client-cognito-identity";
import { startServer, type RunningServer } from "../support/server.ts";
import { MapStorage } from "../support/cognito-clients.ts";
import { ADMIN_ENV, createSigningKey } from "../support/cognito-admin.ts";
import { identityClient, identityPoolsConfig, loginsKey, OPEN_POOL, opened, PASSWORD, ROLES, USER_POOL } from "../support/identity-pools.ts";

let server: RunningServer;
let storage: MapStorage;

before(async () => {
  server = await startServer({ config: identityPoolsConfig(), env: ADMIN_ENV });
});
after(async () => {
  await server?.stop();
});

/** Amplify.configure as the guide has it, with Gatehouse as both endpoints. */
function configure(userPoolClientId: string) {
  Amplify.configure({
    Auth: { Cognito: { userPoolId: USER_POOL, userPoolClientId, identityPoolId: OPEN_POOL, allowGuestAccess: true, userPoolEndpoint: server.url, identityPoolEndpoint: server.url } },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    setItem: async (key, value) => void storage.setItem(key, value),
    getItem: async (key) => storage.getItem(key),
    removeItem: async (key) => void storage.removeItem(key),
    clear: async () => void storage.clear(),
  });
}

beforeEach(() => {
  storage = new MapStorage();
});
afterEach(async () => {
  await signOut().catch(() => undefined);
});

test("a guest gets the unauthenticated role; signed in, the same identity gets the role of its Rules mapping (custom:dept eng)", async () => {
  configure("web");
  const guest = await fetchAuthSession();
  assert.equal(guest.tokens, undefined);
  assert.match(guest.identityId ?? "", /^eu-west-1:[0-9a-f-]{36}$/);
  assert.ok(guest.credentials);
  assert.equal(opened(server, guest.credentials).roleArn, ROLES.guest);

  const result = await signIn({ username: "alice@example.com", password: PASSWORD });
  assert.equal(result.isSignedIn, true);
  const user = await fetchAuthSession();
  assert.equal(user.tokens?.idToken?.payload["custom:dept"], "eng");
  assert.equal(user.identityId, guest.identityId, "a guest who signs in keeps the identity id");
  const who = opened(server, user.credentials!);
  assert.equal(who.roleArn, ROLES.eng);
  assert.equal(who.identityId, guest.identityId);
  assert.equal(who.authenticated, true);

  // The identity now has the user pool's login, named by its issuer without the scheme.
  const key = await createSigningKey(server, "amplify-check");
  const described = await identityClient(server, key.credentials).send(new DescribeIdentityCommand({ IdentityId: user.identityId }));
  assert.deepEqual(described.Logins, [loginsKey(server)]);
});

test("a Token mapping: the role of the user's group (cognito:preferred_role)", async () => {
  configure("tokens");
  await signIn({ username: "bob@example.com", password: PASSWORD });
  const session = await fetchAuthSession();
  assert.deepEqual(session.tokens?.idToken?.payload["cognito:roles"], [ROLES.admins]);
  assert.equal(opened(server, session.credentials!).roleArn, ROLES.admins);
  assert.ok(session.credentials!.expiration! > new Date());
});
