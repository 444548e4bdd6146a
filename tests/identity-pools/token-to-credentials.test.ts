// POST /token-to-credentials on the real server, with ID tokens from the real Cognito API
// (InitiateAuth through the AWS SDK): the token in the body or as a Bearer token, guests and a guest
// who signs in keeping their identity id, a Rules mapping's role, a Deny mapping, a token refused
// right after GlobalSignOut, the credential_process shape, CORS, and each input refusal's status.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CognitoIdentityProviderClient, GlobalSignOutCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import {
  DENY_POOL, OPEN_POOL, ROLE, credentialsConfig, signIn, tokenToCredentials, type CredentialsBody,
} from "../support/identity-credentials.ts";

let server: RunningServer;

before(async () => {
  server = await startServer({ config: credentialsConfig() });
});
after(async () => {
  await server?.stop();
});

const IDENTITY_ID = /^local:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function assertCredentials(body: Record<string, unknown>) {
  const c = (body as CredentialsBody).credentials;
  assert.match(c.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.equal(c.secretAccessKey.length, 40);
  assert.ok(c.sessionToken.length > 40);
  const expires = Date.parse(c.expiration);
  assert.equal(new Date(expires).toISOString(), c.expiration, "ISO 8601 expiration");
  assert.ok(Math.abs(expires - (Date.now() + 3600_000)) < 60_000, "durationSeconds' default: an hour");
}

describe("signed-in users", () => {
  test("an ID token in the body gives the identity, the role a Rules mapping chooses and credentials; the same user keeps the identity", async () => {
    const { idToken } = await signIn(server, "alice");
    const first = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.match(String(first.body.identityId), IDENTITY_ID);
    assert.equal(first.body.roleArn, ROLE("Eng"), "custom:dept = eng maps to Eng");
    assertCredentials(first.body);
    assert.equal(first.headers.get("access-control-allow-origin"), "*");
    assert.equal(first.headers.get("cache-control"), "no-store");

    const again = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken: (await signIn(server, "alice")).idToken });
    assert.equal(again.body.identityId, first.body.identityId);
    assert.notEqual((again.body as CredentialsBody).credentials.accessKeyId, (first.body as CredentialsBody).credentials.accessKeyId);
  });

  test("the ID token as a Bearer token works the same; a user no rule matches gets the authenticated role", async () => {
    const { idToken } = await signIn(server, "bob");
    const answer = await tokenToCredentials(server, { identityPoolId: OPEN_POOL }, { headers: { authorization: `Bearer ${idToken}` } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.roleArn, ROLE("AppUser"));
    assertCredentials(answer.body);
    const twice = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken }, { headers: { authorization: `Bearer ${idToken}` } });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.__type, "InvalidParameterException");
  });

  test("?format=credential_process answers exactly the AWS CLI's shape", async () => {
    const { idToken } = await signIn(server, "alice");
    const answer = await tokenToCredentials(server, { identityPoolId: OPEN_POOL }, { headers: { authorization: `Bearer ${idToken}` }, query: "?format=credential_process" });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(Object.keys(answer.body).sort(), ["AccessKeyId", "Expiration", "SecretAccessKey", "SessionToken", "Version"]);
    assert.equal(answer.body.Version, 1);
    assert.match(String(answer.body.AccessKeyId), /^ASIA/);
    assert.equal(new Date(String(answer.body.Expiration)).toISOString(), answer.body.Expiration);
  });

  test("a customRoleArn outside the mapping's choice is refused with 403 (the token was good); the mapped role itself is fine", async () => {
    const { idToken } = await signIn(server, "alice");
    const refused = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken, customRoleArn: ROLE("AppGuest") });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.__type, "NotAuthorizedException");
    const guest = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, customRoleArn: ROLE("AppUser") });
    assert.equal(guest.status, 403, "a guest cannot ask for the authenticated role");
  });
});

describe("guests", () => {
  test("no token: a guest identity with the unauthenticated role; passing its id back keeps it; signing in with it keeps it too", async () => {
    const guest = await tokenToCredentials(server, { identityPoolId: OPEN_POOL });
    assert.equal(guest.status, 200, JSON.stringify(guest.body));
    assert.equal(guest.body.roleArn, ROLE("AppGuest"));
    assertCredentials(guest.body);
    const identityId = String(guest.body.identityId);
    assert.match(identityId, IDENTITY_ID);

    const back = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, identityId });
    assert.equal(back.body.identityId, identityId);
    assert.equal(back.body.roleArn, ROLE("AppGuest"));

    const { idToken } = await signIn(server, "carol");
    const signedIn = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, identityId, idToken });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.equal(signedIn.body.identityId, identityId, "the guest who signs in keeps the identity id");
    assert.equal(signedIn.body.roleArn, ROLE("Eng"));
    // Now the identity has a login: without a token it is no longer anyone's to take.
    const taken = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, identityId });
    assert.equal(taken.status, 401);
    assert.equal(taken.body.__type, "NotAuthorizedException");
    // And the same user signing in again without the id finds it.
    const found = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken: (await signIn(server, "carol")).idToken });
    assert.equal(found.body.identityId, identityId);
  });

  test("a pool without guests refuses no token with 401 and a Bearer challenge", async () => {
    const refused = await tokenToCredentials(server, { identityPoolId: DENY_POOL });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.__type, "NotAuthorizedException");
    assert.match(String(refused.body.message), /Unauthenticated access is not supported/);
    assert.match(refused.headers.get("www-authenticate") ?? "", /^Bearer/);
  });
});

describe("refusals", () => {
  test("a Deny mapping refuses a user no rule matches with 403; a user a rule matches gets the rule's role", async () => {
    const denied = await tokenToCredentials(server, { identityPoolId: DENY_POOL, idToken: (await signIn(server, "dave")).idToken });
    assert.equal(denied.status, 403, JSON.stringify(denied.body));
    assert.equal(denied.body.__type, "NotAuthorizedException");
    assert.match(String(denied.body.message), /denied/);
    const allowed = await tokenToCredentials(server, { identityPoolId: DENY_POOL, idToken: (await signIn(server, "erin")).idToken });
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.body.roleArn, ROLE("Eng"));
  });

  test("an ID token is refused (401) right after its user's GlobalSignOut", async () => {
    const { idToken, accessToken } = await signIn(server, "bob");
    assert.equal((await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken })).status, 200);
    const cognito = new CognitoIdentityProviderClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" }, maxAttempts: 1 });
    await cognito.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
    cognito.destroy();
    const refused = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken });
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
    assert.equal(refused.body.__type, "NotAuthorizedException");
    assert.match(String(refused.body.message), /revoked/);
    assert.match(refused.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
  });

  test("a token that is not one (or is altered) is refused with 401", async () => {
    const garbage = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken: "not-a-jwt" });
    assert.equal(garbage.status, 401);
    const { idToken } = await signIn(server, "alice");
    const [h, p, s] = idToken.split(".");
    const altered = `${h}.${p}.${s!.slice(0, -4)}${s!.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    const refused = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, idToken: altered });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.__type, "NotAuthorizedException");
  });

  test("input errors are 400 InvalidParameterException naming the field; an unknown pool or identity is 404", async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /identityPoolId/],
      [{ identityPoolId: "not-a-pool" }, /identityPoolId/],
      [{ identityPoolId: OPEN_POOL, idToken: "" }, /idToken/],
      [{ identityPoolId: OPEN_POOL, identityId: "nope" }, /identityId/],
      [{ identityPoolId: OPEN_POOL, customRoleArn: "admin" }, /customRoleArn/],
      [{ identityPoolId: OPEN_POOL, logins: {} }, /logins|Unrecognized/i],
      ["{not json", /JSON/],
      [[1, 2], /expected object|object/i],
    ];
    for (const [body, message] of cases) {
      const answer = await tokenToCredentials(server, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.__type, "InvalidParameterException");
      assert.match(String(answer.body.message), message, JSON.stringify(answer.body));
    }
    const badFormat = await tokenToCredentials(server, { identityPoolId: OPEN_POOL }, { query: "?format=yaml" });
    assert.equal(badFormat.status, 400);
    const badHeader = await tokenToCredentials(server, { identityPoolId: OPEN_POOL }, { headers: { authorization: "Basic abc" } });
    assert.equal(badHeader.status, 400);
    const form = await fetch(`${server.url}/token-to-credentials`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "identityPoolId=x" });
    assert.equal(form.status, 400);

    const unknownPool = await tokenToCredentials(server, { identityPoolId: "local:00000000-0000-4000-8000-000000000000" });
    assert.equal(unknownPool.status, 404);
    assert.equal(unknownPool.body.__type, "ResourceNotFoundException");
    const unknownIdentity = await tokenToCredentials(server, { identityPoolId: OPEN_POOL, identityId: "local:00000000-0000-4000-8000-000000000000" });
    assert.equal(unknownIdentity.status, 404);

    const get = await fetch(`${server.url}/token-to-credentials`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST, OPTIONS");
  });
});

test("browsers: the preflight allows a cross-origin POST with an Authorization header", async () => {
  const preflight = await fetch(`${server.url}/token-to-credentials`, {
    method: "OPTIONS", headers: { origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
  assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
  assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /authorization/);
  assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /content-type/);
});
