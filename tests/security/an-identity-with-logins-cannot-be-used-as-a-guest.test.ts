// An identity a user has signed in to is that user's: asked for without logins (as a guest would
// ask) or with another user's token, it gives no credentials and no OpenID token — otherwise its
// id alone, which apps log and show, would be a key to the user's role. Nor does a refused call
// leave anything linked to it (a second provider's login sent alongside a stranger's token).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { startServer, type RunningServer } from "../support/server.ts";
import { refusal } from "../support/cognito-api.ts";
import { identityClient, identityPoolsConfig, loginsKey, OPEN_POOL, opened, ROLES, SECOND_POOL, signIn } from "../support/identity-pools.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: identityPoolsConfig() });
});
after(async () => {
  await server?.stop();
});

test("a signed-in identity's id, without its login or with another user's, gets nothing", async () => {
  const app = identityClient(server);
  const alice = await signIn(server, "alice");
  // A guest who signs in: the identity is the guest's, now linked to alice.
  const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL }));
  const linked = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [loginsKey(server)]: alice.idToken } }));
  assert.equal(linked.IdentityId, IdentityId);
  assert.equal(opened(server, linked.Credentials!).roleArn, ROLES.eng);

  const noLogins = await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId })));
  assert.equal(noLogins.name, "NotAuthorizedException");
  assert.match(noLogins.message, /^Logins don't match/);
  assert.equal((await refusal(app.send(new GetOpenIdTokenCommand({ IdentityId })))).name, "NotAuthorizedException");

  const erin = await signIn(server, "erin");
  await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: { [loginsKey(server)]: erin.idToken } }));
  const someoneElse = await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [loginsKey(server)]: erin.idToken } })));
  assert.equal(someoneElse.name, "NotAuthorizedException");
  // A new user who has no identity yet cannot take this one over either.
  const frank = await signIn(server, "frank");
  const takeover = await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [loginsKey(server)]: frank.idToken } })));
  assert.equal(takeover.name, "NotAuthorizedException");
  assert.match(takeover.message, /^Logins don't match/);

  // A stranger's token of the identity's provider with a login of a second trusted pool: refused,
  // and the second login is not left linked to the identity (else it alone would open it next).
  const dave = await signIn(server, "dave");
  const zed = await signIn(server, "zed", "web2");
  const both = { [loginsKey(server, SECOND_POOL)]: zed.idToken, [loginsKey(server)]: dave.idToken };
  assert.equal((await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: both })))).name, "NotAuthorizedException");
  const zedsOwn = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: { [loginsKey(server, SECOND_POOL)]: zed.idToken } }));
  assert.notEqual(zedsOwn.IdentityId, IdentityId);
  assert.equal((await refusal(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [loginsKey(server, SECOND_POOL)]: zed.idToken } })))).name, "NotAuthorizedException");
});
