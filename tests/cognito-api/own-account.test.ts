// The operations a signed-in user calls on their own account with their access token (scope
// aws.cognito.signin.user.admin), driven by the real AWS SDK as an app calls them: GetUser, their
// attributes and the codes that verify an address, ChangePassword, the authenticator app and its
// MFA preference, GlobalSignOut and DeleteUser — with Cognito's error names where a call is refused.
// Each user below belongs to one test, so the tests do not depend on each other's order.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AssociateSoftwareTokenCommand, ChangePasswordCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand, DeleteUserAttributesCommand, DeleteUserCommand, GetUserAttributeVerificationCodeCommand,
  GetUserCommand, GlobalSignOutCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand,
  UpdateUserAttributesCommand, VerifySoftwareTokenCommand, VerifyUserAttributeCommand, type AttributeType, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { generate } from "otplib";
import pg from "pg";
import { startServer, type RunningServer } from "../support/server.ts";
import { latestCode, otherThan, waitForOutbox } from "../support/codes.ts";
import { API_MFA_POOL, API_PASSWORD, API_POOL, cognitoApiConfig, sdkClient, refusal } from "../support/cognito-api.ts";

/** A pool of its own: usernames with email as an alias, and no attribute verified automatically. */
const OWN_POOL = "local_ApiOwn001";
const NEW_PASSWORD = "Changed-passw0rd";

type LooseConfig = { pools: (Record<string, unknown> & { id: string; clients: Record<string, unknown>[]; users: object[]; customAttributes?: object[] })[] };

const user = (username: string, attributes: Record<string, string> = {}) => ({
  username, password: API_PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true", ...attributes },
});

function config(): LooseConfig {
  const base = cognitoApiConfig() as unknown as LooseConfig;
  const api = base.pools.find((p) => p.id === API_POOL)!;
  const spa = api.clients.find((c) => c.clientId === "spa")!;
  api.customAttributes!.push({ name: "tenant", type: "String", mutable: false });
  api.clients.push(
    { ...spa, clientId: "narrow", name: "narrow", readAttributes: ["email", "given_name"] },
    { ...spa, clientId: "full", name: "full", writeAttributes: ["email", "given_name", "custom:tier", "custom:tenant"] },
  );
  api.users.push(
    user("gus", { given_name: "Gus", "custom:tier": "silver", "custom:tenant": "acme" }),
    user("uma", { given_name: "Uma" }),
    user("una"),
    user("dan", { given_name: "Dan", family_name: "Dee", "custom:tier": "bronze" }),
    user("vera"),
    user("val"),
    user("phil", { phone_number: "+15550001234" }),
    user("fay", { phone_number: "+15550005678", phone_number_verified: "true" }),
    user("tess"),
    user("pat"),
    user("lou"),
    user("glen"),
    user("dora"),
    user("tom"),
  );
  base.pools.find((p) => p.id === API_MFA_POOL)!.users.push(user("mina"));
  base.pools.push({
    id: OWN_POOL, name: "Own", signInAliases: ["username", "email"], autoVerifiedAttributes: [], selfSignUp: true, mfa: "OFF",
    clients: [{ ...spa, clientId: "own", name: "own" }],
    // A config file is applied as written: two users may have one address, only one of them verified.
    users: [user("olga"), user("olive", { email: "shared@example.com" }), user("oscar", { email: "shared@example.com", email_verified: "false" })],
  });
  return base;
}

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;
let db: pg.Client | null = null;

before(async () => {
  server = await startServer({ config: config() });
  cognito = sdkClient(server);
  if (server.shared.DATABASE_URL) {
    db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
    await db.connect();
  }
});
after(async () => {
  cognito?.destroy();
  await db?.end();
  await server?.stop();
});


const passwordSignIn = (login: string, password = API_PASSWORD, clientId = "spa") =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: login, PASSWORD: password } }));

/** Signs in (no challenge expected) and returns the tokens. */
async function signIn(login: string, password = API_PASSWORD, clientId = "spa") {
  const answer = await passwordSignIn(login, password, clientId);
  assert.equal(answer.ChallengeName, undefined, `${login} signs in without a challenge`);
  return answer.AuthenticationResult!;
}

/** A USER_SRP_AUTH sign-in by amazon-cognito-identity-js (SRP needs the verifier of the current password). */
function srpSignIn(login: string, password: string): Promise<unknown> {
  const pool = new CognitoUserPool({ UserPoolId: API_POOL, ClientId: "srponly", endpoint: server.url });
  const user = new CognitoUser({ Username: login, Pool: pool });
  return new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: login, Password: password }), { onSuccess: resolve, onFailure: reject }));
}

const refresh = (refreshToken: string, clientId = "spa") =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: refreshToken } }));

const getUser = (accessToken: string) => cognito.send(new GetUserCommand({ AccessToken: accessToken }));

const attributeMap = (list: AttributeType[] | undefined) => Object.fromEntries((list ?? []).map((a) => [a.Name!, a.Value!]));

async function attributesOf(accessToken: string): Promise<Record<string, string>> {
  return attributeMap((await getUser(accessToken)).UserAttributes);
}

/** A code for the next 30-second step: the one a just-verified authenticator has not used yet. */
const nextTotpCode = (secret: string) => generate({ secret, epoch: (Math.floor(Date.now() / 30_000) + 1) * 30 });

/**
 * The changes the audit log holds for a user, oldest first, each recorded as the user's own (read
 * from PostgreSQL; an embedded database, without DATABASE_URL, is not reachable from here).
 */
async function assertAudited(username: string, types: string[]): Promise<void> {
  if (!db) return;
  const { rows } = await db.query(`SELECT type, "actorType", actor FROM "AuditEvent" WHERE target = $1 AND type LIKE 'user.%' ORDER BY "createdAt"`, [username]);
  assert.deepEqual(rows.map((row: { type: string }) => row.type), types);
  for (const row of rows as { actorType: string; actor: string }[]) assert.deepEqual([row.actorType, row.actor], ["user", `${username}@example.com`]);
}

describe("GetUser", () => {
  test("answers the token's user: the username, every attribute the client may read with sub, and no MFA yet", async () => {
    const tokens = await signIn("gus@example.com");
    const answer = await getUser(tokens.AccessToken!);
    assert.equal(answer.Username, "gus");
    const attributes = attributeMap(answer.UserAttributes);
    assert.match(attributes.sub!, /^[0-9a-f-]{36}$/);
    assert.deepEqual({ ...attributes, sub: "" }, {
      sub: "", email: "gus@example.com", email_verified: "true", given_name: "Gus", "custom:tier": "silver", "custom:tenant": "acme",
    });
    assert.deepEqual(answer.UserMFASettingList, []);
    assert.equal(answer.PreferredMfaSetting, undefined);
  });

  test("through a client with a read list, only the attributes it may read (and sub) are answered", async () => {
    const tokens = await signIn("gus@example.com", API_PASSWORD, "narrow");
    assert.deepEqual(Object.keys(await attributesOf(tokens.AccessToken!)).sort(), ["email", "given_name", "sub"]);
  });

  test("an ID token, a tampered token and no token at all are not access tokens", async () => {
    const tokens = await signIn("gus@example.com");
    assert.deepEqual(await refusal(getUser(tokens.IdToken!)), { name: "NotAuthorizedException", message: "Invalid Access Token" });
    const [head, body] = tokens.AccessToken!.split(".");
    assert.deepEqual(await refusal(getUser(`${head}.${body}.AAAA`)), { name: "NotAuthorizedException", message: "Invalid Access Token" });
    assert.equal((await refusal(cognito.send(new GetUserCommand({} as never)))).name, "InvalidParameterException");
  });
});

describe("UpdateUserAttributes and VerifyUserAttribute", () => {
  test("a new email is stored unverified, a code goes to it, and VerifyUserAttribute with that code verifies it", async () => {
    const tokens = await signIn("uma@example.com");
    const answer = await cognito.send(new UpdateUserAttributesCommand({
      AccessToken: tokens.AccessToken, UserAttributes: [{ Name: "email", Value: "uma.new@example.com" }, { Name: "given_name", Value: "Umama" }],
    }));
    assert.deepEqual(answer.CodeDeliveryDetailsList, [{ Destination: "u***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }]);
    const changed = await attributesOf(tokens.AccessToken!);
    assert.equal(changed.email, "uma.new@example.com");
    assert.equal(changed.email_verified, "false");
    assert.equal(changed.given_name, "Umama");

    const code = await latestCode(server.url, "uma.new@example.com");
    const verify = (Code: string) => cognito.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email", Code }));
    assert.deepEqual(await refusal(verify(otherThan(code))), { name: "CodeMismatchException", message: "Invalid verification code provided, please try again." });
    assert.equal((await attributesOf(tokens.AccessToken!)).email_verified, "false", "a wrong code verifies nothing");
    await verify(code);
    assert.equal((await attributesOf(tokens.AccessToken!)).email_verified, "true");
    assert.equal((await refusal(verify(code))).name, "ExpiredCodeException", "a code works once");

    // The pool signs in by email: the new address now, the old one no more.
    await signIn("uma.new@example.com");
    assert.deepEqual(await refusal(passwordSignIn("uma@example.com")), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    // Recorded under the address the user had when they made each change.
    if (db) {
      const { rows } = await db.query(`SELECT type, "actorType", actor FROM "AuditEvent" WHERE target = 'uma' AND type LIKE 'user.%' ORDER BY "createdAt"`);
      assert.deepEqual(rows, [
        { type: "user.UpdateUserAttributes", actorType: "user", actor: "uma@example.com" },
        { type: "user.VerifyUserAttribute", actorType: "user", actor: "uma.new@example.com" },
      ]);
    }
  });

  test("attributes the client may not write, immutable ones, unknown ones and the verified flags are refused, and nothing changes", async () => {
    const spa = await signIn("gus@example.com");
    const update = (accessToken: string, Name: string, Value: string) =>
      refusal(cognito.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: "given_name", Value: "Changed" }, { Name, Value }] })));
    // The default client writes standard attributes only: no custom:*, never a verified flag.
    assert.deepEqual(await update(spa.AccessToken!, "custom:tier", "gold"), { name: "NotAuthorizedException", message: "A client attempted to write unauthorized attribute: custom:tier." });
    assert.deepEqual(await update(spa.AccessToken!, "email_verified", "true"), { name: "NotAuthorizedException", message: "A client attempted to write unauthorized attribute: email_verified." });
    assert.equal((await update(spa.AccessToken!, "shoe_size", "44")).name, "InvalidParameterException");
    // A client allowed to write custom:tenant still cannot change it: it is immutable.
    const full = await signIn("gus@example.com", API_PASSWORD, "full");
    assert.equal((await update(full.AccessToken!, "custom:tenant", "globex")).name, "InvalidParameterException");
    const unchanged = await attributesOf(spa.AccessToken!);
    assert.equal(unchanged.given_name, "Gus");
    assert.equal(unchanged["custom:tier"], "silver");
    assert.equal(unchanged["custom:tenant"], "acme");
    // What that client may write, it writes.
    await cognito.send(new UpdateUserAttributesCommand({ AccessToken: full.AccessToken, UserAttributes: [{ Name: "custom:tier", Value: "gold" }] }));
    assert.equal((await attributesOf(spa.AccessToken!))["custom:tier"], "gold");
  });

  test("with the new email not verified yet, ForgotPassword sends its code to the verified phone number, and says so", async () => {
    const tokens = await signIn("fay@example.com");
    await cognito.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: "email", Value: "fay.new@example.com" }] }));
    const answer = await cognito.send(new ForgotPasswordCommand({ ClientId: "spa", Username: "fay.new@example.com" }));
    assert.deepEqual(answer.CodeDeliveryDetails, { Destination: "+*******5678", DeliveryMedium: "SMS", AttributeName: "phone_number" });
    const code = await latestCode(server.url, "+15550005678");
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: "fay.new@example.com", ConfirmationCode: code, Password: NEW_PASSWORD }));
    await signIn("fay.new@example.com", NEW_PASSWORD);
  });

  test("an email another user has is AliasExistsException, and the user keeps theirs", async () => {
    const tokens = await signIn("una@example.com");
    const answer = await refusal(cognito.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: "email", Value: "Alice@Example.com" }] })));
    assert.equal(answer.name, "AliasExistsException");
    const kept = await attributesOf(tokens.AccessToken!);
    assert.equal(kept.email, "una@example.com");
    assert.equal(kept.email_verified, "true");
  });

  test("where the pool verifies nothing by itself, a new email gets no code, a code sent to the old one does not verify it, and it signs in only once verified", async () => {
    const tokens = await signIn("olga", API_PASSWORD, "own");
    const oldDelivery = await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email" }));
    assert.deepEqual(oldDelivery.CodeDeliveryDetails, { Destination: "o***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    const oldCode = await latestCode(server.url, "olga@example.com");

    const answer = await cognito.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: "email", Value: "olga.new@example.com" }] }));
    assert.equal(answer.CodeDeliveryDetailsList, undefined);
    const verify = (Code: string) => cognito.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email", Code }));
    assert.equal((await refusal(verify(oldCode))).name, "ExpiredCodeException");
    assert.equal((await attributesOf(tokens.AccessToken!)).email_verified, "false");
    // Users here sign in with a verified email only.
    assert.equal((await refusal(passwordSignIn("olga.new@example.com", API_PASSWORD, "own"))).name, "NotAuthorizedException");

    await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email" }));
    await verify(await latestCode(server.url, "olga.new@example.com"));
    assert.equal((await attributesOf(tokens.AccessToken!)).email_verified, "true");
    await signIn("olga.new@example.com", API_PASSWORD, "own");
  });
});

describe("VerifyUserAttribute and aliases", () => {
  test("an address another user has verified as their sign-in alias is AliasExistsException, and stays unverified", async () => {
    const tokens = await signIn("oscar", API_PASSWORD, "own");
    await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email" }));
    const code = await latestCode(server.url, "shared@example.com");
    const answer = await refusal(cognito.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email", Code: code })));
    assert.equal(answer.name, "AliasExistsException");
    assert.equal((await attributesOf(tokens.AccessToken!)).email_verified, "false");
    // The address still signs its owner in.
    assert.equal((await getUser((await signIn("shared@example.com", API_PASSWORD, "own")).AccessToken!)).Username, "olive");
  });
});

describe("DeleteUserAttributes", () => {
  test("removes attributes the client may write; a required one and one the client may not write are refused", async () => {
    const tokens = await signIn("dan@example.com");
    await cognito.send(new DeleteUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributeNames: ["given_name", "family_name"] }));
    const left = await attributesOf(tokens.AccessToken!);
    assert.equal(left.given_name, undefined);
    assert.equal(left.family_name, undefined);
    assert.equal(left.email, "dan@example.com");

    // Users of this pool sign in by email: it is required.
    assert.equal((await refusal(cognito.send(new DeleteUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributeNames: ["email"] })))).name, "InvalidParameterException");
    assert.equal((await refusal(cognito.send(new DeleteUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributeNames: ["custom:tier"] })))).name, "NotAuthorizedException");
    const kept = await attributesOf(tokens.AccessToken!);
    assert.equal(kept.email, "dan@example.com");
    assert.equal(kept["custom:tier"], "bronze");
    await assertAudited("dan", ["user.DeleteUserAttributes"]);
  });
});

describe("GetUserAttributeVerificationCode", () => {
  test("sends a code for email or phone_number only, to an address the user has", async () => {
    const tokens = await signIn("vera@example.com");
    const ask = (AttributeName: string) => cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName }));
    assert.deepEqual((await ask("email")).CodeDeliveryDetails, { Destination: "v***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    assert.ok(await latestCode(server.url, "vera@example.com"));
    assert.deepEqual(await refusal(ask("given_name")), { name: "InvalidParameterException", message: "Invalid attribute name. Only phone_number and email can be verified." });
    assert.equal((await refusal(ask("phone_number"))).name, "InvalidParameterException", "vera has no phone number");
  });

  test("a phone number is verified with the code sent to it", async () => {
    const tokens = await signIn("phil@example.com");
    assert.equal((await attributesOf(tokens.AccessToken!)).phone_number_verified, "false");
    const answer = await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: "phone_number" }));
    assert.deepEqual(answer.CodeDeliveryDetails, { Destination: "+*******1234", DeliveryMedium: "SMS", AttributeName: "phone_number" });
    const code = await latestCode(server.url, "+15550001234");
    await cognito.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: "phone_number", Code: code }));
    const verified = await attributesOf(tokens.AccessToken!);
    assert.equal(verified.phone_number_verified, "true");
    assert.equal(verified.email_verified, "true");
  });

  test("codes to verify an address are capped at five an hour per account", async () => {
    const tokens = await signIn("tess@example.com");
    const ask = () => cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email" }));
    for (let i = 0; i < 5; i++) await ask();
    assert.equal((await refusal(ask())).name, "LimitExceededException");
    assert.equal((await waitForOutbox(server.url, "tess@example.com", 5)).length, 5, "the refused one was not sent");
  });
});

describe("VerifyUserAttribute", () => {
  test("wrong codes are limited as every code is: after five wrong tries in an hour even the right code is refused", async () => {
    const tokens = await signIn("val@example.com");
    await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email" }));
    const code = await latestCode(server.url, "val@example.com");
    const verify = (Code: string) => refusal(cognito.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email", Code })));
    for (let i = 0; i < 4; i++) assert.equal((await verify(otherThan(code))).name, "CodeMismatchException");
    assert.equal((await verify(otherThan(code))).name, "LimitExceededException");
    assert.equal((await verify(code)).name, "LimitExceededException");
  });
});

describe("ChangePassword", () => {
  test("with the previous password, the new one replaces it (and meets the policy); other sessions stay signed in", async () => {
    const first = await signIn("pat@example.com");
    const second = await signIn("pat@example.com");
    const change = (PreviousPassword: string, ProposedPassword: string) => cognito.send(new ChangePasswordCommand({ AccessToken: first.AccessToken, PreviousPassword, ProposedPassword }));
    assert.deepEqual(await refusal(change("Wrong-passw0rd", NEW_PASSWORD)), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    assert.equal((await refusal(change(API_PASSWORD, "short"))).name, "InvalidPasswordException");
    await signIn("pat@example.com"); // neither refused call changed anything

    await change(API_PASSWORD, NEW_PASSWORD);
    assert.deepEqual(await refusal(passwordSignIn("pat@example.com")), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    await signIn("pat@example.com", NEW_PASSWORD);
    // Set with its SRP verifier: SRP sign-in knows the new password and not the old one.
    await srpSignIn("pat@example.com", NEW_PASSWORD);
    assert.equal((await refusal(srpSignIn("pat@example.com", API_PASSWORD))).name, "NotAuthorizedException");
    // Cognito does not end other sessions on ChangePassword.
    assert.equal((await getUser(second.AccessToken!)).Username, "pat");
    assert.ok((await refresh(second.RefreshToken!)).AuthenticationResult?.AccessToken);
    await assertAudited("pat", ["user.ChangePassword"]);
  });

  test("wrong previous passwords count toward the sign-in lockout", async () => {
    const tokens = await signIn("lou@example.com");
    const change = (PreviousPassword: string) => refusal(cognito.send(new ChangePasswordCommand({ AccessToken: tokens.AccessToken, PreviousPassword, ProposedPassword: NEW_PASSWORD })));
    for (let i = 0; i < 4; i++) assert.equal((await change("Wrong-passw0rd")).name, "NotAuthorizedException");
    assert.equal((await change("Wrong-passw0rd")).name, "TooManyFailedAttemptsException");
    assert.equal((await change(API_PASSWORD)).name, "TooManyFailedAttemptsException", "locked: even the right password is refused");
    assert.equal((await refusal(passwordSignIn("lou@example.com"))).name, "TooManyFailedAttemptsException", "and sign-in is locked too");
  });
});

describe("the authenticator app and SetUserMFAPreference", () => {
  test("AssociateSoftwareToken and VerifySoftwareToken with the access token; then a sign-in asks for SOFTWARE_TOKEN_MFA until the user turns it off", async () => {
    const tokens = await signIn("tom@example.com");
    const setTotp = (settings: { Enabled?: boolean; PreferredMfa?: boolean }) =>
      cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: settings }));
    assert.deepEqual(await refusal(setTotp({ Enabled: true })), { name: "InvalidParameterException", message: "User has not set up software token mfa" });

    const { SecretCode: secret } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    assert.match(secret!, /^[A-Z2-7]{16,}$/);
    assert.deepEqual(await refusal(setTotp({ Enabled: true, PreferredMfa: true })), { name: "InvalidParameterException", message: "User has not verified software token mfa" });
    const verifyCode = (UserCode: string) => cognito.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode, FriendlyDeviceName: "phone" }));
    assert.equal((await refusal(verifyCode(otherThan(await generate({ secret: secret! }))))).name, "EnableSoftwareTokenMFAException");
    assert.equal((await verifyCode(await generate({ secret: secret! }))).Status, "SUCCESS");
    const withTotp = await getUser(tokens.AccessToken!);
    assert.deepEqual(withTotp.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    assert.equal(withTotp.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");

    const challenged = await passwordSignIn("tom@example.com");
    assert.equal(challenged.ChallengeName, "SOFTWARE_TOKEN_MFA");
    const answered = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: "spa", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: challenged.Session, ChallengeResponses: { USERNAME: "tom@example.com", SOFTWARE_TOKEN_MFA_CODE: await nextTotpCode(secret!) },
    }));
    assert.ok(answered.AuthenticationResult?.AccessToken);

    // Turned off, the authenticator stays set up but is not asked for; turned on again, it is.
    await setTotp({ Enabled: false, PreferredMfa: false });
    assert.deepEqual((await getUser(tokens.AccessToken!)).UserMFASettingList, []);
    await signIn("tom@example.com");
    await setTotp({ Enabled: true, PreferredMfa: true });
    assert.equal((await passwordSignIn("tom@example.com")).ChallengeName, "SOFTWARE_TOKEN_MFA");
    // SMS and email codes are not offered: asking for them is refused, leaving them off is not.
    assert.equal((await refusal(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SMSMfaSettings: { Enabled: true } })))).name, "InvalidParameterException");
    assert.equal((await refusal(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, EmailMfaSettings: { Enabled: true, PreferredMfa: true } })))).name, "InvalidParameterException");
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SMSMfaSettings: { Enabled: false }, EmailMfaSettings: { Enabled: false } }));
    assert.deepEqual((await getUser(tokens.AccessToken!)).UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    await assertAudited("tom", ["user.AssociateSoftwareToken", "user.VerifySoftwareToken", "user.SetUserMFAPreference", "user.SetUserMFAPreference"]);
  });

  test("where the pool requires MFA, the user cannot turn the authenticator off", async () => {
    const started = await passwordSignIn("mina", API_PASSWORD, "mfa-spa");
    assert.equal(started.ChallengeName, "MFA_SETUP");
    const { SecretCode: secret, Session } = await cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session, UserCode: await generate({ secret: secret! }) }));
    const done = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: "mfa-spa", ChallengeName: "MFA_SETUP", Session: verified.Session, ChallengeResponses: { USERNAME: "mina" } }));
    const accessToken = done.AuthenticationResult!.AccessToken!;
    assert.deepEqual((await getUser(accessToken)).UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    assert.equal((await refusal(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false } })))).name, "InvalidParameterException");
    assert.deepEqual((await getUser(accessToken)).UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    assert.equal((await passwordSignIn("mina", API_PASSWORD, "mfa-spa")).ChallengeName, "SOFTWARE_TOKEN_MFA");
  });
});

describe("GlobalSignOut and DeleteUser", () => {
  test("GlobalSignOut ends every session: its access tokens are refused at once, its refresh tokens too", async () => {
    const first = await signIn("glen@example.com");
    const second = await signIn("glen@example.com");
    await cognito.send(new GlobalSignOutCommand({ AccessToken: first.AccessToken }));
    const revoked = { name: "NotAuthorizedException", message: "Access Token has been revoked" };
    for (const tokens of [first, second]) {
      assert.deepEqual(await refusal(getUser(tokens.AccessToken!)), revoked);
      assert.equal((await refusal(refresh(tokens.RefreshToken!))).name, "NotAuthorizedException");
    }
    // Every operation checks the token's grant, not only GetUser.
    assert.deepEqual(await refusal(cognito.send(new UpdateUserAttributesCommand({ AccessToken: second.AccessToken, UserAttributes: [{ Name: "given_name", Value: "G" }] }))), revoked);
    assert.deepEqual(await refusal(cognito.send(new ChangePasswordCommand({ AccessToken: second.AccessToken, PreviousPassword: API_PASSWORD, ProposedPassword: NEW_PASSWORD }))), revoked);
    assert.deepEqual(await refusal(cognito.send(new DeleteUserCommand({ AccessToken: second.AccessToken }))), revoked);
    // Signing in again works, with the password unchanged.
    assert.equal((await getUser((await signIn("glen@example.com")).AccessToken!)).Username, "glen");
    await assertAudited("glen", ["user.GlobalSignOut"]);
  });

  test("DeleteUser deletes the user: their tokens and their password stop working", async () => {
    const tokens = await signIn("dora@example.com");
    await cognito.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken }));
    assert.equal((await refusal(getUser(tokens.AccessToken!))).name, "NotAuthorizedException");
    assert.equal((await refusal(refresh(tokens.RefreshToken!))).name, "NotAuthorizedException");
    assert.deepEqual(await refusal(passwordSignIn("dora@example.com")), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    await assertAudited("dora", ["user.DeleteUser"]);
  });
});
