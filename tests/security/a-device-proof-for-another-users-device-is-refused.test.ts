// A remembered device skips MFA only for its own user: naming another user's device, answering
// DEVICE_SRP_AUTH with it, or signing the device proof without the device's secret is refused,
// and the normal MFA follows.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, refusal, sdkClient } from "../support/cognito-api.ts";
import { formatTimestamp } from "../../lib/security/srp.ts";
import { API_DEVICE_POOL, devicesConfig, jsAuthenticate, jsBrowser, rememberDeviceWithSdk, setUpTotp } from "../support/devices.ts";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;
before(async () => {
  server = await startServer({ config: devicesConfig() });
  cognito = sdkClient(server);
});
after(async () => {
  await server?.stop();
});

const signIn = (username: string, deviceKey: string) => cognito.send(new InitiateAuthCommand({
  AuthFlow: "USER_PASSWORD_AUTH", ClientId: "devices-spa", AuthParameters: { USERNAME: username, PASSWORD: API_PASSWORD, DEVICE_KEY: deviceKey },
}));

test("a device proof for another user's device is refused", async () => {
  const eve = await rememberDeviceWithSdk(cognito, "eve", await setUpTotp(cognito, "eve"));
  const mallorySecret = await setUpTotp(cognito, "mallory");

  // Eve's own sign-in with her device is asked for the device's proof instead of MFA.
  assert.equal((await signIn("eve", eve.deviceKey)).ChallengeName, "DEVICE_SRP_AUTH");
  // Mallory naming Eve's device gets her own MFA.
  assert.equal((await signIn("mallory", eve.deviceKey)).ChallengeName, "SOFTWARE_TOKEN_MFA");

  // Mallory's own remembered device opens DEVICE_SRP_AUTH; answering it with Eve's device is refused.
  const mallory = await rememberDeviceWithSdk(cognito, "mallory", mallorySecret);
  const own = await signIn("mallory", mallory.deviceKey);
  assert.equal(own.ChallengeName, "DEVICE_SRP_AUTH");
  const swapped = await refusal(cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "devices-spa", ChallengeName: "DEVICE_SRP_AUTH", Session: own.Session!,
    ChallengeResponses: { USERNAME: "mallory", DEVICE_KEY: eve.deviceKey, SRP_A: randomBytes(256).toString("hex") },
  })));
  assert.equal(swapped.name, "NotAuthorizedException");

  // A proof not made with the device's secret is refused, and its session cannot be answered again.
  const again = await signIn("mallory", mallory.deviceKey);
  const opened = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "devices-spa", ChallengeName: "DEVICE_SRP_AUTH", Session: again.Session!,
    ChallengeResponses: { USERNAME: "mallory", DEVICE_KEY: mallory.deviceKey, SRP_A: randomBytes(256).toString("hex") },
  }));
  assert.equal(opened.ChallengeName, "DEVICE_PASSWORD_VERIFIER");
  assert.ok(opened.ChallengeParameters?.SRP_B && opened.ChallengeParameters.SALT && opened.ChallengeParameters.SECRET_BLOCK);
  const forged = {
    ClientId: "devices-spa", ChallengeName: "DEVICE_PASSWORD_VERIFIER" as const, Session: opened.Session!,
    ChallengeResponses: {
      USERNAME: "mallory", DEVICE_KEY: mallory.deviceKey, PASSWORD_CLAIM_SECRET_BLOCK: opened.ChallengeParameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString("base64"), TIMESTAMP: formatTimestamp(new Date()),
    },
  };
  assert.equal((await refusal(cognito.send(new RespondToAuthChallengeCommand(forged)))).name, "NotAuthorizedException");
  assert.equal((await refusal(cognito.send(new RespondToAuthChallengeCommand(forged)))).name, "NotAuthorizedException");

  // amazon-cognito-identity-js holding Eve's device (key, group and secret) for Mallory: MFA is asked.
  const app = jsBrowser(server, API_DEVICE_POOL, "devices-spa");
  app.setDevice("mallory", { deviceKey: eve.deviceKey, deviceGroupKey: eve.deviceGroupKey, randomPasswordKey: "device-secret" });
  assert.equal((await jsAuthenticate(app.user("mallory"), API_PASSWORD)).kind, "totpRequired");
});
