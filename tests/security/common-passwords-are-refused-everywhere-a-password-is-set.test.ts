// Rule: a password on the list of common and leaked passwords (zxcvbn-ts's, lib/security/
// common-passwords.ts) is refused wherever a password is set: the hosted pages (sign-up, new
// password required, reset), the Cognito API (SignUp, RespondToAuthChallenge NEW_PASSWORD_REQUIRED,
// ConfirmForgotPassword, ChangePassword, AdminCreateUser, AdminSetUserPassword), the admin API
// (create user, set password) and the config file. Each of these passwords meets the pool's policy
// (8 characters, upper and lower case, a number), so only the list refuses them.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, ChangePasswordCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand,
  InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { flashOf } from "../support/browser.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey, refusal, type SigningKey } from "../support/cognito-admin.ts";
import { latestCode, openHostedPage } from "../support/codes.ts";
import { createDb } from "../../lib/db/client.ts";
import { applyConfig, ConfigFileError, parseConfigText } from "../../lib/config/apply-config.ts";
import { createSecrets } from "../../lib/security/secrets.ts";

const MESSAGE = "This password is too common; it appears in lists of leaked passwords. Choose another.";
const COMMON = ["P@ssw0rd", "Password1", "Qwerty123", "Trustno1"];
const refused = { name: "InvalidPasswordException", message: MESSAGE };

let server: RunningServer;
let key: SigningKey;
before(async () => {
  server = await startServer({ config: cognitoApiConfig(), env: ADMIN_ENV });
  key = await createSigningKey(server, "common-passwords");
});
after(async () => {
  await server?.stop();
});

describe("hosted UI", () => {
  test("sign-up refuses a common password, and takes another", async () => {
    const email = `hosted-signup-${Date.now()}@example.com`;
    const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "signup" });
    let next = page;
    for (const password of COMMON) {
      next = await browser.submit(next, { email, password });
      assert.match(next.url, /\/signup$/);
      assert.equal(flashOf(next), MESSAGE, password);
    }
    next = await browser.submit(next, { email, password: "Sunny-Day-42" });
    assert.match(next.url, /\/confirm$/);
  });

  test("a new password required at first sign-in refuses a common password", async () => {
    const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "login" });
    const chosen = await browser.submit(page, { login: "temp@example.com", password: "Temp0rary!" });
    assert.match(chosen.url, /\/new-password$/);
    const next = await browser.submit(chosen, { password: "Password1", confirmPassword: "Password1" });
    assert.match(next.url, /\/new-password$/);
    assert.equal(flashOf(next), MESSAGE);
  });

  test("a forgotten password's reset refuses a common password", async () => {
    const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "forgot-password" });
    const reset = await browser.submit(page, { login: "alice@example.com" });
    assert.match(reset.url, /\/reset-password$/);
    const next = await browser.submit(reset, { code: await latestCode(server.url, "alice@example.com"), password: "Qwerty123" });
    assert.match(next.url, /\/reset-password$/);
    assert.equal(flashOf(next), MESSAGE);
  });
});

describe("Cognito API", () => {
  const cognito = () => sdkClient(server);

  test("SignUp", async () => {
    for (const password of COMMON) {
      assert.deepEqual(await refusal(cognito().send(new SignUpCommand({ ClientId: "spa", Username: `api-${Date.now()}@example.com`, Password: password }))), refused, password);
    }
  });

  test("RespondToAuthChallenge NEW_PASSWORD_REQUIRED", async () => {
    const started = await cognito().send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "temp@example.com", PASSWORD: "Temp0rary!" } }));
    assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.deepEqual(await refusal(cognito().send(new RespondToAuthChallengeCommand({
      ClientId: "spa", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: started.Session, ChallengeResponses: { USERNAME: "temp@example.com", NEW_PASSWORD: "Trustno1" },
    }))), refused);
  });

  test("ConfirmForgotPassword", async () => {
    await cognito().send(new ForgotPasswordCommand({ ClientId: "spa", Username: "alice@example.com" }));
    const code = await latestCode(server.url, "alice@example.com");
    assert.deepEqual(await refusal(cognito().send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: "alice@example.com", ConfirmationCode: code, Password: "P@ssw0rd" }))), refused);
  });

  test("ChangePassword", async () => {
    const signedIn = await cognito().send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice@example.com", PASSWORD: API_PASSWORD } }));
    const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
    assert.deepEqual(await refusal(cognito().send(new ChangePasswordCommand({ AccessToken, PreviousPassword: API_PASSWORD, ProposedPassword: "Password1" }))), refused);
  });

  test("AdminCreateUser and AdminSetUserPassword", async () => {
    const email = `admin-made-${Date.now()}@example.com`;
    assert.deepEqual(await refusal(key.cognito.send(new AdminCreateUserCommand({
      UserPoolId: API_POOL, Username: email, TemporaryPassword: "Qwerty123", MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }],
    }))), refused);
    await key.cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: email, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }] }));
    for (const Permanent of [true, false]) {
      assert.deepEqual(await refusal(key.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: API_POOL, Username: email, Password: "Password1", Permanent }))), refused);
    }
  });
});

test("admin API: creating a user and setting a password refuse a common password", async () => {
  const email = `rest-${Date.now()}@example.com`;
  let answer = await key.api("POST", `/pools/${API_POOL}/users`, { attributes: { email }, temporaryPassword: "Password1" });
  assert.equal(answer.status, 400);
  assert.equal(JSON.stringify(answer.body).includes(MESSAGE), true, JSON.stringify(answer.body));
  answer = await key.api("POST", `/pools/${API_POOL}/users`, { attributes: { email } });
  assert.equal(answer.status, 201);
  answer = await key.api("POST", `/pools/${API_POOL}/users/${encodeURIComponent(answer.body.user.username)}/password`, { password: "P@ssw0rd", permanent: true });
  assert.equal(answer.status, 400);
  assert.equal(JSON.stringify(answer.body).includes(MESSAGE), true, JSON.stringify(answer.body));
});

test("config file: a user's password on the list stops the file from applying", async () => {
  const db = createDb({ url: server.shared.DATABASE_URL!, embedded: false });
  try {
    const config = { pools: [{ id: "local_Common001", name: "Common", signInAliases: ["email"], users: [{ username: "pat", password: "Password1", attributes: { email: "pat@example.com" } }] }] };
    await assert.rejects(applyConfig({ db, secrets: createSecrets("unused") }, parseConfigText(JSON.stringify(config))), (error: unknown) =>
      error instanceof ConfigFileError && /user pat in pool local_Common001: password is on the list of common and leaked passwords/.test(error.message));
    assert.equal(await db.userPool.count({ where: { id: "local_Common001" } }), 0, "nothing of the pool was written");
  } finally {
    await db.$disconnect();
  }
});
