// Rule: a passkey belongs to its relying party. One made for another site (its authenticator data
// names another RP id) is refused at registration and at sign-in, and so is a passkey used from a
// page whose origin is not the pool's (a phishing page relaying the ceremony).
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
  server = await startServer({ config: passkeyConfig(["amy", "bob"]) });
  cognito = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
});

async function complete(token: string, credential: unknown) {
  return refusal(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: credential as never })));
}

test("registration refuses a passkey made for another relying party, or from another origin", async () => {
  const token = await accessTokenOf(cognito, "amy");
  const authenticator = new SoftwareAuthenticator();
  const start = async () => (await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }))).CredentialCreationOptions as Record<string, unknown>;
  assert.equal((await complete(token, authenticator.create(await start(), { origin: server.url, rpId: "evil.example" }))).name, "WebAuthnRelyingPartyMismatchException");
  assert.equal((await complete(token, authenticator.create(await start(), { origin: "https://evil.example" }))).name, "WebAuthnOriginNotAllowedException");
  assert.equal((await complete(token, authenticator.create(await start(), { origin: "http://localhost.evil.example" }))).name, "WebAuthnOriginNotAllowedException");
});

test("sign-in refuses an assertion for another relying party, or from another origin", async () => {
  const token = await accessTokenOf(cognito, "bob");
  const authenticator = new SoftwareAuthenticator();
  await registerPasskey(cognito, token, authenticator, server.url);
  const phished = await passkeyChallenge(cognito, "bob");
  assert.equal((await refusal(answerPasskey(cognito, "bob", phished.session, authenticator.get(phished.options, { origin: "https://evil.example" })))).name,
    "WebAuthnOriginNotAllowedException");
  const other = await passkeyChallenge(cognito, "bob");
  const key = { ...authenticator.keys[0]!, rpId: "evil.example" };
  assert.equal((await refusal(answerPasskey(cognito, "bob", other.session, authenticator.get(other.options, { origin: server.url, key })))).name,
    "WebAuthnRelyingPartyMismatchException");
  const fine = await passkeyChallenge(cognito, "bob");
  assert.ok((await answerPasskey(cognito, "bob", fine.session, authenticator.get(fine.options, { origin: server.url }))).AuthenticationResult, "the real site still works");
});
