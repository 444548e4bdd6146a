// The custom message trigger (CustomMessage_SignUp, _ResendCode, _ForgotPassword, _AdminCreateUser,
// _UpdateUserAttribute, _VerifyUserAttribute) rewrites a message's subject and body around the
// {####} (and {username}) placeholders, and an answer without the placeholder leaves the default
// message; the custom email sender (CustomEmailSender_*) receives the code and Gatehouse sends
// nothing. A real HTTP handler checks the signature and records Cognito's events; what reaches
// the user is read from the dev outbox.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  ConfirmSignUpCommand, ForgotPasswordCommand, GetUserAttributeVerificationCodeCommand, InitiateAuthCommand, ResendConfirmationCodeCommand,
  SignUpCommand, UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig, refusal, sdkClient } from "../support/cognito-api.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { openHostedPage, waitForOutbox } from "../support/codes.ts";
import { readOutbox } from "../support/oauth.ts";
import { HOOK_SECRET, setTriggers, startHookServer, type HookEvent, type HookServer } from "./hook-server.ts";

let server: RunningServer;
let hooks: HookServer;
let api: ReturnType<typeof apiClient>;

/** A pool whose users need no email, so an invitation can go to a phone number. */
const SMS_POOL = "local_ApiSms001";
function config() {
  const base = cognitoApiConfig();
  const template = base.pools[0]!;
  base.pools.push({
    id: SMS_POOL, name: "Api SMS", signInAliases: ["username"], autoVerifiedAttributes: ["phone_number"], selfSignUp: true, mfa: "OFF",
    passwordPolicy: template.passwordPolicy, clients: [{ ...template.clients[0]!, clientId: "sms-app", name: "sms-app" }],
  } as unknown as (typeof base.pools)[number]);
  return base;
}

before(async () => {
  hooks = await startHookServer();
  server = await startServer({ config: config(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await server?.stop();
  await hooks?.close();
});
beforeEach(() => hooks.reset());

const cognito = () => sdkClient(server);

/** Waits for the handler to have seen an event of `source` (codes go out after the answer). */
async function eventOf(source: string): Promise<HookEvent> {
  const until = Date.now() + 10_000;
  for (;;) {
    const [event] = hooks.of(source);
    if (event) return event;
    if (Date.now() > until) assert.fail(`no ${source} event; saw ${JSON.stringify(hooks.events.map((e) => e.triggerSource))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function newestTo(to: string, count = 1) {
  const [newest] = await waitForOutbox(server.url, to, count);
  return newest!;
}

const signUp = (email: string) =>
  cognito().send(new SignUpCommand({ ClientId: "spa", Username: email, Password: API_PASSWORD, UserAttributes: [{ Name: "email", Value: email }], ClientMetadata: { from: "tests" } }));

async function accessTokenOf(login: string): Promise<string> {
  const { AuthenticationResult } = await cognito().send(new InitiateAuthCommand({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: login, PASSWORD: API_PASSWORD } }));
  return AuthenticationResult!.AccessToken!;
}

/** A handler that rewrites every message, keeping the placeholders. */
function rewrite(event: HookEvent) {
  const email = (event.request.userAttributes as Record<string, string>).email;
  event.response = {
    emailSubject: `[${event.triggerSource}] for ${email}`,
    emailMessage: `Hello ${email}, your code is {####}. (${event.triggerSource})`,
    smsMessage: "Your code is {####}",
  };
  return event;
}

describe("custom message", () => {
  before(async () => setTriggers(server, API_POOL, { customMessage: { url: hooks.url("/custom-message"), secret: HOOK_SECRET } }));

  test("CustomMessage_SignUp and _ResendCode rewrite the confirmation message, with the real code in place of {####}", async () => {
    for (const source of ["CustomMessage_SignUp", "CustomMessage_ResendCode"]) hooks.answer(source, rewrite);
    await signUp("dora@example.com");
    const event = await eventOf("CustomMessage_SignUp");
    assert.equal(event.version, "1");
    assert.equal(event.userPoolId, API_POOL);
    assert.equal(event.request.codeParameter, "{####}");
    assert.equal(event.request.usernameParameter, null);
    assert.equal((event.request.userAttributes as Record<string, string>).email, "dora@example.com");
    assert.equal((event.request.userAttributes as Record<string, string>)["cognito:user_status"], "UNCONFIRMED");
    assert.deepEqual(event.response, { smsMessage: null, emailMessage: null, emailSubject: null });
    const message = await newestTo("dora@example.com");
    assert.equal(message.subject, "[CustomMessage_SignUp] for dora@example.com");
    assert.ok(message.code && /^\d{6}$/.test(message.code));
    assert.equal(message.body, `Hello dora@example.com, your code is ${message.code}. (CustomMessage_SignUp)`);

    await cognito().send(new ResendConfirmationCodeCommand({ ClientId: "spa", Username: "dora@example.com" }));
    await eventOf("CustomMessage_ResendCode");
    const resent = await newestTo("dora@example.com", 2);
    assert.equal(resent.body, `Hello dora@example.com, your code is ${resent.code}. (CustomMessage_ResendCode)`);
    // The code in the rewritten message is the one that works.
    await cognito().send(new ConfirmSignUpCommand({ ClientId: "spa", Username: "dora@example.com", ConfirmationCode: resent.code! }));
  });

  test("CustomMessage_ForgotPassword: an answer without {####} is not used, and the default message goes out", async () => {
    hooks.answer("CustomMessage_ForgotPassword", (event) => ({ ...event, response: { emailSubject: "Lost?", emailMessage: "Click the link we never sent." } }));
    await cognito().send(new ForgotPasswordCommand({ ClientId: "spa", Username: "alice@example.com" }));
    const event = await eventOf("CustomMessage_ForgotPassword");
    assert.equal(event.userName, "alice");
    const message = await newestTo("alice@example.com");
    assert.equal(message.subject, "Reset your Api password");
    assert.match(message.body, new RegExp(`Your password reset code is ${message.code}`));
  });

  test("CustomMessage_VerifyUserAttribute and _UpdateUserAttribute carry the client and its clientMetadata", async () => {
    for (const source of ["CustomMessage_VerifyUserAttribute", "CustomMessage_UpdateUserAttribute"]) hooks.answer(source, rewrite);
    const token = await accessTokenOf("dora@example.com");
    await cognito().send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "email", ClientMetadata: { screen: "profile" } }));
    const verify = await eventOf("CustomMessage_VerifyUserAttribute");
    assert.equal(verify.callerContext.clientId, "spa");
    assert.deepEqual(verify.request.clientMetadata, { screen: "profile" });
    const sent = await newestTo("dora@example.com", 3);
    assert.equal(sent.body, `Hello dora@example.com, your code is ${sent.code}. (CustomMessage_VerifyUserAttribute)`);

    await cognito().send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: "email", Value: "dora.new@example.com" }], ClientMetadata: { screen: "settings" } }));
    const update = await eventOf("CustomMessage_UpdateUserAttribute");
    assert.deepEqual(update.request.clientMetadata, { screen: "settings" });
    const changed = await newestTo("dora.new@example.com");
    assert.equal(changed.subject, "[CustomMessage_UpdateUserAttribute] for dora.new@example.com");
    assert.equal(changed.body, `Hello dora.new@example.com, your code is ${changed.code}. (CustomMessage_UpdateUserAttribute)`);
  });

  test("CustomMessage_AdminCreateUser fills {username} and {####} (the temporary password) in the invitation", async () => {
    hooks.answer("CustomMessage_AdminCreateUser", (event) => ({
      ...event, response: { emailSubject: "Welcome aboard", emailMessage: "Sign in as {username} with {####} within a week." },
    }));
    const { status, body } = await api("POST", `/pools/${API_POOL}/users`, { attributes: { email: "erin@example.com", email_verified: "true" }, sendInvitation: true });
    assert.equal(status, 201, JSON.stringify(body));
    const event = await eventOf("CustomMessage_AdminCreateUser");
    assert.equal(event.request.usernameParameter, "{username}");
    assert.equal(event.request.codeParameter, "{####}");
    const message = await newestTo("erin@example.com");
    assert.equal(message.subject, "Welcome aboard");
    assert.equal(message.body, `Sign in as erin@example.com with ${body.temporaryPassword} within a week.`);
  });

  test("the hosted UI's sign-up sends the same CustomMessage_SignUp", async () => {
    hooks.answer("CustomMessage_SignUp", rewrite);
    const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "signup" });
    const next = await browser.submit(page, { email: "hank@example.com", password: "Sunny-Day-42" });
    assert.match(next.url, /confirm/);
    await eventOf("CustomMessage_SignUp");
    const message = await newestTo("hank@example.com");
    assert.equal(message.body, `Hello hank@example.com, your code is ${message.code}. (CustomMessage_SignUp)`);
  });

  test("a handler's error is Cognito's UserLambdaValidationException", async () => {
    hooks.answer("CustomMessage_VerifyUserAttribute", () => ({ errorMessage: "Messages are paused" }));
    const token = await accessTokenOf("alice@example.com");
    assert.deepEqual(
      await refusal(cognito().send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "email" }))),
      { name: "UserLambdaValidationException", message: "CustomMessage failed with error Messages are paused." },
    );
    assert.equal(hooks.badSignatures(), 0);
  });
});

describe("custom email sender", () => {
  before(async () => setTriggers(server, API_POOL, {
    customEmailSender: { url: hooks.url("/email-sender"), secret: HOOK_SECRET },
    // Set too, and not called: the sender takes the whole message.
    customMessage: { url: hooks.url("/custom-message"), secret: HOOK_SECRET },
  }));

  test("CustomEmailSender_SignUp receives the plain code, Gatehouse sends nothing, and the code confirms the account", async () => {
    await signUp("fred@example.com");
    const event = await eventOf("CustomEmailSender_SignUp");
    assert.equal(event.version, "1");
    assert.equal(event.request.type, "customEmailSenderRequestV1");
    assert.match(String(event.request.code), /^\d{6}$/);
    assert.equal((event.request.userAttributes as Record<string, string>).email, "fred@example.com");
    assert.equal(hooks.of("CustomMessage_SignUp").length, 0, "the custom message trigger is not asked");
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await readOutbox(server.url, "fred@example.com")).length, 0, "nothing sent by Gatehouse");
    await cognito().send(new ConfirmSignUpCommand({ ClientId: "spa", Username: "fred@example.com", ConfirmationCode: String(event.request.code) }));
  });

  test("CustomEmailSender_ForgotPassword and _AdminCreateUser (the temporary password as the code)", async () => {
    await cognito().send(new ForgotPasswordCommand({ ClientId: "spa", Username: "alice@example.com" }));
    const reset = await eventOf("CustomEmailSender_ForgotPassword");
    assert.match(String(reset.request.code), /^\d{6}$/);
    const { body } = await api("POST", `/pools/${API_POOL}/users`, { attributes: { email: "gina@example.com", email_verified: "true" }, sendInvitation: true });
    const invite = await eventOf("CustomEmailSender_AdminCreateUser");
    assert.equal(invite.request.code, body.temporaryPassword);
    assert.equal((await readOutbox(server.url, "gina@example.com")).length, 0);
  });
});

describe("SMS", () => {
  before(async () => setTriggers(server, SMS_POOL, { customMessage: { url: hooks.url("/custom-message"), secret: HOOK_SECRET } }));

  test("a message to a phone number takes the answer's smsMessage", async () => {
    hooks.answer("CustomMessage_AdminCreateUser", (event) => ({ ...event, response: { smsMessage: "{username}: your temporary password is {####}", emailMessage: "unused {####} {username}" } }));
    const { status, body } = await api("POST", `/pools/${SMS_POOL}/users`, { username: "ivan", attributes: { phone_number: "+15555550123" }, sendInvitation: true });
    assert.equal(status, 201, JSON.stringify(body));
    await eventOf("CustomMessage_AdminCreateUser");
    const message = await newestTo("+15555550123");
    assert.equal(message.body, `ivan: your temporary password is ${body.temporaryPassword}`);
  });

  test("CustomSMSSender_AdminCreateUser takes a phone's message and leaves email to Gatehouse", async () => {
    await setTriggers(server, SMS_POOL, { customSmsSender: { url: hooks.url("/sms-sender"), secret: HOOK_SECRET } });
    const { body } = await api("POST", `/pools/${SMS_POOL}/users`, { username: "jane", attributes: { phone_number: "+15555550124" }, sendInvitation: true });
    const event = await eventOf("CustomSMSSender_AdminCreateUser");
    assert.equal(event.request.type, "customSMSSenderRequestV1");
    assert.equal(event.request.code, body.temporaryPassword);
    assert.equal(event.userName, "jane");
    assert.equal((await readOutbox(server.url, "+15555550124")).length, 0);
    await api("POST", `/pools/${SMS_POOL}/users`, { username: "kate", attributes: { email: "kate@example.com" }, sendInvitation: true });
    assert.ok((await newestTo("kate@example.com")).body.includes("kate"), "email still goes out");
  });
});
