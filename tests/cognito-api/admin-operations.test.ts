// Cognito's Admin* operations on Gatehouse, driven by the real AWS SDK signed with an admin API
// key's AWS credentials, as a back end calls them: creating users (and their invitations), reading,
// changing and deleting them, their passwords, confirmation, MFA preference and sessions, and
// signing them in — with Cognito's error names where a call is refused, and every change in the
// audit log under the key's name.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminConfirmSignUpCommand, AdminCreateUserCommand, AdminDeleteUserAttributesCommand, AdminDeleteUserCommand, AdminDisableUserCommand, AdminEnableUserCommand,
  AdminGetUserCommand, AdminInitiateAuthCommand, AdminResetUserPasswordCommand, AdminRespondToAuthChallengeCommand, AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand, AdminUpdateUserAttributesCommand, AdminUserGlobalSignOutCommand, AssociateSoftwareTokenCommand, ConfirmForgotPasswordCommand,
  SignUpCommand, VerifySoftwareTokenCommand, type AttributeType, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { generate } from "otplib";
import { secretHashOf } from "../../lib/cognito-api/app-client.ts";
import { currentTotpCode } from "../../lib/mfa/totp.ts";
import { waitForOutbox } from "../support/codes.ts";
import { API_MFA_POOL, API_PASSWORD, API_POOL, API_USERNAME_POOL, BACKEND_SECRET, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey, refusal, type SigningKey } from "../support/cognito-admin.ts";
import { readOutbox } from "../support/oauth.ts";
import { startServer, type RunningServer } from "../support/server.ts";

let server: RunningServer;
let key: SigningKey;
let cognito: CognitoIdentityProviderClient;
let publicApi: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: cognitoApiConfig(), env: ADMIN_ENV });
  key = await createSigningKey(server, "back-end");
  cognito = key.cognito;
  publicApi = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  publicApi?.destroy();
  await server?.stop();
});

const attr = (list: AttributeType[] | undefined, name: string) => list?.find((a) => a.Name === name)?.Value;
const getUser = (Username: string, UserPoolId = API_POOL) => cognito.send(new AdminGetUserCommand({ UserPoolId, Username }));
const adminSignIn = (USERNAME: string, PASSWORD = API_PASSWORD, ClientId = "spa", UserPoolId = API_POOL, extra: Record<string, string> = {}) =>
  cognito.send(new AdminInitiateAuthCommand({ UserPoolId, ClientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD, ...extra } }));

/** A confirmed user of the email pool with a verified address and API_PASSWORD, made through the API itself. */
async function confirmedUser(email: string, attributes: AttributeType[] = []): Promise<string> {
  const created = await cognito.send(new AdminCreateUserCommand({
    UserPoolId: API_POOL, Username: email, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email_verified", Value: "true" }, ...attributes],
  }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: API_POOL, Username: email, Password: API_PASSWORD, Permanent: true }));
  return created.User!.Username!;
}

describe("AdminCreateUser", () => {
  test("in an email pool: the email is the sign-in name, the username a generated sub, and the invitation's temporary password leads to NEW_PASSWORD_REQUIRED", async () => {
    const email = "invited@example.com";
    const before = Date.now() / 1000;
    const { User: user } = await cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: email, UserAttributes: [{ Name: "given_name", Value: "Ivy" }] }));
    assert.match(user!.Username!, /^[0-9a-f-]{36}$/);
    assert.equal(attr(user!.Attributes, "sub"), user!.Username);
    assert.equal(attr(user!.Attributes, "email"), email);
    assert.equal(attr(user!.Attributes, "given_name"), "Ivy");
    assert.equal(user!.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(user!.Enabled, true);
    assert.ok(user!.UserCreateDate instanceof Date && user!.UserCreateDate.getTime() / 1000 >= before - 5);

    const [invitation] = await waitForOutbox(server.url, email, 1);
    const temporary = /Temporary password: (\S+)/.exec(invitation!.body)?.[1];
    assert.ok(temporary, "the invitation carries the temporary password");
    const started = await adminSignIn(email, temporary);
    assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const done = await cognito.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: API_POOL, ClientId: "spa", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: started.Session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: "Chosen-passw0rd" },
    }));
    assert.equal(decodeJwt(done.AuthenticationResult!.IdToken!).email, email);
    assert.equal((await getUser(email)).UserStatus, "CONFIRMED");
  });

  test("with a TemporaryPassword and SUPPRESS nothing is sent; a weak password is InvalidPasswordException", async () => {
    const email = "quiet@example.com";
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: email, TemporaryPassword: "Given-Temp0rary", MessageAction: "SUPPRESS" }));
    assert.equal((await adminSignIn(email, "Given-Temp0rary")).ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.deepEqual(await readOutbox(server.url, email), []);
    assert.equal((await refusal(cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: "weak@example.com", TemporaryPassword: "short" })))).name, "InvalidPasswordException");
    assert.equal((await refusal(getUser("weak@example.com"))).name, "UserNotFoundException");
  });

  test("a taken username is UsernameExistsException, in a username pool and where the email is the username", async () => {
    const named = await refusal(cognito.send(new AdminCreateUserCommand({ UserPoolId: API_USERNAME_POOL, Username: "carol", UserAttributes: [{ Name: "email", Value: "other@example.com" }] })));
    assert.equal(named.name, "UsernameExistsException");
    assert.equal((await refusal(cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: "alice@example.com" })))).name, "UsernameExistsException");
  });

  test("a username pool keeps the username asked for; DesiredDeliveryMediums SMS sends the invitation to the phone", async () => {
    const { User: user } = await cognito.send(new AdminCreateUserCommand({
      UserPoolId: API_USERNAME_POOL, Username: "dave", DesiredDeliveryMediums: ["SMS"],
      UserAttributes: [{ Name: "email", Value: "dave@example.com" }, { Name: "phone_number", Value: "+14155550101" }],
    }));
    assert.equal(user!.Username, "dave");
    const [sms] = await waitForOutbox(server.url, "+14155550101", 1);
    assert.match(sms!.body, /Username: dave/);
    assert.deepEqual(await readOutbox(server.url, "dave@example.com"), []);
  });

  test("RESEND sends a new temporary password to a user who has not signed in yet, and refuses anyone else", async () => {
    const email = "resend-me@example.com";
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: email, TemporaryPassword: "First-Temp0rary", MessageAction: "SUPPRESS" }));
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: email, MessageAction: "RESEND" }));
    const [message] = await waitForOutbox(server.url, email, 1);
    const temporary = /Temporary password: (\S+)/.exec(message!.body)?.[1];
    assert.ok(temporary && temporary !== "First-Temp0rary");
    assert.equal((await adminSignIn(email, temporary)).ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal((await refusal(adminSignIn(email, "First-Temp0rary"))).name, "NotAuthorizedException");
    assert.equal((await refusal(cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: "alice", MessageAction: "RESEND" })))).name, "UnsupportedUserStateException");
    assert.equal((await refusal(cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: "nobody@example.com", MessageAction: "RESEND" })))).name, "UserNotFoundException");
  });
});

describe("reading and deleting users", () => {
  test("AdminGetUser answers with every attribute, the status and the dates, by username or email", async () => {
    for (const name of ["alice", "alice@example.com"]) {
      const user = await getUser(name);
      assert.equal(user.Username, "alice");
      assert.equal(user.UserStatus, "CONFIRMED");
      assert.equal(user.Enabled, true);
      assert.equal(attr(user.UserAttributes, "email"), "alice@example.com");
      assert.equal(attr(user.UserAttributes, "email_verified"), "true");
      assert.equal(attr(user.UserAttributes, "given_name"), "Alice");
      assert.equal(attr(user.UserAttributes, "custom:tier"), "gold");
      assert.match(attr(user.UserAttributes, "sub")!, /^[0-9a-f-]{36}$/);
      assert.ok(user.UserCreateDate instanceof Date && user.UserLastModifiedDate instanceof Date);
      assert.equal(user.UserMFASettingList, undefined);
    }
    assert.equal((await getUser("disabled")).Enabled, false);
  });

  test("an unknown user is UserNotFoundException, an unknown pool or the console's own pool ResourceNotFoundException", async () => {
    assert.equal((await refusal(getUser("nobody"))).name, "UserNotFoundException");
    assert.equal((await refusal(getUser("alice", "local_NoSuchPoo"))).name, "ResourceNotFoundException");
    assert.equal((await refusal(getUser("root@example.com", "system_Gatehouse"))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new AdminDisableUserCommand({ UserPoolId: "system_Gatehouse", Username: "root@example.com" })))).name, "ResourceNotFoundException");
  });

  test("AdminDeleteUser deletes the user and their sessions; deleting again is UserNotFoundException", async () => {
    const email = "leaving@example.com";
    await confirmedUser(email);
    const tokens = (await adminSignIn(email)).AuthenticationResult!;
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: API_POOL, Username: email }));
    assert.equal((await refusal(getUser(email))).name, "UserNotFoundException");
    assert.equal((await refusal(refresh(tokens.RefreshToken!))).name, "NotAuthorizedException");
    assert.equal((await refusal(cognito.send(new AdminDeleteUserCommand({ UserPoolId: API_POOL, Username: email })))).name, "UserNotFoundException");
  });
});

const refresh = (REFRESH_TOKEN: string, ClientId = "spa") =>
  cognito.send(new AdminInitiateAuthCommand({ UserPoolId: API_POOL, ClientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN } }));

describe("AdminInitiateAuth and AdminRespondToAuthChallenge", () => {
  test("ADMIN_USER_PASSWORD_AUTH (and its older name ADMIN_NO_SRP_AUTH) signs in with the password; REFRESH_TOKEN_AUTH refreshes", async () => {
    const signedIn = (await adminSignIn("alice@example.com")).AuthenticationResult!;
    const access = decodeJwt(signedIn.AccessToken!);
    assert.equal(access.username, "alice");
    assert.equal(access.client_id, "spa");
    assert.ok(signedIn.RefreshToken);
    const legacy = await cognito.send(new AdminInitiateAuthCommand({ UserPoolId: API_POOL, ClientId: "spa", AuthFlow: "ADMIN_NO_SRP_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD: API_PASSWORD } }));
    assert.ok(legacy.AuthenticationResult?.IdToken);
    const refreshed = (await refresh(signedIn.RefreshToken)).AuthenticationResult!;
    assert.equal(decodeJwt(refreshed.AccessToken!).sub, access.sub);
    assert.notEqual(refreshed.AccessToken, signedIn.AccessToken);
  });

  test("refusals: a wrong password, a disabled user, a client without the flow, another pool's client, USER_PASSWORD_AUTH", async () => {
    assert.deepEqual(await refusal(adminSignIn("alice", "Wrong-passw0rd")), { name: "NotAuthorizedException", message: "Incorrect username or password." });
    assert.deepEqual(await refusal(adminSignIn("disabled")), { name: "NotAuthorizedException", message: "User is disabled." });
    assert.deepEqual(await refusal(adminSignIn("alice", API_PASSWORD, "srponly")), { name: "InvalidParameterException", message: "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client" });
    assert.equal((await refusal(adminSignIn("alice", API_PASSWORD, "named"))).name, "ResourceNotFoundException");
    assert.equal((await refusal(adminSignIn("alice", API_PASSWORD, "nosuchclient"))).name, "ResourceNotFoundException");
    const plain = await refusal(cognito.send(new AdminInitiateAuthCommand({ UserPoolId: API_POOL, ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD: API_PASSWORD } })));
    assert.equal(plain.name, "InvalidParameterException");
  });

  test("a client with a secret needs SECRET_HASH, as for the public operations", async () => {
    assert.equal((await refusal(adminSignIn("alice", API_PASSWORD, "backend"))).name, "NotAuthorizedException");
    assert.equal((await refusal(adminSignIn("alice", API_PASSWORD, "backend", API_POOL, { SECRET_HASH: secretHashOf(BACKEND_SECRET, "bob", "backend") }))).name, "NotAuthorizedException");
    const signedIn = await adminSignIn("alice", API_PASSWORD, "backend", API_POOL, { SECRET_HASH: secretHashOf(BACKEND_SECRET, "alice", "backend") });
    assert.equal(decodeJwt(signedIn.AuthenticationResult!.AccessToken!).client_id, "backend");
  });

  test("a Session from AdminInitiateAuth is refused by another client", async () => {
    const started = await adminSignIn("temp", "Temp0rary!");
    assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const other = await refusal(cognito.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: API_POOL, ClientId: "legacy", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: started.Session, ChallengeResponses: { USERNAME: "temp", NEW_PASSWORD: "Chosen-passw0rd" },
    })));
    assert.equal(other.name, "NotAuthorizedException");
  });
});

describe("passwords and confirmation", () => {
  test("AdminSetUserPassword: a permanent password signs in at once, a temporary one asks for a new password, a weak one is InvalidPasswordException", async () => {
    const email = "set-password@example.com";
    await confirmedUser(email);
    const before = (await adminSignIn(email)).AuthenticationResult!;
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: API_POOL, Username: email, Password: "Other-passw0rd", Permanent: true }));
    assert.ok((await adminSignIn(email, "Other-passw0rd")).AuthenticationResult);
    assert.equal((await refusal(adminSignIn(email))).name, "NotAuthorizedException");
    // A new password ends the sessions the old one opened.
    assert.equal((await refusal(refresh(before.RefreshToken!))).name, "NotAuthorizedException");

    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: API_POOL, Username: email, Password: "Temp-passw0rd" }));
    assert.equal((await getUser(email)).UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal((await adminSignIn(email, "Temp-passw0rd")).ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal((await refusal(cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: API_POOL, Username: email, Password: "weakling", Permanent: true })))).name, "InvalidPasswordException");
    assert.equal((await refusal(cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: API_POOL, Username: "nobody", Password: "Other-passw0rd" })))).name, "UserNotFoundException");
  });

  test("AdminConfirmSignUp confirms a signed-up user without a code, once", async () => {
    const email = "unconfirmed@example.com";
    await publicApi.send(new SignUpCommand({ ClientId: "spa", Username: email, Password: API_PASSWORD }));
    assert.equal((await refusal(adminSignIn(email))).name, "UserNotConfirmedException");
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: API_POOL, Username: email }));
    const user = await getUser(email);
    assert.equal(user.UserStatus, "CONFIRMED");
    assert.equal(attr(user.UserAttributes, "email_verified"), "false");
    assert.ok((await adminSignIn(email)).AuthenticationResult);
    assert.deepEqual(await refusal(cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: API_POOL, Username: email }))), {
      name: "NotAuthorizedException", message: "User cannot be confirmed. Current status is CONFIRMED",
    });
  });

  test("AdminResetUserPassword: the old password only leads to the reset, a code goes to the verified email, ConfirmForgotPassword sets the new password", async () => {
    const email = "must-reset@example.com";
    await confirmedUser(email);
    const before = (await adminSignIn(email)).AuthenticationResult!;
    await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: API_POOL, Username: email }));
    assert.equal((await getUser(email)).UserStatus, "RESET_REQUIRED");
    assert.equal((await refusal(refresh(before.RefreshToken!))).name, "NotAuthorizedException");
    const [sent] = await waitForOutbox(server.url, email, 1);
    assert.match(sent!.subject, /Reset your/);
    assert.equal((await refusal(adminSignIn(email))).name, "PasswordResetRequiredException");
    // The sign-in sent a fresh code, which replaces the first.
    const code = (await waitForOutbox(server.url, email, 2))[0]!.code!;
    await publicApi.send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: email, ConfirmationCode: code, Password: "Reset-passw0rd" }));
    assert.ok((await adminSignIn(email, "Reset-passw0rd")).AuthenticationResult);
    assert.equal((await getUser(email)).UserStatus, "CONFIRMED");
  });

  test("AdminResetUserPassword refuses a user with no verified email or phone", async () => {
    const email = "unverified@example.com";
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: email, MessageAction: "SUPPRESS" }));
    assert.equal((await refusal(cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: API_POOL, Username: email })))).name, "InvalidParameterException");
    assert.equal((await getUser(email)).UserStatus, "FORCE_CHANGE_PASSWORD");
  });
});

describe("attributes", () => {
  test("AdminUpdateUserAttributes sets attributes; a changed email is unverified unless the call says otherwise", async () => {
    const email = "changing@example.com";
    await confirmedUser(email);
    await cognito.send(new AdminUpdateUserAttributesCommand({
      UserPoolId: API_POOL, Username: email, UserAttributes: [{ Name: "family_name", Value: "Hart" }, { Name: "custom:tier", Value: "silver" }],
    }));
    let user = await getUser(email);
    assert.equal(attr(user.UserAttributes, "family_name"), "Hart");
    assert.equal(attr(user.UserAttributes, "custom:tier"), "silver");
    assert.equal(attr(user.UserAttributes, "email_verified"), "true");
    await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: API_POOL, Username: email, UserAttributes: [{ Name: "email", Value: "changed@example.com" }] }));
    user = await getUser("changed@example.com");
    assert.equal(attr(user.UserAttributes, "email_verified"), "false");
    assert.equal((await refusal(cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: API_POOL, Username: "changed@example.com", UserAttributes: [{ Name: "custom:nope", Value: "x" }] })))).name, "InvalidParameterException");
    assert.equal((await refusal(cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: API_POOL, Username: "changed@example.com", UserAttributes: [{ Name: "email", Value: "alice@example.com" }] })))).name, "AliasExistsException");
  });

  test("AdminDeleteUserAttributes removes attributes, but not a required one", async () => {
    const email = "trimmed@example.com";
    await confirmedUser(email, [{ Name: "nickname", Value: "Trim" }, { Name: "locale", Value: "en" }]);
    await cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: API_POOL, Username: email, UserAttributeNames: ["nickname", "locale"] }));
    const user = await getUser(email);
    assert.equal(attr(user.UserAttributes, "nickname"), undefined);
    assert.equal(attr(user.UserAttributes, "locale"), undefined);
    assert.equal((await refusal(cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: API_POOL, Username: email, UserAttributeNames: ["email"] })))).name, "InvalidParameterException");
    assert.equal(attr((await getUser(email)).UserAttributes, "email"), email);
  });
});

describe("disabling and signing out", () => {
  test("AdminDisableUser ends the user's sessions and stops sign-in; AdminEnableUser lets them in again", async () => {
    const email = "paused@example.com";
    await confirmedUser(email);
    const tokens = (await adminSignIn(email)).AuthenticationResult!;
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: API_POOL, Username: email }));
    assert.equal((await getUser(email)).Enabled, false);
    assert.deepEqual(await refusal(adminSignIn(email)), { name: "NotAuthorizedException", message: "User is disabled." });
    assert.equal((await refusal(refresh(tokens.RefreshToken!))).name, "NotAuthorizedException");
    await cognito.send(new AdminEnableUserCommand({ UserPoolId: API_POOL, Username: email }));
    assert.equal((await getUser(email)).Enabled, true);
    assert.ok((await adminSignIn(email)).AuthenticationResult);
    // The refresh token from before stays dead.
    assert.equal((await refusal(refresh(tokens.RefreshToken!))).name, "NotAuthorizedException");
  });

  test("AdminUserGlobalSignOut revokes every refresh token of the user, and only theirs", async () => {
    const email = "signed-out@example.com";
    await confirmedUser(email);
    const [first, second] = [(await adminSignIn(email)).AuthenticationResult!, (await adminSignIn(email)).AuthenticationResult!];
    const other = (await adminSignIn("alice")).AuthenticationResult!;
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: API_POOL, Username: email }));
    assert.equal((await refusal(refresh(first.RefreshToken!))).name, "NotAuthorizedException");
    assert.equal((await refusal(refresh(second.RefreshToken!))).name, "NotAuthorizedException");
    assert.ok((await refresh(other.RefreshToken!)).AuthenticationResult);
    assert.ok((await adminSignIn(email)).AuthenticationResult, "signing in again works");
  });
});

describe("MFA preference", () => {
  test("AdminSetUserMFAPreference turns a verified authenticator off and on; AdminRespondToAuthChallenge answers SOFTWARE_TOKEN_MFA", async () => {
    const email = "totp-user@example.com";
    await confirmedUser(email);
    const noToken = await refusal(cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: API_POOL, Username: email, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })));
    assert.deepEqual(noToken, { name: "InvalidParameterException", message: "User has not set up software token mfa" });

    const access = (await adminSignIn(email)).AuthenticationResult!.AccessToken!;
    const { SecretCode: secret } = await publicApi.send(new AssociateSoftwareTokenCommand({ AccessToken: access }));
    // Verified with the previous time step's code (within the allowed drift), so the current one is still unused.
    const previous = await generate({ secret: secret!, epoch: Math.floor(Date.now() / 1000) - 30 });
    assert.equal((await publicApi.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: previous }))).Status, "SUCCESS");
    let user = await getUser(email);
    assert.deepEqual(user.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    assert.equal(user.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");

    await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: API_POOL, Username: email, SoftwareTokenMfaSettings: { Enabled: false } }));
    user = await getUser(email);
    assert.equal(user.UserMFASettingList, undefined);
    assert.ok((await adminSignIn(email)).AuthenticationResult, "no second factor asked for");

    await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: API_POOL, Username: email, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const started = await adminSignIn(email);
    assert.equal(started.ChallengeName, "SOFTWARE_TOKEN_MFA");
    const done = await cognito.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: API_POOL, ClientId: "spa", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: started.Session,
      ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: await currentTotpCode(secret!) },
    }));
    assert.ok(done.AuthenticationResult?.AccessToken);

    const sms = await refusal(cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: API_POOL, Username: email, SMSMfaSettings: { Enabled: true } })));
    assert.equal(sms.name, "InvalidParameterException");
    await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: API_POOL, Username: email, SMSMfaSettings: { Enabled: false }, EmailMfaSettings: { Enabled: false } }));
  });

  test("AdminInitiateAuth in a pool that requires MFA starts the authenticator's set-up", async () => {
    const started = await cognito.send(new AdminInitiateAuthCommand({ UserPoolId: API_MFA_POOL, ClientId: "mfa-spa", AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "mona", PASSWORD: API_PASSWORD } }));
    assert.equal(started.ChallengeName, "MFA_SETUP");
  });
});

describe("audit", () => {
  test("every change is in the audit log under the API key's name, without passwords; reads are not", async () => {
    const email = "audited@example.com";
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: email, TemporaryPassword: "Audit-Temp0rary", MessageAction: "SUPPRESS" }));
    await getUser(email);
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: API_POOL, Username: email }));
    const { body } = await key.api("GET", `/audit-events?poolId=${API_POOL}&target=${encodeURIComponent(email)}`);
    const events = body.events as { type: string; actorType: string; actor: string; details: { operation: string; request: Record<string, unknown> } }[];
    assert.deepEqual(events.map((e) => e.type).sort(), ["admin.createUser", "admin.disableUser"]);
    for (const event of events) {
      assert.equal(event.actorType, "api-key");
      assert.equal(event.actor, "api-key:back-end");
    }
    const created = events.find((e) => e.type === "admin.createUser")!;
    assert.equal(created.details.operation, "AdminCreateUser");
    assert.equal(created.details.request.TemporaryPassword, "[redacted]");
    assert.ok(!JSON.stringify(body).includes("Audit-Temp0rary"));
  });
});

describe("signature", () => {
  test("the Admin operations need a live API key's signature", async () => {
    const unsigned = sdkClient(server, { accessKeyId: "GHKNOTAREALKEY000000", secretAccessKey: "x".repeat(40) });
    try {
      assert.equal((await refusal(unsigned.send(new AdminGetUserCommand({ UserPoolId: API_POOL, Username: "alice" })))).name, "UnrecognizedClientException");
      const forged = sdkClient(server, { accessKeyId: key.credentials.accessKeyId, secretAccessKey: "y".repeat(40) });
      assert.equal((await refusal(forged.send(new AdminDeleteUserCommand({ UserPoolId: API_POOL, Username: "alice" })))).name, "InvalidSignatureException");
      forged.destroy();
      assert.equal((await getUser("alice")).Username, "alice");
    } finally {
      unsigned.destroy();
    }
  });
});
