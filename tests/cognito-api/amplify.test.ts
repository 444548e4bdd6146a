// Amplify JavaScript v6 in Node, unchanged against Gatehouse: the Cognito guide's calls with only
// `userPoolEndpoint` set. Amplify keeps its sign-in and tokens in module state, so every test
// starts from a fresh key-value store and ends signed out.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetTokensFromRefreshTokenCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import {
  confirmResetPassword, confirmSignIn, confirmSignUp, fetchAuthSession, fetchUserAttributes, getCurrentUser, resetPassword, signIn, signOut, signUp,
  updateUserAttributes,
} from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { startServer, type RunningServer } from "../support/server.ts";
import { waitForOutbox } from "../support/codes.ts";
import { API_MFA_POOL, API_PASSWORD, API_POOL, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";
import { MapStorage, newEmail, nextTotpCode, totpCode } from "../support/cognito-clients.ts";

let server: RunningServer;
let storage: MapStorage;

before(async () => {
  server = await startServer({ config: cognitoApiConfig() });
});
after(async () => {
  await server?.stop();
});

/** Amplify.configure as the guide has it, with Gatehouse as the user pool's endpoint. */
function configure(userPoolId = API_POOL, userPoolClientId = "spa") {
  Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: server.url } } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    setItem: async (key, value) => void storage.setItem(key, value),
    getItem: async (key) => storage.getItem(key),
    removeItem: async (key) => void storage.removeItem(key),
    clear: async () => void storage.clear(),
  });
}

beforeEach(() => {
  storage = new MapStorage();
  configure();
});
afterEach(async () => {
  await signOut().catch(() => undefined);
  assert.equal([...storage.map.keys()].filter((k) => /idToken|accessToken|refreshToken/.test(k)).length, 0, "signed out: no tokens left in the store");
});

type AmplifyError = Error & { name: string };

async function rejection(promise: Promise<unknown>): Promise<AmplifyError> {
  return promise.then((value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`), (error: AmplifyError) => error);
}

/** signUp and confirmSignUp as the guide shows them, for a new address. */
async function signedUp(prefix: string) {
  const email = newEmail(prefix);
  const { isSignUpComplete, userId, nextStep } = await signUp({ username: email, password: API_PASSWORD, options: { userAttributes: { email } } });
  assert.equal(isSignUpComplete, false);
  assert.equal(nextStep.signUpStep, "CONFIRM_SIGN_UP");
  const [message] = await waitForOutbox(server.url, email, 1);
  const confirmed = await confirmSignUp({ username: email, confirmationCode: message!.code! });
  assert.equal(confirmed.isSignUpComplete, true);
  assert.equal(confirmed.nextStep.signUpStep, "DONE");
  return { email, userId: userId! };
}

describe("sign-up and SRP sign-in", () => {
  test("signUp, confirmSignUp, signIn (SRP), getCurrentUser and fetchAuthSession", async () => {
    const email = newEmail("amp-signup");
    const result = await signUp({ username: email, password: API_PASSWORD, options: { userAttributes: { email } } });
    assert.equal(result.isSignUpComplete, false);
    assert.equal(result.nextStep.signUpStep, "CONFIRM_SIGN_UP");
    if (result.nextStep.signUpStep !== "CONFIRM_SIGN_UP") return;
    assert.equal(result.nextStep.codeDeliveryDetails.deliveryMedium, "EMAIL");
    assert.equal(result.nextStep.codeDeliveryDetails.attributeName, "email");
    assert.match(result.userId ?? "", /^[0-9a-f-]{36}$/);
    // Signing in before confirming: Amplify turns UserNotConfirmedException into its CONFIRM_SIGN_UP step.
    const early = await signIn({ username: email, password: API_PASSWORD });
    assert.equal(early.isSignedIn, false);
    assert.equal(early.nextStep.signInStep, "CONFIRM_SIGN_UP");
    const [message] = await waitForOutbox(server.url, email, 1);
    const confirmed = await confirmSignUp({ username: email, confirmationCode: message!.code! });
    assert.deepEqual(confirmed.nextStep, { signUpStep: "DONE" });

    const signedIn = await signIn({ username: email, password: API_PASSWORD });
    assert.equal(signedIn.isSignedIn, true);
    assert.deepEqual(signedIn.nextStep, { signInStep: "DONE" });

    const user = await getCurrentUser();
    assert.equal(user.userId, result.userId);
    assert.equal(user.signInDetails?.loginId, email);
    assert.equal(user.signInDetails?.authFlowType, "USER_SRP_AUTH");

    const session = await fetchAuthSession();
    assert.equal(session.userSub, result.userId);
    const id = session.tokens?.idToken?.payload;
    const access = session.tokens?.accessToken.payload;
    assert.equal(id?.email, email);
    assert.equal(id?.token_use, "id");
    assert.equal(id?.aud, "spa");
    assert.equal(id?.iss, `${server.url}/${API_POOL}`);
    assert.equal(access?.token_use, "access");
    assert.equal(access?.client_id, "spa");
    assert.equal(access?.sub, result.userId);
    assert.match(String(access?.scope), /aws\.cognito\.signin\.user\.admin/);
  });

  test("signIn with a wrong password, an unknown user and a disabled user: NotAuthorizedException", async () => {
    const wrong = await rejection(signIn({ username: "alice@example.com", password: "Wr0ngpassword" }));
    const unknown = await rejection(signIn({ username: newEmail("nobody"), password: "Wr0ngpassword" }));
    const disabled = await rejection(signIn({ username: "disabled@example.com", password: API_PASSWORD }));
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(unknown.name, wrong.name);
    assert.equal(unknown.message, wrong.message);
    assert.equal(disabled.name, "NotAuthorizedException");
    assert.equal(disabled.message, "User is disabled.");
    await assert.rejects(getCurrentUser(), { name: "UserUnAuthenticatedException" });
  });

  test("fetchAuthSession({ forceRefresh: true }) gets new tokens from the refresh token", async () => {
    await signIn({ username: "alice@example.com", password: API_PASSWORD });
    const first = await fetchAuthSession();
    // Access tokens carry whole seconds: a new one differs once a second has passed.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refreshed = await fetchAuthSession({ forceRefresh: true });
    assert.notEqual(refreshed.tokens?.accessToken.toString(), first.tokens?.accessToken.toString());
    assert.equal(refreshed.tokens?.idToken?.payload["cognito:username"], "alice");
    assert.deepEqual(refreshed.tokens?.idToken?.payload["cognito:groups"], ["staff"]);
    assert.equal(refreshed.userSub, first.userSub);
  });
});

describe("challenges through confirmSignIn", () => {
  test("CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED for a temporary password", async () => {
    const first = await signIn({ username: "temp@example.com", password: "Temp0rary!" });
    assert.equal(first.isSignedIn, false);
    assert.equal(first.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED");
    const done = await confirmSignIn({ challengeResponse: "N3wPassword!" });
    assert.equal(done.isSignedIn, true);
    assert.equal(done.nextStep.signInStep, "DONE");
    assert.equal((await fetchAuthSession()).tokens?.idToken?.payload["cognito:username"], "temp");
    await signOut();
    assert.equal((await signIn({ username: "temp@example.com", password: "N3wPassword!" })).isSignedIn, true);
  });

  test("CONTINUE_SIGN_IN_WITH_TOTP_SETUP then, at the next sign-in, CONFIRM_SIGN_IN_WITH_TOTP_CODE", async () => {
    configure(API_MFA_POOL, "mfa-spa");
    const first = await signIn({ username: "mona", password: API_PASSWORD });
    assert.equal(first.nextStep.signInStep, "CONTINUE_SIGN_IN_WITH_TOTP_SETUP");
    if (first.nextStep.signInStep !== "CONTINUE_SIGN_IN_WITH_TOTP_SETUP") return;
    const { sharedSecret } = first.nextStep.totpSetupDetails;
    assert.match(first.nextStep.totpSetupDetails.getSetupUri("Gatehouse").toString(), /^otpauth:\/\/totp\//);
    const set = await confirmSignIn({ challengeResponse: await totpCode(sharedSecret) });
    assert.equal(set.isSignedIn, true);
    assert.equal((await getCurrentUser()).username, "mona");
    await signOut();

    const second = await signIn({ username: "mona", password: API_PASSWORD });
    assert.equal(second.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_TOTP_CODE");
    const wrong = await rejection(confirmSignIn({ challengeResponse: "000000" }));
    assert.equal(wrong.name, "CodeMismatchException");
    const done = await confirmSignIn({ challengeResponse: await nextTotpCode(sharedSecret) });
    assert.equal(done.isSignedIn, true);
    const session = await fetchAuthSession();
    assert.equal(session.tokens?.accessToken.payload.username, "mona");
    assert.equal(session.tokens?.idToken?.payload.iss, `${server.url}/${API_MFA_POOL}`);
  });
});

describe("account operations", () => {
  test("resetPassword and confirmResetPassword", async () => {
    const { email } = await signedUp("amp-reset");
    const started = await resetPassword({ username: email });
    assert.equal(started.isPasswordReset, false);
    assert.equal(started.nextStep.resetPasswordStep, "CONFIRM_RESET_PASSWORD_WITH_CODE");
    assert.equal(started.nextStep.codeDeliveryDetails.deliveryMedium, "EMAIL");
    const [message] = await waitForOutbox(server.url, email, 2);
    await confirmResetPassword({ username: email, confirmationCode: message!.code!, newPassword: "Rec0veredPass" });
    assert.equal((await rejection(signIn({ username: email, password: API_PASSWORD }))).name, "NotAuthorizedException");
    assert.equal((await signIn({ username: email, password: "Rec0veredPass" })).isSignedIn, true);
  });

  test("signOut revokes the refresh token: a later refresh with it is refused", async () => {
    const { email } = await signedUp("amp-signout");
    await signIn({ username: email, password: API_PASSWORD });
    const refreshToken = [...storage.map.entries()].find(([k]) => k.endsWith(".refreshToken"))?.[1];
    assert.ok(refreshToken);
    await signOut();
    await assert.rejects(getCurrentUser(), { name: "UserUnAuthenticatedException" });
    await assert.rejects(sdkClient(server).send(new GetTokensFromRefreshTokenCommand({ ClientId: "spa", RefreshToken: refreshToken })), { name: "NotAuthorizedException" });
  });

  test("updateUserAttributes and fetchUserAttributes", async () => {
    const { email } = await signedUp("amp-attrs");
    await signIn({ username: email, password: API_PASSWORD });
    const result = await updateUserAttributes({ userAttributes: { given_name: "Ada", family_name: "Byron" } });
    assert.equal(result.given_name?.isUpdated, true);
    assert.equal(result.given_name?.nextStep.updateAttributeStep, "DONE");
    const attributes = await fetchUserAttributes();
    assert.equal(attributes.given_name, "Ada");
    assert.equal(attributes.family_name, "Byron");
    assert.equal(attributes.email, email);
  });

  test("signOut({ global: true }) ends the sessions of every device", async () => {
    const { email } = await signedUp("amp-global");
    // Another device's session, signed in on its own.
    const other = await sdkClient(server).send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: API_PASSWORD } }));
    const otherDevice = other.AuthenticationResult!.RefreshToken!;
    await signIn({ username: email, password: API_PASSWORD });
    await signOut({ global: true });
    await assert.rejects(getCurrentUser(), { name: "UserUnAuthenticatedException" });
    await assert.rejects(
      sdkClient(server).send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: otherDevice } })),
      { name: "NotAuthorizedException" },
    );
  });
});
