// SMS and email codes as second factors through the Cognito API, driven by the real AWS SDK and
// amazon-cognito-identity-js as apps drive them: SMS_MFA with SMS delivered through AWS SNS's
// protocol (a local stand-in, @aws-sdk/client-sns in the server), EMAIL_OTP with email delivered
// over real SMTP, SELECT_MFA_TYPE, the MFA preference operations for every factor, and the custom
// message trigger's CustomMessage_Authentication. Each user belongs to one test.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  GetUserCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from "amazon-cognito-identity-js";
import { startServer, type RunningServer } from "../support/server.ts";
import { ALL_FLOWS, API_PASSWORD, refusal, sdkClient } from "../support/cognito-api.ts";
import { startSmtp, type TestSmtp } from "../support/smtp.ts";
import { startSnsStandIn } from "../support/sms/sns.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

const POOL = "local_MfaCode01";
const HOOK_SECRET = "whsec_mfa_codes_0123456789abcdef";
const ACCESS_KEY = "AKIAMFACODESTEST0001";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;
let sns: Awaited<ReturnType<typeof startSnsStandIn>>;
let smtp: TestSmtp;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

const user = (username: string, phone: string | null, extra: Record<string, string> = {}) => ({
  username, password: API_PASSWORD,
  attributes: { email: `${username}@example.com`, email_verified: "true", ...(phone ? { phone_number: phone, phone_number_verified: "true" } : {}), ...extra },
});

before(async () => {
  sns = await startSnsStandIn({ accessKeyId: ACCESS_KEY });
  smtp = await startSmtp();
  hooks = await startWebhookReceiver({ secret: HOOK_SECRET });
  // The team's custom message handler rewrites the sign-in code's SMS, keeping {####}.
  hooks.answer("/custom-message", (received) => {
    const event = received.event as { triggerSource: string; response: Record<string, unknown> };
    if (event.triggerSource === "CustomMessage_Authentication") event.response = { ...event.response, smsMessage: "Codes: your sign-in code is {####}" };
    return { json: event };
  });
  server = await startServer({
    env: {
      SMS_URL: `sns://?region=us-east-1&senderId=Gatehouse&endpoint=${sns.url}`, SMTP_URL: smtp.url,
      AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: "mfa-codes-test-secret", AWS_REGION: "us-east-1",
    },
    config: {
      pools: [{
        id: POOL, name: "Codes", signInAliases: ["username"], mfa: "OPTIONAL", mfaMethods: ["TOTP", "SMS", "EMAIL"],
        triggers: { customMessage: { url: `${hooks.url}/custom-message`, secret: HOOK_SECRET } },
        clients: [{ clientId: "codes-spa", clientSecret: null, name: "SPA", callbackUrls: ["http://localhost:4000/callback"], allowedOAuthFlows: ["code"],
          allowedScopes: ["openid", "email", "aws.cognito.signin.user.admin"], explicitAuthFlows: ALL_FLOWS }],
        users: [
          user("sana", "+15550100001"), user("ed", null), user("bo", "+15550100003"), user("nina", "+15550100004", { phone_number_verified: "false" }),
          user("jess", "+15550100005"),
        ],
      }],
    },
  });
  cognito = sdkClient(server);
});
after(async () => {
  await server?.stop();
  await sns?.stop();
  await smtp?.close();
  await hooks?.stop();
});

const passwordSignIn = (username: string) =>
  cognito.send(new InitiateAuthCommand({ ClientId: "codes-spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: API_PASSWORD } }));

async function accessToken(username: string): Promise<string> {
  const answer = await passwordSignIn(username);
  assert.ok(answer.AuthenticationResult?.AccessToken, `no second factor yet for ${username}`);
  return answer.AuthenticationResult.AccessToken;
}

const setPreference = (token: string, settings: Omit<ConstructorParameters<typeof SetUserMFAPreferenceCommand>[0], "AccessToken">) =>
  cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: token, ...settings }));

async function smsCodeTo(phone: string, after: number): Promise<string> {
  for (let wait = 0; wait < 10_000; wait += 50) {
    const sms = sns.messages.slice(after).find((m) => m.phoneNumber === phone);
    if (sms) return /(\d{6})/.exec(sms.message)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`no SMS to ${phone}`);
}

async function mailCodeTo(address: string, after: number): Promise<string> {
  for (let wait = 0; wait < 10_000; wait += 50) {
    const mail = smtp.mailTo(address).slice(after)[0];
    if (mail) return /sign-in code is (\d{6})/.exec(mail.raw.replace(/=\r?\n/g, ""))![1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`no mail to ${address}`);
}

describe("SMS_MFA through SNS", () => {
  test("SetUserMFAPreference turns SMS on; sign-in asks SMS_MFA; the code travels through SNS Publish and signs in", async () => {
    const token = await accessToken("sana");
    await setPreference(token, { SMSMfaSettings: { Enabled: true } });
    const settings = await cognito.send(new GetUserCommand({ AccessToken: token }));
    assert.deepEqual(settings.UserMFASettingList, ["SMS_MFA"]);
    assert.equal(settings.PreferredMfaSetting, "SMS_MFA");

    const sent = sns.messages.length;
    const started = await passwordSignIn("sana");
    assert.equal(started.ChallengeName, "SMS_MFA");
    assert.equal(started.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "SMS");
    assert.equal(started.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "+*******0001");
    const code = await smsCodeTo("+15550100001", sent);
    const sms = sns.messages.at(-1)!;
    assert.equal(sms.message, `Codes: your sign-in code is ${code}`, "the custom message trigger's text went out");
    assert.equal(sms.region, "us-east-1");
    assert.deepEqual(sms.attributes["AWS.SNS.SMS.SMSType"], { DataType: "String", StringValue: "Transactional" });
    assert.deepEqual(sms.attributes["AWS.SNS.SMS.SenderID"], { DataType: "String", StringValue: "Gatehouse" });

    const wrong = await refusal(cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "codes-spa", ChallengeName: "SMS_MFA", Session: started.Session, ChallengeResponses: { USERNAME: "sana", SMS_MFA_CODE: code === "000000" ? "111111" : "000000" },
    })));
    assert.deepEqual(wrong, { name: "CodeMismatchException", message: "Invalid code or auth state for the user." });
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "codes-spa", ChallengeName: "SMS_MFA", Session: started.Session, ChallengeResponses: { USERNAME: "sana", SMS_MFA_CODE: code },
    }));
    assert.ok(done.AuthenticationResult?.AccessToken);

    // The custom message trigger saw the sign-in code's message as CustomMessage_Authentication.
    const event = hooks.received.map((r) => r.event as { triggerSource: string; userName: string }).find((e) => e.triggerSource === "CustomMessage_Authentication" && e.userName === "sana");
    assert.ok(event, "CustomMessage_Authentication reached the trigger");
  });

  test("amazon-cognito-identity-js answers SMS_MFA through mfaRequired and sendMFACode", async () => {
    const token = await accessToken("jess");
    await setPreference(token, { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    const pool = new CognitoUserPool({ UserPoolId: POOL, ClientId: "codes-spa", endpoint: server.url });
    const jsUser = new CognitoUser({ Username: "jess", Pool: pool });
    jsUser.setAuthenticationFlowType("USER_PASSWORD_AUTH");
    const sent = sns.messages.length;
    const asked = await new Promise<{ challengeName: string; parameters: Record<string, string> }>((resolve, reject) => jsUser.authenticateUser(
      new AuthenticationDetails({ Username: "jess", Password: API_PASSWORD }),
      {
        onSuccess: () => reject(new Error("signed in without SMS_MFA")), onFailure: reject,
        mfaRequired: (challengeName, parameters) => resolve({ challengeName, parameters }),
        totpRequired: () => reject(new Error("unexpected totpRequired")),
      },
    ));
    assert.equal(asked.challengeName, "SMS_MFA");
    assert.equal(asked.parameters.CODE_DELIVERY_DESTINATION, "+*******0005");
    const code = await smsCodeTo("+15550100005", sent);
    const session = await new Promise<CognitoUserSession>((resolve, reject) => jsUser.sendMFACode(code, { onSuccess: resolve, onFailure: reject }));
    assert.ok(session.isValid());
  });
});

describe("EMAIL_OTP through SMTP", () => {
  test("EmailMfaSettings turns email codes on; sign-in asks EMAIL_OTP and the emailed code signs in", async () => {
    const token = await accessToken("ed");
    // No phone: SMS cannot be turned on.
    assert.equal((await refusal(setPreference(token, { SMSMfaSettings: { Enabled: true } }))).name, "InvalidParameterException");
    await setPreference(token, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    assert.deepEqual((await cognito.send(new GetUserCommand({ AccessToken: token }))).UserMFASettingList, ["EMAIL_OTP"]);
    const before = smtp.mailTo("ed@example.com").length;
    const started = await passwordSignIn("ed");
    assert.equal(started.ChallengeName, "EMAIL_OTP");
    assert.equal(started.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
    assert.equal(started.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "e***@e***");
    const code = await mailCodeTo("ed@example.com", before);
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "codes-spa", ChallengeName: "EMAIL_OTP", Session: started.Session, ChallengeResponses: { USERNAME: "ed", EMAIL_OTP_CODE: code },
    }));
    assert.ok(done.AuthenticationResult?.AccessToken);
  });
});

describe("SELECT_MFA_TYPE and preferences", () => {
  test("two factors and no preference: SELECT_MFA_TYPE; a preference then skips the choice", async () => {
    const token = await accessToken("bo");
    await setPreference(token, { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } });
    let settings = await cognito.send(new GetUserCommand({ AccessToken: token }));
    assert.deepEqual(settings.UserMFASettingList, ["SMS_MFA", "EMAIL_OTP"]);
    assert.equal(settings.PreferredMfaSetting, undefined);

    const started = await passwordSignIn("bo");
    assert.equal(started.ChallengeName, "SELECT_MFA_TYPE");
    assert.deepEqual(JSON.parse(started.ChallengeParameters!.MFAS_CAN_CHOOSE!), ["SMS_MFA", "EMAIL_OTP"]);
    const refused = await refusal(cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "codes-spa", ChallengeName: "SELECT_MFA_TYPE", Session: started.Session, ChallengeResponses: { USERNAME: "bo", ANSWER: "SOFTWARE_TOKEN_MFA" },
    })));
    assert.equal(refused.name, "InvalidParameterException");
    const sent = sns.messages.length;
    const chosen = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "codes-spa", ChallengeName: "SELECT_MFA_TYPE", Session: started.Session, ChallengeResponses: { USERNAME: "bo", ANSWER: "SMS_MFA" },
    }));
    assert.equal(chosen.ChallengeName, "SMS_MFA");
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "codes-spa", ChallengeName: "SMS_MFA", Session: chosen.Session, ChallengeResponses: { USERNAME: "bo", SMS_MFA_CODE: await smsCodeTo("+15550100003", sent) },
    }));
    const fresh = done.AuthenticationResult!.AccessToken!;

    // Only one factor may be preferred; preferring email makes it the one asked for.
    assert.equal((await refusal(setPreference(fresh, { SMSMfaSettings: { PreferredMfa: true }, EmailMfaSettings: { PreferredMfa: true } }))).name, "InvalidParameterException");
    await setPreference(fresh, { EmailMfaSettings: { PreferredMfa: true } });
    settings = await cognito.send(new GetUserCommand({ AccessToken: fresh }));
    assert.equal(settings.PreferredMfaSetting, "EMAIL_OTP");
    assert.equal((await passwordSignIn("bo")).ChallengeName, "EMAIL_OTP");
    // WebAuthn as a second factor is refused; turning it off is a no-op.
    assert.equal((await refusal(setPreference(fresh, { WebAuthnMfaSettings: { Enabled: true } }))).name, "InvalidParameterException");
    await setPreference(fresh, { WebAuthnMfaSettings: { Enabled: false } });
  });

  test("an unverified phone number cannot be turned on for SMS codes", async () => {
    const token = await accessToken("nina");
    const refused = await refusal(setPreference(token, { SMSMfaSettings: { Enabled: true } }));
    assert.deepEqual(refused, { name: "InvalidParameterException", message: "User has not verified phone number." });
  });
});
