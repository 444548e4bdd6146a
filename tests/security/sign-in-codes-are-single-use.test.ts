// Rule: an SMS or email sign-in code (SMS_MFA, EMAIL_OTP) signs in once. The same code cannot be
// answered again (not on the spent Session, not on a new sign-in), two requests racing with it do
// not both get tokens, and a new code ends the one before it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { ALL_FLOWS, API_PASSWORD, refusal, sdkClient } from "../support/cognito-api.ts";
import { waitForOutbox } from "../support/codes.ts";

const POOL = "local_OnceCode1";
let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({
    config: {
      pools: [{
        // MFA required with SMS codes: a verified phone number is the factor, no set-up needed.
        id: POOL, name: "Once", signInAliases: ["username"], mfa: "ON", mfaMethods: ["SMS"],
        clients: [{ clientId: "once", clientSecret: null, name: "once", callbackUrls: ["http://localhost:4000/cb"], allowedOAuthFlows: ["code"], allowedScopes: ["openid"], explicitAuthFlows: ALL_FLOWS }],
        users: ["ana", "ben"].map((username, i) => ({
          username, password: API_PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true", phone_number: `+1555020000${i}`, phone_number_verified: "true" },
        })),
      }],
    },
  });
  cognito = sdkClient(server);
});
after(async () => {
  await server?.stop();
});

const signIn = (username: string) =>
  cognito.send(new InitiateAuthCommand({ ClientId: "once", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: API_PASSWORD } }));
const answer = (username: string, session: string | undefined, code: string) =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: "once", ChallengeName: "SMS_MFA", Session: session, ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: code } }));

async function codeNumber(phone: string, n: number): Promise<string> {
  const [newest] = await waitForOutbox(server.url, phone, n);
  return newest!.code!;
}

test("a sign-in code signs in once: not again on its Session, not on a new sign-in", async () => {
  const started = await signIn("ana");
  assert.equal(started.ChallengeName, "SMS_MFA");
  const code = await codeNumber("+15550200000", 1);
  assert.ok((await answer("ana", started.Session, code)).AuthenticationResult?.AccessToken);
  assert.equal((await refusal(answer("ana", started.Session, code))).name, "NotAuthorizedException");
  const again = await signIn("ana");
  const fresh = await codeNumber("+15550200000", 2);
  assert.notEqual(fresh, code, "each sign-in sends a new code");
  assert.equal((await refusal(answer("ana", again.Session, code))).name, "CodeMismatchException");
  assert.ok((await answer("ana", again.Session, fresh)).AuthenticationResult?.AccessToken);
});

test("two requests racing with one code: only one gets tokens", async () => {
  const started = await signIn("ben");
  const code = await codeNumber("+15550200001", 1);
  const results = await Promise.allSettled([answer("ben", started.Session, code), answer("ben", started.Session, code), answer("ben", started.Session, code)]);
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, JSON.stringify(results.map((r) => r.status === "rejected" ? (r.reason as Error).name : "tokens")));
});
