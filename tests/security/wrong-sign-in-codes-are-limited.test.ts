// Rule: wrong SMS and email sign-in codes are limited: 5 wrong tries an hour per account, after
// which even the right code is refused and a new sign-in (a new code) buys no more guesses; and
// they count toward the account's MFA lockout as wrong TOTP codes do. Sends are capped too.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { ALL_FLOWS, API_PASSWORD, refusal, sdkClient } from "../support/cognito-api.ts";
import { otherThan, waitForOutbox } from "../support/codes.ts";

const POOL = "local_LimitCod1";
let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({
    config: {
      pools: [{
        id: POOL, name: "Limits", signInAliases: ["username"], mfa: "ON", mfaMethods: ["EMAIL"],
        clients: [{ clientId: "lim", clientSecret: null, name: "lim", callbackUrls: ["http://localhost:4000/cb"], allowedOAuthFlows: ["code"], allowedScopes: ["openid"], explicitAuthFlows: ALL_FLOWS }],
        users: ["gail", "sid"].map((username) => ({ username, password: API_PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true" } })),
      }],
    },
  });
  cognito = sdkClient(server);
});
after(async () => {
  await server?.stop();
});

const signIn = (username: string) =>
  cognito.send(new InitiateAuthCommand({ ClientId: "lim", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: API_PASSWORD } }));
const answer = (username: string, session: string | undefined, code: string) =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: "lim", ChallengeName: "EMAIL_OTP", Session: session, ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code } }));

test("after 5 wrong codes the right one is refused, and a new sign-in's new code too", async () => {
  const started = await signIn("gail");
  assert.equal(started.ChallengeName, "EMAIL_OTP");
  const [first] = await waitForOutbox(server.url, "gail@example.com", 1);
  const names: string[] = [];
  for (let i = 0; i < 5; i++) names.push((await refusal(answer("gail", started.Session, otherThan(first!.code)))).name);
  assert.deepEqual(names.slice(0, 4), ["CodeMismatchException", "CodeMismatchException", "CodeMismatchException", "CodeMismatchException"]);
  assert.match(names[4]!, /^(LimitExceededException|TooManyFailedAttemptsException)$/);
  assert.match((await refusal(answer("gail", started.Session, first!.code!))).name, /^(LimitExceededException|TooManyFailedAttemptsException)$/);
  // A new sign-in while locked is refused outright, or its new code is: no more guesses either way.
  const again = await signIn("gail").catch((error: Error) => error);
  if (again instanceof Error) {
    assert.match(again.name, /^(NotAuthorizedException|TooManyFailedAttemptsException|PasswordResetRequiredException)$/);
  } else {
    const [fresh] = await waitForOutbox(server.url, "gail@example.com", 2);
    assert.match((await refusal(answer("gail", again.Session, fresh!.code!))).name, /^(LimitExceededException|TooManyFailedAttemptsException)$/);
  }
});

test("sign-in codes sent are capped per account: past 5 an hour no new code goes out, the challenge still stands", async () => {
  for (let i = 0; i < 6; i++) assert.equal((await signIn("sid")).ChallengeName, "EMAIL_OTP");
  const messages = await waitForOutbox(server.url, "sid@example.com", 5);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal((await waitForOutbox(server.url, "sid@example.com", 5)).length, messages.length);
  assert.equal(messages.length, 5);
});
