// amazon-cognito-identity-js (v6), the package most Cognito web apps still use, unchanged against
// Gatehouse: only `endpoint` is set. Sign-up and confirmation, SRP sign-in (its default) with every
// answer an app handles (wrong password, unknown user, disabled user, a new password, MFA set-up
// and TOTP), refreshing a session, forgotten and changed passwords, attributes and sign-out.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AuthenticationDetails, CognitoAccessToken, CognitoIdToken, CognitoRefreshToken, CognitoUser, CognitoUserAttribute, CognitoUserPool,
  CognitoUserSession, type ChallengeName,
} from "amazon-cognito-identity-js";
import { startServer, type RunningServer } from "../support/server.ts";
import { latestCode, waitForOutbox } from "../support/codes.ts";
import { API_MFA_POOL, API_PASSWORD, API_POOL, cognitoApiConfig } from "../support/cognito-api.ts";
import { MapStorage, newEmail, nextTotpCode, payloadOf, totpCode, withClaims } from "../support/cognito-clients.ts";

let server: RunningServer;

before(async () => {
  server = await startServer({ config: cognitoApiConfig() });
});
after(async () => {
  await server?.stop();
});

/** The pool as an app builds it: its id, its client, and Gatehouse's URL as the endpoint. */
function poolOf(poolId = API_POOL, clientId = "spa") {
  const storage = new MapStorage();
  return { pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: server.url, Storage: storage }), storage };
}

function userOf(pool: CognitoUserPool, username: string) {
  return new CognitoUser({ Username: username, Pool: pool, Storage: (pool as unknown as { storage: MapStorage }).storage });
}

type Outcome =
  | { kind: "success"; session: CognitoUserSession }
  | { kind: "newPasswordRequired"; userAttributes: Record<string, string>; requiredAttributes: string[] }
  | { kind: "mfaSetup" | "totpRequired"; challengeName: ChallengeName; parameters: Record<string, string> };

type CallbackError = Error & { code?: string };

/** The callbacks of authenticateUser and its continuations, as one promise per step. */
function authCallbacks(resolve: (o: Outcome) => void, reject: (e: CallbackError) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: "success", session }),
    onFailure: (error: CallbackError) => reject(error),
    newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) => resolve({ kind: "newPasswordRequired", userAttributes, requiredAttributes }),
    mfaSetup: (challengeName: ChallengeName, parameters: Record<string, string>) => resolve({ kind: "mfaSetup", challengeName, parameters }),
    totpRequired: (challengeName: ChallengeName, parameters: Record<string, string>) => resolve({ kind: "totpRequired", challengeName, parameters }),
    mfaRequired: () => reject(new Error("unexpected SMS_MFA")),
    selectMFAType: () => reject(new Error("unexpected SELECT_MFA_TYPE")),
    customChallenge: () => reject(new Error("unexpected CUSTOM_CHALLENGE")),
  };
}

function authenticate(user: CognitoUser, password: string, login = user.getUsername()): Promise<Outcome> {
  return new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: login, Password: password }), authCallbacks(resolve, reject)));
}

function failure(promise: Promise<unknown>): Promise<CallbackError> {
  return promise.then((value) => assert.fail(`expected a failure, got ${JSON.stringify(value)}`), (error: CallbackError) => error);
}

function nodeCall<T>(fn: (cb: (err?: Error | null, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result as T))));
}

function success(outcome: Outcome): CognitoUserSession {
  assert.equal(outcome.kind, "success", `expected tokens, got ${JSON.stringify(outcome)}`);
  return (outcome as { session: CognitoUserSession }).session;
}

describe("sign-up", () => {
  test("signUp with attributes, resendConfirmationCode, confirmRegistration, then SRP sign-in", async () => {
    const { pool } = poolOf();
    const email = newEmail("js-signup");
    const attributes = [
      new CognitoUserAttribute({ Name: "email", Value: email }),
      new CognitoUserAttribute({ Name: "given_name", Value: "Gina" }),
      new CognitoUserAttribute({ Name: "family_name", Value: "Ng" }),
    ];
    const result = await nodeCall<{ user: CognitoUser; userConfirmed: boolean; userSub: string; codeDeliveryDetails: { DeliveryMedium: string; AttributeName: string; Destination: string } }>(
      (cb) => pool.signUp(email, API_PASSWORD, attributes, [], cb),
    );
    assert.equal(result.userConfirmed, false);
    assert.match(result.userSub, /^[0-9a-f-]{36}$/);
    assert.equal(result.codeDeliveryDetails.DeliveryMedium, "EMAIL");
    assert.equal(result.codeDeliveryDetails.AttributeName, "email");
    assert.equal(result.user.getUsername(), email);
    await waitForOutbox(server.url, email, 1);

    // Before confirming, a sign-in is refused as Cognito refuses it.
    const unconfirmed = await failure(authenticate(userOf(pool, email), API_PASSWORD));
    assert.equal(unconfirmed.code, "UserNotConfirmedException");

    const resent = await nodeCall<{ CodeDeliveryDetails: { DeliveryMedium: string } }>((cb) => result.user.resendConfirmationCode(cb as never));
    assert.equal(resent.CodeDeliveryDetails.DeliveryMedium, "EMAIL");
    const [second] = await waitForOutbox(server.url, email, 2);
    assert.equal(await nodeCall((cb) => result.user.confirmRegistration(second!.code!, true, cb)), "SUCCESS");

    const session = success(await authenticate(userOf(pool, email), API_PASSWORD));
    assert.equal(session.isValid(), true);
    const id = session.getIdToken().decodePayload();
    assert.equal(id.sub, result.userSub);
    assert.equal(id.email, email);
    assert.equal(id.given_name, "Gina");
    assert.equal(id.family_name, "Ng");
    assert.equal(id.token_use, "id");
    assert.equal(id.aud, "spa");
    assert.equal(session.getAccessToken().decodePayload().token_use, "access");
    assert.equal(session.getAccessToken().decodePayload().client_id, "spa");
    assert.ok(session.getRefreshToken().getToken());
  });
});

/** A new confirmed user of the pool, signed up through the package. */
async function newUser(prefix: string, poolId = API_POOL, clientId = "spa") {
  const { pool, storage } = poolOf(poolId, clientId);
  const email = newEmail(prefix);
  const result = await nodeCall<{ user: CognitoUser; userSub: string }>((cb) =>
    pool.signUp(email, API_PASSWORD, [new CognitoUserAttribute({ Name: "email", Value: email })], [], cb));
  const code = await latestCode(server.url, email);
  await nodeCall((cb) => result.user.confirmRegistration(code, true, cb));
  return { pool, storage, email, sub: result.userSub };
}

describe("SRP sign-in", () => {
  test("the default flow signs alice in by her email and keeps the tokens in the pool's storage", async () => {
    const { pool, storage } = poolOf();
    const user = userOf(pool, "alice@example.com");
    const session = success(await authenticate(user, API_PASSWORD));
    const id = session.getIdToken().decodePayload();
    assert.equal(id["cognito:username"], "alice");
    assert.deepEqual(id["cognito:groups"], ["staff"]);
    assert.equal(id.iss, `${server.url}/${API_POOL}`);
    // The package names the user by USER_ID_FOR_SRP and finds them again through the storage.
    const current = pool.getCurrentUser();
    assert.ok(current);
    const again = await nodeCall<CognitoUserSession>((cb) => current.getSession(cb));
    assert.equal(again.getAccessToken().getJwtToken(), session.getAccessToken().getJwtToken());
    assert.ok([...storage.map.keys()].some((k) => k.endsWith(".refreshToken")));
  });

  test("a wrong password is NotAuthorizedException, and an unknown user gets the very same answer", async () => {
    const { pool } = poolOf();
    const wrong = await failure(authenticate(userOf(pool, "alice@example.com"), "Wr0ngpassword"));
    const unknown = await failure(authenticate(userOf(pool, newEmail("nobody")), "Wr0ngpassword"));
    assert.equal(wrong.code, "NotAuthorizedException");
    assert.equal(unknown.code, wrong.code);
    assert.equal(unknown.message, wrong.message);
    assert.equal(wrong.message, "Incorrect username or password.");
  });

  test("a disabled user is refused", async () => {
    const { pool } = poolOf();
    const error = await failure(authenticate(userOf(pool, "disabled@example.com"), API_PASSWORD));
    assert.equal(error.code, "NotAuthorizedException");
    assert.equal(error.message, "User is disabled.");
  });

  test("newPasswordRequired for a temporary password, then completeNewPasswordChallenge signs in", async () => {
    const { pool } = poolOf();
    const user = userOf(pool, "temp@example.com");
    const outcome = await authenticate(user, "Temp0rary!");
    assert.equal(outcome.kind, "newPasswordRequired", JSON.stringify(outcome));
    const { userAttributes } = outcome;
    assert.equal(userAttributes.email, "temp@example.com");
    // As the package's README does: attributes that cannot be written back are dropped first.
    delete userAttributes.email_verified;
    delete userAttributes.email;
    const done = await new Promise<Outcome>((resolve, reject) => user.completeNewPasswordChallenge("N3wPassword!", {}, authCallbacks(resolve, reject)));
    const session = success(done);
    assert.equal(session.getIdToken().decodePayload()["cognito:username"], "temp");
    success(await authenticate(userOf(poolOf().pool, "temp@example.com"), "N3wPassword!"));
  });
});

describe("TOTP MFA in a pool that requires it", () => {
  test("mfaSetup → associateSoftwareToken → verifySoftwareToken signs in; the next sign-in asks totpRequired and sendMFACode finishes it", async () => {
    const { pool } = poolOf(API_MFA_POOL, "mfa-spa");
    const user = userOf(pool, "mona");
    const outcome = await authenticate(user, API_PASSWORD);
    assert.equal(outcome.kind, "mfaSetup", JSON.stringify(outcome));
    const secret = await new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
    assert.match(secret, /^[A-Z2-7]+=*$/);
    const setupCode = await totpCode(secret);
    const setUp = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.verifySoftwareToken(setupCode, "My phone", { onSuccess: resolve, onFailure: reject }));
    assert.equal(setUp.isValid(), true);
    assert.equal(setUp.getIdToken().decodePayload()["cognito:username"], "mona");

    const next = userOf(poolOf(API_MFA_POOL, "mfa-spa").pool, "mona");
    const asked = await authenticate(next, API_PASSWORD);
    assert.equal(asked.kind, "totpRequired", JSON.stringify(asked));
    assert.equal((asked as { challengeName: string }).challengeName, "SOFTWARE_TOKEN_MFA");
    // A wrong code is refused and the same challenge can be answered again.
    const wrong = await failure(new Promise((resolve, reject) => next.sendMFACode("000000", { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA")));
    assert.equal(wrong.code, "CodeMismatchException");
    const code = await nextTotpCode(secret);
    const session = await new Promise<CognitoUserSession>((resolve, reject) => next.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA"));
    assert.equal(session.isValid(), true);
    assert.equal(session.getAccessToken().decodePayload().username, "mona");
  });
});

describe("sessions", () => {
  test("getSession refreshes an expired session through REFRESH_TOKEN_AUTH", async () => {
    const { pool, storage, email } = await newUser("js-refresh");
    const user = userOf(pool, email);
    const first = success(await authenticate(user, API_PASSWORD));
    // The stored access token as it is once its hour is over: getSession must refresh.
    const current = pool.getCurrentUser()!;
    const key = [...storage.map.keys()].find((k) => k.endsWith(".accessToken"))!;
    storage.setItem(key, withClaims(first.getAccessToken().getJwtToken(), { exp: Math.floor(Date.now() / 1000) - 60 }));
    const refreshed = await nodeCall<CognitoUserSession>((cb) => current.getSession(cb));
    assert.equal(refreshed.isValid(), true);
    assert.notEqual(refreshed.getAccessToken().getJwtToken(), first.getAccessToken().getJwtToken());
    assert.equal(refreshed.getIdToken().decodePayload().sub, first.getIdToken().decodePayload().sub);
    // The client does not rotate refresh tokens: the package keeps the one it has.
    assert.equal(refreshed.getRefreshToken().getToken(), first.getRefreshToken().getToken());
    assert.equal(storage.getItem(key), refreshed.getAccessToken().getJwtToken());
  });

  test("refreshSession with a refresh token, and a session built from tokens whose access token has expired", async () => {
    const { pool, email } = await newUser("js-refresh2");
    const user = userOf(pool, email);
    const first = success(await authenticate(user, API_PASSWORD));
    const expired = new CognitoUserSession({
      IdToken: new CognitoIdToken({ IdToken: first.getIdToken().getJwtToken() }),
      AccessToken: new CognitoAccessToken({ AccessToken: withClaims(first.getAccessToken().getJwtToken(), { exp: 1 }) }),
      RefreshToken: new CognitoRefreshToken({ RefreshToken: first.getRefreshToken().getToken() }),
    });
    assert.equal(expired.isValid(), false);
    const refreshed = await nodeCall<CognitoUserSession>((cb) => user.refreshSession(expired.getRefreshToken(), cb));
    assert.equal(refreshed.isValid(), true);
    assert.equal(payloadOf(refreshed.getAccessToken().getJwtToken()).client_id, "spa");
    assert.equal(refreshed.getIdToken().decodePayload().email, email);
  });

  test("a refresh token the server does not know is NotAuthorizedException and clears the cached user", async () => {
    const { pool, email } = await newUser("js-refresh3");
    const user = userOf(pool, email);
    success(await authenticate(user, API_PASSWORD));
    const error = await nodeCall((cb) => user.refreshSession(new CognitoRefreshToken({ RefreshToken: "not-a-token" }), cb)).then(() => assert.fail("refreshed"), (e: CallbackError) => e);
    assert.equal(error.code, "NotAuthorizedException");
    assert.equal(pool.getCurrentUser(), null);
  });

  test("signOut revokes the refresh token (RevokeToken)", async () => {
    const { pool, email } = await newUser("js-signout");
    const user = userOf(pool, email);
    const session = success(await authenticate(user, API_PASSWORD));
    await new Promise<void>((resolve) => user.signOut(() => resolve()));
    assert.equal(pool.getCurrentUser(), null);
    const error = await nodeCall((cb) => userOf(pool, email).refreshSession(session.getRefreshToken(), cb)).then(() => assert.fail("refreshed"), (e: CallbackError) => e);
    assert.equal(error.code, "NotAuthorizedException");
  });
});

describe("forgotten password", () => {
  test("forgotPassword sends a code; confirmPassword sets the new password", async () => {
    const { pool, email } = await newUser("js-forgot");
    const user = userOf(pool, email);
    const delivery = await new Promise<{ CodeDeliveryDetails: { DeliveryMedium: string; Destination: string } }>((resolve, reject) =>
      user.forgotPassword({ onSuccess: () => reject(new Error("inputVerificationCode expected")), onFailure: reject, inputVerificationCode: resolve }));
    assert.equal(delivery.CodeDeliveryDetails.DeliveryMedium, "EMAIL");
    assert.match(delivery.CodeDeliveryDetails.Destination, /\*/);
    // The sign-up code was the first message; the reset code is the second.
    const code = (await waitForOutbox(server.url, email, 2))[0]!.code!;
    assert.equal(await new Promise((resolve, reject) => user.confirmPassword(code, "Rec0veredPass", { onSuccess: resolve, onFailure: reject })), "SUCCESS");
    const old = await failure(authenticate(userOf(pool, email), API_PASSWORD));
    assert.equal(old.code, "NotAuthorizedException");
    success(await authenticate(userOf(pool, email), "Rec0veredPass"));
  });
});

describe("a signed-in user's own account (GetUser, UpdateUserAttributes, ChangePassword, GlobalSignOut)", () => {
  test("getUserAttributes and updateAttributes", async () => {
    const { pool, email } = await newUser("js-attrs");
    const user = userOf(pool, email);
    success(await authenticate(user, API_PASSWORD));
    const before = await nodeCall<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    const map = (list: CognitoUserAttribute[]) => Object.fromEntries(list.map((a) => [a.getName(), a.getValue()]));
    assert.equal(map(before).email, email);
    assert.equal(map(before).email_verified, "true");
    const updated = await nodeCall<string>((cb) => user.updateAttributes([new CognitoUserAttribute({ Name: "given_name", Value: "Renamed" }), { Name: "family_name", Value: "Ode" }], cb as never));
    assert.equal(updated, "SUCCESS");
    const after = map(await nodeCall<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb)));
    assert.equal(after.given_name, "Renamed");
    assert.equal(after.family_name, "Ode");
  });

  test("changePassword", async () => {
    const { pool, email } = await newUser("js-change");
    const user = userOf(pool, email);
    success(await authenticate(user, API_PASSWORD));
    const wrong = await nodeCall((cb) => user.changePassword("Wr0ngpassword", "Chang3dPass", cb as never)).then(() => assert.fail("changed"), (e: CallbackError) => e);
    assert.equal(wrong.code, "NotAuthorizedException");
    assert.equal(await nodeCall((cb) => user.changePassword(API_PASSWORD, "Chang3dPass", cb as never)), "SUCCESS");
    await failure(authenticate(userOf(pool, email), API_PASSWORD));
    success(await authenticate(userOf(pool, email), "Chang3dPass"));
  });

  test("globalSignOut ends every session's refresh token", async () => {
    const { pool, email } = await newUser("js-global");
    const user = userOf(pool, email);
    success(await authenticate(user, API_PASSWORD));
    const other = success(await authenticate(userOf(poolOf().pool, email), API_PASSWORD));
    await new Promise((resolve, reject) => user.globalSignOut({ onSuccess: resolve, onFailure: reject }));
    assert.equal(pool.getCurrentUser(), null);
    const error = await nodeCall((cb) => userOf(poolOf().pool, email).refreshSession(other.getRefreshToken(), cb)).then(() => assert.fail("refreshed"), (e: CallbackError) => e);
    assert.equal(error.code, "NotAuthorizedException");
  });
});
