// An identity pool whose provider checks tokens server-side (Gatehouse's default) gives no
// credentials for an ID token whose sign-in has ended: signed out by the user (GlobalSignOut), by
// an admin (AdminUserGlobalSignOut), or whose user has been disabled since — though the token is
// still within its hour and its signature still good. Every call that takes Logins refuses it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { AdminDisableUserCommand, AdminUserGlobalSignOutCommand, GlobalSignOutCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey, refusal } from "../support/cognito-admin.ts";
import { identityClient, identityPoolsConfig, loginsKey, OPEN_POOL, signIn, USER_POOL } from "../support/identity-pools.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: identityPoolsConfig(), env: ADMIN_ENV });
});
after(async () => {
  await server?.stop();
});

async function assertRefusedEverywhere(idToken: string, identityId: string, message: RegExp) {
  const app = identityClient(server);
  const logins = { [loginsKey(server)]: idToken };
  for (const call of [
    () => app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: logins })),
    () => app.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins })),
    () => app.send(new GetOpenIdTokenCommand({ IdentityId: identityId, Logins: logins })),
  ]) {
    const refused = await refusal(call());
    assert.equal(refused.name, "NotAuthorizedException");
    assert.match(refused.message, message);
  }
}

test("a token signed out by its user, or by an admin, or of a user disabled since, gets no credentials", async () => {
  const app = identityClient(server);
  const key = await createSigningKey(server, "security");

  const own = await signIn(server, "alice");
  const { IdentityId: aliceId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: { [loginsKey(server)]: own.idToken } }));
  await app.send(new GetCredentialsForIdentityCommand({ IdentityId: aliceId, Logins: { [loginsKey(server)]: own.idToken } }));
  await sdkClient(server).send(new GlobalSignOutCommand({ AccessToken: own.accessToken }));
  await assertRefusedEverywhere(own.idToken, aliceId!, /^Invalid login token\. Token has been revoked\.$/);

  const byAdmin = await signIn(server, "carol");
  const { IdentityId: carolId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: { [loginsKey(server)]: byAdmin.idToken } }));
  await key.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: USER_POOL, Username: "carol@example.com" }));
  await assertRefusedEverywhere(byAdmin.idToken, carolId!, /^Invalid login token\. Token has been revoked\.$/);

  const disabled = await signIn(server, "dave");
  const { IdentityId: daveId } = await app.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL, Logins: { [loginsKey(server)]: disabled.idToken } }));
  await key.cognito.send(new AdminDisableUserCommand({ UserPoolId: USER_POOL, Username: "dave@example.com" }));
  // Disabling a user ends their sign-ins too, so either reason may be the one named.
  await assertRefusedEverywhere(disabled.idToken, daveId!, /^Invalid login token\. (Token has been revoked|The user is disabled)\.$/);
});
