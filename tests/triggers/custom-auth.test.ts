// Custom authentication (CUSTOM_AUTH) end to end: the pool's DefineAuthChallenge,
// CreateAuthChallenge and VerifyAuthChallengeResponse triggers are a real HTTP server here, which
// checks Gatehouse's signature on every call and answers as a Lambda handler would (a quiz whose
// answer only the server side knows). Driven by the real AWS SDK and amazon-cognito-identity-js.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { Amplify } from "aws-amplify";
import { confirmSignIn, fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { decodeJwt } from "jose";
import { MapStorage } from "../support/cognito-clients.ts";
import { ADMIN_ENV } from "../support/cognito-admin.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";
import { setTriggers } from "./hook-server.ts";
import { API_POOL, cognitoApiConfig, refusal, sdkClient } from "../support/cognito-api.ts";
import { startServer, type RunningServer } from "../support/server.ts";

const needsDatabase = !process.env.DATABASE_URL && "needs DATABASE_URL to set the pool's triggers";
const SECRET = "whsec_custom_auth_test_0123456789";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Lambda event as JSON, as the trigger reads it
type Event = { triggerSource: string; userName: string; userPoolId: string; callerContext: { clientId: string }; request: Record<string, any>; response: Record<string, any> };
const events: Event[] = [];
let hooks: WebhookReceiver;
let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

/**
 * The quiz: one question, three tries; a right answer signs in. An app that offers the password
 * first (SRP_A) must get it right before the question, as in Cognito's documentation example.
 */
function handle(path: string, event: Event): Event | { errorMessage: string } {
  if (path === "/pre") return event.request.validationData?.block === "yes" ? { errorMessage: "Blocked by policy." } : event;
  const all = (event.request.session ?? []) as { challengeName: string; challengeResult: boolean }[];
  if (path === "/define" && all.length === 1 && all[0]!.challengeName === "SRP_A") {
    return { ...event, response: { challengeName: "PASSWORD_VERIFIER", issueTokens: false, failAuthentication: false } };
  }
  const session = all.filter((s) => s.challengeName === "CUSTOM_CHALLENGE");
  if (path === "/define") {
    if (session.some((s) => s.challengeResult)) return { ...event, response: { issueTokens: true, failAuthentication: false } };
    if (session.length >= 3) return { ...event, response: { issueTokens: false, failAuthentication: true } };
    return { ...event, response: { challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false } };
  }
  if (path === "/create") {
    return { ...event, response: { publicChallengeParameters: { question: "What is the capital of France?" }, privateChallengeParameters: { answer: "paris" }, challengeMetadata: `QUIZ-${session.length}` } };
  }
  return { ...event, response: { answerCorrect: String(event.request.challengeAnswer).toLowerCase() === event.request.privateChallengeParameters.answer } };
}

before(async () => {
  if (needsDatabase) return;
  hooks = await startWebhookReceiver({ secret: SECRET });
  hooks.answerAll((received) => {
    const event = received.event as Event;
    events.push(event);
    return { json: handle(received.path, event) };
  });
  server = await startServer({ config: cognitoApiConfig(), env: ADMIN_ENV });
  const url = (path: string) => ({ url: `${hooks.url}${path}`, secret: SECRET });
  await setTriggers(server, API_POOL, {
    defineAuthChallenge: url("/define"), createAuthChallenge: url("/create"), verifyAuthChallengeResponse: url("/verify"), preAuthentication: url("/pre"),
  });
  cognito = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
  await hooks?.stop();
});

const startCustom = (username: string, clientId = "spa", metadata: Record<string, string> = { app: "quiz" }) =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: username }, ClientMetadata: metadata }));
const answer = (session: string, value: string) =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: "spa", ChallengeName: "CUSTOM_CHALLENGE", Session: session, ChallengeResponses: { USERNAME: "alice", ANSWER: value } }));

describe("custom authentication", { skip: needsDatabase }, () => {
  test("the triggers define the challenge, its public parameters reach the app, and the right answer signs in", async () => {
    events.length = 0;
    const started = await startCustom("alice@example.com");
    assert.equal(started.ChallengeName, "CUSTOM_CHALLENGE");
    assert.equal(started.ChallengeParameters?.question, "What is the capital of France?");
    assert.equal(started.ChallengeParameters?.answer, undefined, "private parameters stay on the server");
    assert.equal(started.ChallengeParameters?.USERNAME, "alice");

    const wrong = await answer(started.Session!, "lyon");
    assert.equal(wrong.ChallengeName, "CUSTOM_CHALLENGE", "a wrong answer gets the next challenge");
    const done = await answer(wrong.Session!, "Paris");
    const id = decodeJwt(done.AuthenticationResult!.IdToken!);
    assert.equal(id["cognito:username"], "alice");

    const [pre, define, create] = events;
    assert.equal(pre?.triggerSource, "PreAuthentication_Authentication");
    assert.equal(define?.triggerSource, "DefineAuthChallenge_Authentication");
    assert.equal(define?.userName, "alice");
    assert.equal(define?.userPoolId, API_POOL);
    assert.equal(define?.callerContext.clientId, "spa");
    assert.deepEqual(define?.request.session, []);
    assert.equal(define?.request.userNotFound, false);
    assert.deepEqual(define?.request.clientMetadata, { app: "quiz" });
    assert.equal(define?.request.userAttributes.email, "alice@example.com");
    assert.equal(create?.triggerSource, "CreateAuthChallenge_Authentication");
    assert.equal(create?.request.challengeName, "CUSTOM_CHALLENGE");
    const verify = events.find((e) => e.triggerSource === "VerifyAuthChallengeResponse_Authentication");
    assert.equal(verify?.request.challengeAnswer, "lyon");
    assert.deepEqual(verify?.request.privateChallengeParameters, { answer: "paris" });
    const last = events.filter((e) => e.triggerSource === "DefineAuthChallenge_Authentication").at(-1);
    assert.deepEqual(last?.request.session, [
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "QUIZ-0" },
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "QUIZ-1" },
    ]);
  });

  test("three wrong answers fail the sign-in, and a spent session cannot be answered again", async () => {
    let step = await startCustom("alice@example.com");
    const first = step.Session!;
    step = await answer(first, "rome");
    step = await answer(step.Session!, "madrid");
    assert.deepEqual(await refusal(answer(step.Session!, "berlin")), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    assert.equal((await refusal(answer(first, "paris"))).name, "NotAuthorizedException");
  });

  test("an unknown user goes through the triggers as userNotFound and never gets tokens", async () => {
    events.length = 0;
    const started = await startCustom("nobody@example.com");
    assert.equal(started.ChallengeName, "CUSTOM_CHALLENGE");
    assert.equal(events.find((e) => e.triggerSource === "DefineAuthChallenge_Authentication")?.request.userNotFound, true);
    assert.equal((await refusal(answer(started.Session!, "paris"))).name, "NotAuthorizedException");
    assert.equal((await refusal(startCustom("nobody@example.com", "legacy"))).name, "UserNotFoundException");
  });

  test("pre authentication runs first and can refuse the custom sign-in", async () => {
    events.length = 0;
    assert.deepEqual(await refusal(startCustom("alice@example.com", "spa", { block: "yes" })), {
      name: "UserLambdaValidationException", message: "PreAuthentication failed with error Blocked by policy.",
    });
    assert.deepEqual(events.map((e) => e.triggerSource), ["PreAuthentication_Authentication"]);
    assert.equal(events[0]?.request.userAttributes["cognito:user_status"], "CONFIRMED");
  });

  test("a client that does not allow custom authentication is refused", async () => {
    assert.equal((await refusal(startCustom("alice@example.com", "srponly"))).name, "InvalidParameterException");
  });

  test("amazon-cognito-identity-js signs in with its custom-challenge callbacks", async () => {
    const pool = new CognitoUserPool({ UserPoolId: API_POOL, ClientId: "spa", endpoint: server.url });
    const user = new CognitoUser({ Username: "alice@example.com", Pool: pool });
    user.setAuthenticationFlowType("CUSTOM_AUTH");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's untyped session object
    const session = await new Promise<any>((resolve, reject) => {
      const callbacks = {
        onSuccess: resolve,
        onFailure: reject,
        customChallenge: (parameters: { question: string }) => {
          assert.equal(parameters.question, "What is the capital of France?");
          user.sendCustomChallengeAnswer("paris", callbacks);
        },
      };
      user.initiateAuth(new AuthenticationDetails({ Username: "alice@example.com" }), callbacks);
    });
    assert.equal(session.getIdToken().payload["cognito:username"], "alice");
  });

  test("with the password first (SRP_A): the session holds SRP_A and PASSWORD_VERIFIER before the question", async () => {
    events.length = 0;
    const pool = new CognitoUserPool({ UserPoolId: API_POOL, ClientId: "spa", endpoint: server.url });
    const user = new CognitoUser({ Username: "alice@example.com", Pool: pool });
    user.setAuthenticationFlowType("CUSTOM_AUTH");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's untyped session object
    const signIn = (password: string) => new Promise<any>((resolve, reject) => {
      const callbacks = {
        onSuccess: resolve,
        onFailure: reject,
        customChallenge: () => user.sendCustomChallengeAnswer("paris", callbacks),
      };
      user.authenticateUser(new AuthenticationDetails({ Username: "alice@example.com", Password: password }), callbacks);
    });
    await assert.rejects(signIn("Wrong-passw0rd"), (error: { code?: string }) => error.code === "NotAuthorizedException");
    events.length = 0;
    const session = await signIn("Passw0rd!");
    assert.equal(session.getIdToken().payload["cognito:username"], "alice");
    const defines = events.filter((e) => e.triggerSource === "DefineAuthChallenge_Authentication").map((e) => e.request.session.map((s: { challengeName: string }) => s.challengeName));
    assert.deepEqual(defines, [["SRP_A"], ["SRP_A", "PASSWORD_VERIFIER"], ["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"]]);
  });

  test("Amplify v6 signs in with CUSTOM_WITHOUT_SRP and confirmSignIn", async () => {
    const storage = new MapStorage();
    Amplify.configure({ Auth: { Cognito: { userPoolId: API_POOL, userPoolClientId: "spa", userPoolEndpoint: server.url } } });
    cognitoUserPoolsTokenProvider.setKeyValueStorage({
      setItem: async (key, value) => void storage.setItem(key, value),
      getItem: async (key) => storage.getItem(key),
      removeItem: async (key) => void storage.removeItem(key),
      clear: async () => void storage.clear(),
    });
    const started = await signIn({ username: "alice@example.com", options: { authFlowType: "CUSTOM_WITHOUT_SRP" } });
    assert.equal(started.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE");
    assert.equal((started.nextStep as { additionalInfo?: Record<string, string> }).additionalInfo?.question, "What is the capital of France?");
    const done = await confirmSignIn({ challengeResponse: "paris" });
    assert.equal(done.isSignedIn, true);
    const { tokens } = await fetchAuthSession();
    assert.equal(tokens?.idToken?.payload["cognito:username"], "alice");
    await signOut();
  });
});
