// Rule: a passkey challenge answers once. A registration challenge is kept hashed on the server and
// spent by the first completion that names it; a sign-in challenge lives in the flow and goes with
// its first answer; a challenge the client makes up, or one replaced by a newer one, finds nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CompleteWebAuthnRegistrationCommand, StartWebAuthnRegistrationCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { refusal, sdkClient } from "../support/cognito-api.ts";
import { SoftwareAuthenticator } from "../support/authenticator.ts";
import { accessTokenOf, answerPasskey, passkeyChallenge, passkeyConfig, registerPasskey } from "../support/passkeys.ts";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: passkeyConfig(["ria", "sam", "ted"]) });
  cognito = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
});

test("a registration challenge completes one registration, and a replaced or invented one none", async () => {
  const token = await accessTokenOf(cognito, "ria");
  const authenticator = new SoftwareAuthenticator();
  const first = (await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }))).CredentialCreationOptions as Record<string, unknown>;
  const replaced = authenticator.create(first, { origin: server.url });
  const second = (await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }))).CredentialCreationOptions as Record<string, unknown>;
  assert.equal((await refusal(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: replaced as never })))).name,
    "WebAuthnChallengeNotFoundException", "a newer registration replaced the first");
  const invented = authenticator.create({ ...second, challenge: Buffer.from("made up by the client").toString("base64url") }, { origin: server.url });
  assert.equal((await refusal(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: invented as never })))).name,
    "WebAuthnChallengeNotFoundException");
  const good = authenticator.create(second, { origin: server.url });
  await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: good as never }));
  const replayed = authenticator.create(second, { origin: server.url });
  assert.equal((await refusal(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: replayed as never })))).name,
    "WebAuthnChallengeNotFoundException", "the challenge was spent by the first completion");
});

test("a sign-in challenge takes one answer: the same assertion, or the same session, is refused the second time", async () => {
  const token = await accessTokenOf(cognito, "sam");
  const authenticator = new SoftwareAuthenticator();
  authenticator.counterStep = 0; // a synced passkey: no counter to catch the replay, the challenge must
  await registerPasskey(cognito, token, authenticator, server.url);
  const { session, options } = await passkeyChallenge(cognito, "sam");
  const assertion = authenticator.get(options, { origin: server.url });
  assert.ok((await answerPasskey(cognito, "sam", session, assertion)).AuthenticationResult?.AccessToken);
  assert.equal((await refusal(answerPasskey(cognito, "sam", session, assertion))).name, "NotAuthorizedException", "the session is spent");
  const fresh = await passkeyChallenge(cognito, "sam");
  assert.equal((await refusal(answerPasskey(cognito, "sam", fresh.session, assertion))).name, "WebAuthnChallengeNotFoundException",
    "an old assertion does not answer a new challenge");
});

test("a wrong answer spends the sign-in challenge too", async () => {
  const token = await accessTokenOf(cognito, "ted");
  const authenticator = new SoftwareAuthenticator();
  await registerPasskey(cognito, token, authenticator, server.url);
  const { session, options } = await passkeyChallenge(cognito, "ted");
  const wrong = authenticator.get(options, { origin: server.url, challenge: Buffer.from("not the challenge").toString("base64url") });
  assert.equal((await refusal(answerPasskey(cognito, "ted", session, wrong))).name, "WebAuthnChallengeNotFoundException");
  const right = authenticator.get(options, { origin: server.url });
  assert.equal((await refusal(answerPasskey(cognito, "ted", session, right))).name, "NotAuthorizedException", "the session went with the wrong answer");
});
