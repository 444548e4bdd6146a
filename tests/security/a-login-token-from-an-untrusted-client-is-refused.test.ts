// An identity pool takes ID tokens only from the app clients it lists: a token of another client
// of the same user pool, an access token instead of an ID token, a token under another pool's
// Logins key, an altered token, and a Logins key the pool does not trust are all refused, by GetId
// and by GetCredentialsForIdentity alike.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { startServer, type RunningServer } from "../support/server.ts";
import { refusal } from "../support/cognito-api.ts";
import { CLOSED_POOL, identityClient, identityPoolsConfig, loginsKey, OPEN_POOL, signIn } from "../support/identity-pools.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: identityPoolsConfig() });
});
after(async () => {
  await server?.stop();
});

test("tokens of unlisted clients, access tokens, altered tokens and untrusted providers get no identity and no credentials", async () => {
  const app = identityClient(server);
  const trusted = await signIn(server, "alice", "web");
  const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: { [loginsKey(server)]: trusted.idToken } }));
  const other = await signIn(server, "alice", "other");
  // CLOSED_POOL lists only "web": a token of "nocheck" (listed by OPEN_POOL) is not enough.
  const listedElsewhere = await signIn(server, "alice", "nocheck");
  const [header, payload] = trusted.idToken.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
  const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, "custom:dept": "board" })).toString("base64url")}.${trusted.idToken.split(".")[2]}`;

  const cases: [string, string, Record<string, string>, string][] = [
    ["another client's ID token", OPEN_POOL, { [loginsKey(server)]: other.idToken }, "Invalid login token. Incorrect token audience."],
    ["a client listed by another identity pool", CLOSED_POOL, { [loginsKey(server)]: listedElsewhere.idToken }, "Invalid login token. Incorrect token audience."],
    ["an access token", OPEN_POOL, { [loginsKey(server)]: trusted.accessToken }, "Invalid login token. Not a valid OpenId Connect identity token."],
    ["an altered token", OPEN_POOL, { [loginsKey(server)]: altered }, "Invalid login token. Couldn't verify signed token."],
    ["an untrusted provider", OPEN_POOL, { "accounts.google.com": trusted.idToken }, "Invalid login token. Token is not from a supported provider of this identity pool."],
  ];
  for (const [what, pool, logins, message] of cases) {
    assert.deepEqual(await refusal(app.send(new GetIdCommand({ IdentityPoolId: pool, Logins: logins }))), { name: "NotAuthorizedException", message }, `GetId: ${what}`);
    if (pool === OPEN_POOL) {
      assert.deepEqual(await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }))), { name: "NotAuthorizedException", message }, `GetCredentialsForIdentity: ${what}`);
    }
  }
});
