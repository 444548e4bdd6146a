// SMS_URL=twilio://…: a sign-in code by SMS leaves the running server through the official twilio
// package and reaches a local stand-in of Twilio's Messages API (form-encoded POST with Basic auth,
// tests/support/sms/twilio.ts), and its code signs in through the Cognito API. (SNS is covered the
// same way in tests/cognito-api/mfa-codes.test.ts.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "./support/server.ts";
import { ALL_FLOWS, API_PASSWORD, sdkClient } from "./support/cognito-api.ts";
import { readOutbox } from "./support/oauth.ts";
import { startTwilioStandIn } from "./support/sms/twilio.ts";

const SID = `AC${"9c".repeat(16)}`;
const TOKEN = "twilio-test-auth-token";
const POOL = "local_TwilioSm1";
let server: RunningServer;
let twilio: Awaited<ReturnType<typeof startTwilioStandIn>>;

before(async () => {
  twilio = await startTwilioStandIn({ accountSid: SID, authToken: TOKEN });
  server = await startServer({
    env: { SMS_URL: `twilio://${SID}:${TOKEN}@?from=+15550000000&apiUrl=${twilio.url}` },
    config: {
      pools: [{
        id: POOL, name: "Twilio", signInAliases: ["username"], mfa: "ON", mfaMethods: ["SMS"],
        clients: [{ clientId: "tw", clientSecret: null, name: "tw", callbackUrls: ["http://localhost:4000/cb"], allowedOAuthFlows: ["code"], allowedScopes: ["openid"], explicitAuthFlows: ALL_FLOWS }],
        users: [{ username: "tara", password: API_PASSWORD, attributes: { phone_number: "+15550400001", phone_number_verified: "true" } }],
      }],
    },
  });
});
after(async () => {
  await server?.stop();
  await twilio?.stop();
});

test("an SMS_MFA code goes out through Twilio's Messages API, not the outbox, and signs in", async () => {
  const cognito = sdkClient(server);
  const started = await cognito.send(new InitiateAuthCommand({ ClientId: "tw", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "tara", PASSWORD: API_PASSWORD } }));
  assert.equal(started.ChallengeName, "SMS_MFA");
  assert.equal(started.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "+*******0001");
  for (let wait = 0; wait < 10_000 && twilio.messages.length === 0; wait += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  const [sms] = twilio.messages;
  assert.ok(sms, "Twilio received the SMS");
  assert.equal(sms.to, "+15550400001");
  assert.equal(sms.from, "+15550000000");
  assert.equal(twilio.refused(), 0);
  assert.deepEqual(await readOutbox(server.url, "+15550400001"), [], "nothing went to the outbox");
  const code = /(\d{6})/.exec(sms.body)![1]!;
  const done = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "tw", ChallengeName: "SMS_MFA", Session: started.Session, ChallengeResponses: { USERNAME: "tara", SMS_MFA_CODE: code },
  }));
  assert.ok(done.AuthenticationResult?.AccessToken);
});
