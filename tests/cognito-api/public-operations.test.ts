// Cognito's public operations on Gatehouse, driven by the real AWS SDK exactly as an app calls
// them (only the endpoint points at Gatehouse): sign-up and its code, password sign-in and its
// challenges, SECRET_HASH, refresh, revocation, forgotten passwords and the MFA set-up a pool
// requires — with Cognito's error names where a call is refused.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AssociateSoftwareTokenCommand, ConfirmForgotPasswordCommand, ConfirmSignUpCommand, ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand, InitiateAuthCommand, ResendConfirmationCodeCommand, RespondToAuthChallengeCommand,
  RevokeTokenCommand, SignUpCommand, VerifySoftwareTokenCommand, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import pg from "pg";
import { startServer, type RunningServer } from "../support/server.ts";
import { latestCode, otherThan } from "../support/codes.ts";
import { API_PASSWORD, API_POOL, BACKEND_SECRET, cognitoApiConfig, sdkClient, refusal } from "../support/cognito-api.ts";
import { secretHashOf } from "../../lib/cognito-api/app-client.ts";
import { currentTotpCode } from "../../lib/mfa/totp.ts";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: cognitoApiConfig() });
  cognito = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
});


const passwordSignIn = (username: string, password = API_PASSWORD, clientId = "spa", extra: Record<string, string> = {}) =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password, ...extra } }));

describe("sign-up and confirmation", () => {
  test("SignUp makes an unconfirmed user, tells where the code went, and ConfirmSignUp with that code lets them sign in", async () => {
    const email = "newcomer@example.com";
    const signedUp = await cognito.send(new SignUpCommand({ ClientId: "spa", Username: email, Password: API_PASSWORD, UserAttributes: [{ Name: "given_name", Value: "Nia" }] }));
    assert.equal(signedUp.UserConfirmed, false);
    assert.match(signedUp.UserSub!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(signedUp.CodeDeliveryDetails, { Destination: "n***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    assert.equal((await refusal(passwordSignIn(email))).name, "UserNotConfirmedException");

    const code = await latestCode(server.url, email);
    assert.equal((await refusal(cognito.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: otherThan(code) })))).name, "CodeMismatchException");
    await cognito.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: code }));
    const signedIn = await passwordSignIn(email);
    const id = decodeJwt(signedIn.AuthenticationResult!.IdToken!);
    assert.equal(id.sub, signedUp.UserSub);
    assert.equal(id.given_name, "Nia");
    assert.equal(id.email_verified, true);
    assert.equal((await refusal(cognito.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: code })))).name, "NotAuthorizedException");
  });

  test("ResendConfirmationCode sends a new code that works; a confirmed user is refused", async () => {
    const email = "resender@example.com";
    await cognito.send(new SignUpCommand({ ClientId: "spa", Username: email, Password: API_PASSWORD }));
    const first = await latestCode(server.url, email);
    const resent = await cognito.send(new ResendConfirmationCodeCommand({ ClientId: "spa", Username: email }));
    assert.equal(resent.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    let second = await latestCode(server.url, email);
    for (let i = 0; second === first && i < 50; i++) second = await latestCode(server.url, email);
    await cognito.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: second }));
    assert.equal((await refusal(cognito.send(new ResendConfirmationCodeCommand({ ClientId: "spa", Username: email })))).name, "InvalidParameterException");
  });

  test("a sign-up with an address that has an account looks like a new one, and its codes are refused as a new account's are", async () => {
    const answer = await cognito.send(new SignUpCommand({ ClientId: "spa", Username: "alice@example.com", Password: API_PASSWORD }));
    assert.equal(answer.UserConfirmed, false);
    assert.match(answer.UserSub!, /^[0-9a-f-]{36}$/);
    assert.equal((await refusal(cognito.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: "nobody-here@example.com", ConfirmationCode: "123456" })))).name, "CodeMismatchException");
    // A client that allows user-existence errors says so.
    assert.equal((await refusal(cognito.send(new ConfirmSignUpCommand({ ClientId: "legacy", Username: "nobody-here@example.com", ConfirmationCode: "123456" })))).name, "UserNotFoundException");
  });

  test("SignUp refuses a weak password, a username that is not an email in an email pool, and an unknown client", async () => {
    assert.equal((await refusal(cognito.send(new SignUpCommand({ ClientId: "spa", Username: "weak@example.com", Password: "short" })))).name, "InvalidPasswordException");
    assert.equal((await refusal(cognito.send(new SignUpCommand({ ClientId: "spa", Username: "plainname", Password: API_PASSWORD })))).name, "InvalidParameterException");
    assert.equal((await refusal(cognito.send(new SignUpCommand({ ClientId: "nosuchclient", Username: "x@example.com", Password: API_PASSWORD })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(passwordSignIn("weak@example.com", "short"))).name, "NotAuthorizedException");
  });
});

describe("password sign-in", () => {
  test("USER_PASSWORD_AUTH answers tokens with Cognito's shape and claims", async () => {
    const { AuthenticationResult: result, ChallengeName } = await passwordSignIn("alice@example.com");
    assert.equal(ChallengeName, undefined);
    assert.equal(result?.TokenType, "Bearer");
    assert.equal(result?.ExpiresIn, 3600);
    assert.ok(result?.RefreshToken);
    const access = decodeJwt(result.AccessToken!);
    assert.equal(access.token_use, "access");
    assert.equal(access.client_id, "spa");
    assert.equal(access.username, "alice");
    assert.equal(access.scope, "aws.cognito.signin.user.admin");
    assert.equal(access.iss, `${server.url}/${API_POOL}`);
    assert.deepEqual(access["cognito:groups"], ["staff"]);
    assert.ok(typeof access.origin_jti === "string" && typeof access.auth_time === "number");
    assert.equal(access.aud, undefined);
    const id = decodeJwt(result.IdToken!);
    assert.equal(id.token_use, "id");
    assert.equal(id.aud, "spa");
    assert.equal(id["cognito:username"], "alice");
    assert.equal(id["custom:tier"], "gold");
    assert.equal(typeof id.auth_time, "number");
  });

  test("a wrong password, an unknown user and a disabled user get Cognito's answers", async () => {
    assert.deepEqual(await refusal(passwordSignIn("alice@example.com", "Wrong-passw0rd")), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    assert.deepEqual(await refusal(passwordSignIn("nobody@example.com")), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    assert.deepEqual(await refusal(passwordSignIn("disabled@example.com")), { name: "NotAuthorizedException", message: "User is disabled." });
  });

  test("five wrong passwords lock the account, as at the hosted sign-in (the same engine)", async () => {
    const email = "lockme@example.com";
    await cognito.send(new SignUpCommand({ ClientId: "spa", Username: email, Password: API_PASSWORD }));
    await cognito.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: await latestCode(server.url, email) }));
    for (let i = 0; i < 4; i++) assert.equal((await refusal(passwordSignIn(email, "Wrong-passw0rd"))).name, "NotAuthorizedException");
    assert.equal((await refusal(passwordSignIn(email, "Wrong-passw0rd"))).name, "TooManyFailedAttemptsException");
    assert.equal((await refusal(passwordSignIn(email))).name, "TooManyFailedAttemptsException");
  });

  test("sign-ins and failures through the API are in the audit log, as the hosted UI's are", { skip: !process.env.DATABASE_URL && "needs DATABASE_URL to read the audit rows" }, async () => {
    await passwordSignIn("alice@example.com");
    await refusal(passwordSignIn("alice@example.com", "Wrong-passw0rd"));
    const db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT type, actor, target, details FROM "AuditEvent" WHERE "poolId" = $1 AND actor = 'alice@example.com' ORDER BY "createdAt" DESC LIMIT 2`, [API_POOL]);
      assert.deepEqual(rows.map((r) => [r.type, r.target]), [["SignInFailed", "spa"], ["SignIn", "spa"]]);
      assert.equal(rows[0].details.reason, "NotAuthorizedException");
    } finally {
      await db.end();
    }
  });

  test("a flow the client does not allow is refused", async () => {
    assert.deepEqual(await refusal(passwordSignIn("alice@example.com", API_PASSWORD, "srponly")), { name: "InvalidParameterException", message: "USER_PASSWORD_AUTH flow not enabled for this client" });
  });

  test("a temporary password leads to NEW_PASSWORD_REQUIRED, and the new password finishes the sign-in", async () => {
    const challenge = await passwordSignIn("temp@example.com", "Temp0rary!");
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.ok(challenge.Session);
    assert.equal(JSON.parse(challenge.ChallengeParameters!.userAttributes!).email, "temp@example.com");
    assert.equal((await refusal(cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "spa", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenge.Session, ChallengeResponses: { USERNAME: "temp", NEW_PASSWORD: "weak" },
    })))).name, "InvalidPasswordException");
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "spa", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenge.Session, ChallengeResponses: { USERNAME: "temp", NEW_PASSWORD: "Brand-new-passw0rd" },
    }));
    assert.ok(done.AuthenticationResult?.AccessToken);
    // The session moved on: answering it again is refused.
    assert.equal((await refusal(cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "spa", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenge.Session, ChallengeResponses: { USERNAME: "temp", NEW_PASSWORD: "Another-passw0rd" },
    })))).name, "NotAuthorizedException");
    assert.ok((await passwordSignIn("temp@example.com", "Brand-new-passw0rd")).AuthenticationResult);
  });

  test("a Session is bound to its client and refused when altered", async () => {
    const mfa = sdkClient(server);
    const started = await mfa.send(new InitiateAuthCommand({ ClientId: "mfa-spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "mona", PASSWORD: API_PASSWORD } }));
    assert.equal(started.ChallengeName, "MFA_SETUP");
    const session = started.Session!;
    const altered = session.slice(0, -4) + (session.endsWith("AAAA") ? "BBBB" : "AAAA");
    assert.equal((await refusal(mfa.send(new AssociateSoftwareTokenCommand({ Session: altered })))).name, "NotAuthorizedException");
    assert.equal((await refusal(mfa.send(new RespondToAuthChallengeCommand({
      ClientId: "spa", ChallengeName: "MFA_SETUP", Session: session, ChallengeResponses: { USERNAME: "mona", SOFTWARE_TOKEN_MFA_CODE: "123456" },
    })))).name, "NotAuthorizedException");
    mfa.destroy();
  });
});

describe("SECRET_HASH", () => {
  test("a client with a secret needs SECRET_HASH computed from it; a wrong or missing one is refused", async () => {
    assert.equal((await refusal(passwordSignIn("alice@example.com", API_PASSWORD, "backend"))).name, "NotAuthorizedException");
    assert.equal((await refusal(passwordSignIn("alice@example.com", API_PASSWORD, "backend", { SECRET_HASH: secretHashOf("not-the-secret", "alice@example.com", "backend") }))).name, "NotAuthorizedException");
    const ok = await passwordSignIn("alice@example.com", API_PASSWORD, "backend", { SECRET_HASH: secretHashOf(BACKEND_SECRET, "alice@example.com", "backend") });
    assert.ok(ok.AuthenticationResult?.IdToken);
    assert.equal(decodeJwt(ok.AuthenticationResult.IdToken).aud, "backend");

    // A refresh needs it too, over the token's user (username or sub): a stolen refresh token alone is not enough.
    const refreshWith = (hash?: string) => cognito.send(new InitiateAuthCommand({
      ClientId: "backend", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: ok.AuthenticationResult!.RefreshToken!, ...(hash ? { SECRET_HASH: hash } : {}) },
    }));
    assert.equal((await refusal(refreshWith())).name, "NotAuthorizedException");
    assert.equal((await refusal(refreshWith("bm90IHRoZSBoYXNo"))).name, "NotAuthorizedException");
    assert.equal((await refusal(refreshWith(secretHashOf(BACKEND_SECRET, "someone-else", "backend")))).name, "NotAuthorizedException");
    const sub = String(decodeJwt(ok.AuthenticationResult.IdToken).sub);
    assert.ok((await refreshWith(secretHashOf(BACKEND_SECRET, sub, "backend"))).AuthenticationResult?.AccessToken);
  });
});

describe("refresh and revocation", () => {
  test("REFRESH_TOKEN_AUTH gives new access and ID tokens and keeps the refresh token; RevokeToken ends it and its access tokens", async () => {
    const signedIn = (await passwordSignIn("alice@example.com")).AuthenticationResult!;
    const refreshed = await cognito.send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } }));
    assert.ok(refreshed.AuthenticationResult?.AccessToken);
    assert.equal(refreshed.AuthenticationResult?.RefreshToken, undefined);
    assert.equal(decodeJwt(refreshed.AuthenticationResult.AccessToken).origin_jti, decodeJwt(signedIn.AccessToken!).origin_jti);
    const fromGet = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: "spa", RefreshToken: signedIn.RefreshToken! }));
    assert.ok(fromGet.AuthenticationResult?.IdToken);
    assert.equal((await refusal(cognito.send(new InitiateAuthCommand({ ClientId: "srponly", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } })))).name, "NotAuthorizedException");

    await cognito.send(new RevokeTokenCommand({ ClientId: "spa", Token: signedIn.RefreshToken! }));
    assert.equal((await refusal(cognito.send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } })))).name, "NotAuthorizedException");
    // The access tokens of the grant are revoked with it.
    assert.deepEqual(await refusal(cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: refreshed.AuthenticationResult.AccessToken }))), { name: "NotAuthorizedException", message: "Access Token has been revoked" });
  });

  test("a client that rotates refresh tokens hands out a new one, and the old one used again ends the chain", async () => {
    const hash = secretHashOf(BACKEND_SECRET, "alice@example.com", "backend");
    const signedIn = (await passwordSignIn("alice@example.com", API_PASSWORD, "backend", { SECRET_HASH: hash })).AuthenticationResult!;
    const rotated = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: "backend", ClientSecret: BACKEND_SECRET, RefreshToken: signedIn.RefreshToken! }));
    const next = rotated.AuthenticationResult!.RefreshToken!;
    assert.ok(next && next !== signedIn.RefreshToken);
    assert.equal((await refusal(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: "backend", ClientSecret: BACKEND_SECRET, RefreshToken: signedIn.RefreshToken! })))).name, "NotAuthorizedException");
    assert.equal((await refusal(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: "backend", ClientSecret: BACKEND_SECRET, RefreshToken: next })))).name, "NotAuthorizedException");
    assert.equal((await refusal(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: "backend", ClientSecret: "wrong", RefreshToken: next })))).name, "NotAuthorizedException");
  });

  test("a refresh token from the Cognito API works at /oauth2/token, with the same claims", async () => {
    const signedIn = (await passwordSignIn("alice@example.com")).AuthenticationResult!;
    const response = await fetch(`${server.url}/${API_POOL}/oauth2/token`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", client_id: "spa", refresh_token: signedIn.RefreshToken! }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { id_token: string; access_token: string };
    const [apiId, oidcId] = [decodeJwt(signedIn.IdToken!), decodeJwt(body.id_token)];
    const names = (claims: object) => Object.keys(claims).filter((k) => !["at_hash"].includes(k)).sort();
    assert.deepEqual(names(oidcId), names(apiId));
    assert.equal(oidcId.sub, apiId.sub);
    const oidcAccess = decodeJwt(body.access_token);
    assert.equal(oidcAccess.origin_jti, decodeJwt(signedIn.AccessToken!).origin_jti);
    assert.deepEqual(Object.keys(oidcAccess).sort(), Object.keys(decodeJwt(signedIn.AccessToken!)).sort());
  });
});

describe("forgotten passwords", () => {
  test("ForgotPassword sends a code and ConfirmForgotPassword sets the new password; an unknown name gets the same kind of answer", async () => {
    const email = "forgetter@example.com";
    await cognito.send(new SignUpCommand({ ClientId: "spa", Username: email, Password: API_PASSWORD }));
    await cognito.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: await latestCode(server.url, email) }));
    const sent = await cognito.send(new ForgotPasswordCommand({ ClientId: "spa", Username: email }));
    assert.deepEqual(sent.CodeDeliveryDetails, { Destination: "f***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    const unknown = await cognito.send(new ForgotPasswordCommand({ ClientId: "spa", Username: "ghost@example.com" }));
    assert.deepEqual(unknown.CodeDeliveryDetails, { Destination: "g***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    assert.equal((await refusal(cognito.send(new ForgotPasswordCommand({ ClientId: "legacy", Username: "ghost@example.com" })))).name, "UserNotFoundException");

    let code = await latestCode(server.url, email);
    assert.equal((await refusal(cognito.send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: email, ConfirmationCode: otherThan(code), Password: "Reset-passw0rd" })))).name, "CodeMismatchException");
    code = await latestCode(server.url, email);
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: email, ConfirmationCode: code, Password: "Reset-passw0rd" }));
    assert.ok((await passwordSignIn(email, "Reset-passw0rd")).AuthenticationResult);
    assert.equal((await refusal(cognito.send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: "ghost@example.com", ConfirmationCode: "123456", Password: "Reset-passw0rd" })))).name, "CodeMismatchException");
  });
});

describe("MFA", () => {
  test("a pool that requires MFA: MFA_SETUP with AssociateSoftwareToken and VerifySoftwareToken on the Session, then SOFTWARE_TOKEN_MFA at every sign-in", async () => {
    const signIn = () => cognito.send(new InitiateAuthCommand({ ClientId: "mfa-spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "mona", PASSWORD: API_PASSWORD } }));
    const started = await signIn();
    assert.equal(started.ChallengeName, "MFA_SETUP");
    assert.deepEqual(JSON.parse(started.ChallengeParameters!.MFAS_CAN_SETUP!), ["SOFTWARE_TOKEN_MFA"]);
    const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    assert.match(associated.SecretCode!, /^[A-Z2-7]{16,}$/);
    assert.equal((await refusal(cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: otherThan(await currentTotpCode(associated.SecretCode!)) })))).name, "EnableSoftwareTokenMFAException");
    const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: await currentTotpCode(associated.SecretCode!) }));
    assert.equal(verified.Status, "SUCCESS");
    const done = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: "mfa-spa", ChallengeName: "MFA_SETUP", Session: verified.Session, ChallengeResponses: { USERNAME: "mona" } }));
    assert.ok(done.AuthenticationResult?.AccessToken);

    const next = await signIn();
    assert.equal(next.ChallengeName, "SOFTWARE_TOKEN_MFA");
    assert.equal((await refusal(cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "mfa-spa", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: next.Session, ChallengeResponses: { USERNAME: "mona", SOFTWARE_TOKEN_MFA_CODE: "000000" },
    })))).name, "CodeMismatchException");
    // The code used at set-up cannot be used again; wait for the next time step.
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
    const finished = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "mfa-spa", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: next.Session, ChallengeResponses: { USERNAME: "mona", SOFTWARE_TOKEN_MFA_CODE: await currentTotpCode(associated.SecretCode!) },
    }));
    assert.ok(finished.AuthenticationResult?.IdToken);
  });
});
