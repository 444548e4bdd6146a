// Rule: an authenticator's signature counter only rises. An assertion whose counter is not above
// the last one seen comes from a clone of the key: the sign-in is refused and the counter kept.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { refusal, sdkClient } from "../support/cognito-api.ts";
import { SoftwareAuthenticator } from "../support/authenticator.ts";
import { accessTokenOf, answerPasskey, passkeyChallenge, passkeyConfig, registerPasskey } from "../support/passkeys.ts";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: passkeyConfig(["cleo"]) });
  cognito = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
});

test("a lower or equal signature counter refuses the sign-in as a cloned authenticator", async () => {
  const authenticator = new SoftwareAuthenticator();
  await registerPasskey(cognito, await accessTokenOf(cognito, "cleo"), authenticator, server.url);
  const first = await passkeyChallenge(cognito, "cleo");
  assert.ok((await answerPasskey(cognito, "cleo", first.session, authenticator.get(first.options, { origin: server.url, counter: 5 }))).AuthenticationResult);

  for (const counter of [3, 5, 0]) {
    const clone = await passkeyChallenge(cognito, "cleo");
    const refused = await refusal(answerPasskey(cognito, "cleo", clone.session, authenticator.get(clone.options, { origin: server.url, counter })));
    assert.equal(refused.name, "NotAuthorizedException", `counter ${counter} after 5`);
    assert.match(refused.message, /counter/);
  }
  const next = await passkeyChallenge(cognito, "cleo");
  assert.ok((await answerPasskey(cognito, "cleo", next.session, authenticator.get(next.options, { origin: server.url, counter: 6 }))).AuthenticationResult,
    "the refused clones did not move the counter: 6 is still above 5");
});
