// Passkeys and choice-based sign-in (USER_AUTH) through the real AWS SDK: the four WebAuthn
// operations, SELECT_CHALLENGE and its AvailableChallenges, a passkey sign-in, a passwordless email
// code, and the password (plain and SRP) as choices. The user's authenticator is the software one
// of tests/support/authenticator.ts. Each user belongs to one test.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, AssociateSoftwareTokenCommand, DeleteWebAuthnCredentialCommand, InitiateAuthCommand, VerifySoftwareTokenCommand, ListWebAuthnCredentialsCommand, RespondToAuthChallengeCommand, StartWebAuthnRegistrationCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { createRequire } from "node:module";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_ENV, createSigningKey } from "../support/cognito-admin.ts";
import { latestCode, otherThan } from "../support/codes.ts";
import { API_PASSWORD, refusal, sdkClient } from "../support/cognito-api.ts";
import { SoftwareAuthenticator } from "../support/authenticator.ts";
import { payloadOf, totpCode } from "../support/cognito-clients.ts";
import { accessTokenOf, answerPasskey, passkeyChallenge, passkeyConfig, PASSKEY_POOL, registerPasskey } from "../support/passkeys.ts";

// amazon-cognito-identity-js's own SRP arithmetic (its typings do not export these helpers).
const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's untyped SRP helpers
const { AuthenticationHelper, DateHelper } = require("amazon-cognito-identity-js") as { AuthenticationHelper: any; DateHelper: any };
const BigInteger = require("amazon-cognito-identity-js/lib/BigInteger.js").default;

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: passkeyConfig(["reg", "pk", "otp", "pwd", "srp", "del", "two", "adm"]), env: ADMIN_ENV });
  cognito = sdkClient(server);
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
});

const userAuth = (username: string, parameters: Record<string, string> = {}, clientId = "app") =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: username, ...parameters } }));

test("StartWebAuthnRegistration and CompleteWebAuthnRegistration register a passkey that ListWebAuthnCredentials shows", async () => {
  const token = await accessTokenOf(cognito, "reg");
  const started = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- WebAuthn options as JSON, read field by field
  const options = started.CredentialCreationOptions as Record<string, any>;
  assert.equal(options.rp.id, "localhost", "the RP id defaults to PUBLIC_URL's host");
  assert.equal(options.authenticatorSelection.residentKey, "preferred");
  assert.equal(options.authenticatorSelection.userVerification, "preferred");
  assert.deepEqual(options.excludeCredentials, []);
  const authenticator = new SoftwareAuthenticator();
  await registerPasskey(cognito, token, authenticator, server.url);

  const listed = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
  assert.equal(listed.Credentials?.length, 1);
  const [credential] = listed.Credentials;
  assert.equal(credential!.CredentialId, authenticator.keys[0]!.credentialId.toString("base64url"));
  assert.equal(credential!.RelyingPartyId, "localhost");
  assert.equal(credential!.AuthenticatorAttachment, "platform");
  assert.deepEqual(credential!.AuthenticatorTransports, ["internal", "hybrid"]);
  assert.ok(credential!.FriendlyCredentialName);
  assert.ok(credential!.CreatedAt instanceof Date && Math.abs(credential!.CreatedAt.getTime() - Date.now()) < 60_000);

  const again = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- WebAuthn options as JSON, read field by field
  assert.deepEqual((again.CredentialCreationOptions as Record<string, any>).excludeCredentials.map((c: { id: string }) => c.id), [credential!.CredentialId], "the passkey is not registered twice");
});

test("USER_AUTH without a preference answers SELECT_CHALLENGE with what the user can do", async () => {
  const before = await userAuth("pk");
  assert.equal(before.ChallengeName, "SELECT_CHALLENGE");
  assert.deepEqual(before.AvailableChallenges, ["EMAIL_OTP", "PASSWORD", "PASSWORD_SRP"], "no passkey yet");
  await registerPasskey(cognito, await accessTokenOf(cognito, "pk"), new SoftwareAuthenticator(), server.url);
  const withPasskey = await userAuth("pk", { PREFERRED_CHALLENGE: "SMS_OTP" });
  assert.equal(withPasskey.ChallengeName, "SELECT_CHALLENGE", "a preference the pool does not allow is not used");
  assert.deepEqual(withPasskey.AvailableChallenges, ["WEB_AUTHN", "EMAIL_OTP", "PASSWORD", "PASSWORD_SRP"]);
});

test("a passkey alone signs in, through PREFERRED_CHALLENGE or SELECT_CHALLENGE", async () => {
  const authenticator = new SoftwareAuthenticator();
  await registerPasskey(cognito, await accessTokenOf(cognito, "otp"), authenticator, server.url);
  const { session, options } = await passkeyChallenge(cognito, "otp");
  assert.equal(options.rpId, "localhost");
  assert.equal((options.allowCredentials as unknown[]).length, 1, "the user's passkeys are allowed");
  const signedIn = await answerPasskey(cognito, "otp", session, authenticator.get(options, { origin: server.url }));
  assert.ok(signedIn.AuthenticationResult?.AccessToken);
  assert.equal(payloadOf(signedIn.AuthenticationResult.AccessToken).username, "otp");

  const chosen = await userAuth("otp");
  const opened = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: chosen.Session, ChallengeResponses: { USERNAME: "otp", ANSWER: "WEB_AUTHN" },
  }));
  assert.equal(opened.ChallengeName, "WEB_AUTHN");
  const options2 = JSON.parse(opened.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!);
  const second = await answerPasskey(cognito, "otp", opened.Session!, authenticator.get(options2, { origin: server.url }));
  assert.ok(second.AuthenticationResult?.IdToken);
});

test("EMAIL_OTP signs in with a code sent to the verified email, as the only factor", async () => {
  const chosen = await userAuth("otp", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
  assert.equal(chosen.ChallengeName, "EMAIL_OTP");
  assert.equal(chosen.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
  assert.equal(chosen.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "o***@e***");
  const code = await latestCode(server.url, "otp@example.com");
  const wrong = await refusal(cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "EMAIL_OTP", Session: chosen.Session, ChallengeResponses: { USERNAME: "otp", EMAIL_OTP_CODE: otherThan(code) },
  })));
  assert.equal(wrong.name, "CodeMismatchException");
  const signedIn = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "EMAIL_OTP", Session: chosen.Session, ChallengeResponses: { USERNAME: "otp", EMAIL_OTP_CODE: code },
  }));
  assert.ok(signedIn.AuthenticationResult?.AccessToken);
  const reused = await refusal(cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "EMAIL_OTP", Session: chosen.Session, ChallengeResponses: { USERNAME: "otp", EMAIL_OTP_CODE: code },
  })));
  assert.equal(reused.name, "NotAuthorizedException", "the session is spent");
});

test("PASSWORD signs in as a preference with the password, or as SELECT_CHALLENGE's answer", async () => {
  const direct = await userAuth("pwd", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: API_PASSWORD });
  assert.ok(direct.AuthenticationResult?.AccessToken);
  const chosen = await userAuth("pwd");
  const wrong = await refusal(cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: chosen.Session, ChallengeResponses: { USERNAME: "pwd", ANSWER: "PASSWORD", PASSWORD: "Wrong-passw0rd" },
  })));
  assert.deepEqual(wrong, { name: "NotAuthorizedException", message: "Incorrect username or password." });
  const again = await userAuth("pwd");
  const signedIn = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: again.Session, ChallengeResponses: { USERNAME: "pwd", ANSWER: "PASSWORD", PASSWORD: API_PASSWORD },
  }));
  assert.ok(signedIn.AuthenticationResult?.AccessToken);
});

test("PASSWORD_SRP goes on to PASSWORD_VERIFIER and signs in with the SRP proof", async () => {
  const poolName = PASSKEY_POOL.split("_")[1]!;
  const helper = new AuthenticationHelper(poolName);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's untyped big integer
  const A: any = await new Promise((resolve, reject) => helper.getLargeAValue((e: unknown, a: unknown) => (e ? reject(new Error("no SRP A", { cause: e })) : resolve(a))));
  const chosen = await userAuth("srp");
  const verifier = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: chosen.Session, ChallengeResponses: { USERNAME: "srp", ANSWER: "PASSWORD_SRP", SRP_A: A.toString(16) },
  }));
  assert.equal(verifier.ChallengeName, "PASSWORD_VERIFIER");
  const p = verifier.ChallengeParameters!;
  const hkdf: Buffer = await new Promise((resolve, reject) => helper.getPasswordAuthenticationKey(
    p.USER_ID_FOR_SRP, API_PASSWORD, new BigInteger(p.SRP_B, 16), new BigInteger(p.SALT, 16), (e: unknown, k: Buffer) => (e ? reject(new Error("no SRP key", { cause: e })) : resolve(k)),
  ));
  const timestamp = new DateHelper().getNowString();
  const signature = createHmac("sha256", hkdf)
    .update(Buffer.concat([Buffer.from(poolName), Buffer.from(p.USER_ID_FOR_SRP!), Buffer.from(p.SECRET_BLOCK!, "base64"), Buffer.from(timestamp)]))
    .digest("base64");
  const signedIn = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "PASSWORD_VERIFIER", Session: verifier.Session,
    ChallengeResponses: { USERNAME: p.USER_ID_FOR_SRP!, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK!, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp },
  }));
  assert.ok(signedIn.AuthenticationResult?.AccessToken);
});

test("DeleteWebAuthnCredential removes the user's own passkey, and an unknown one is not found", async () => {
  const token = await accessTokenOf(cognito, "del");
  await registerPasskey(cognito, token, new SoftwareAuthenticator(), server.url);
  const [credential] = (await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }))).Credentials!;
  await cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: credential!.CredentialId }));
  assert.deepEqual((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }))).Credentials, []);
  const again = await refusal(cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: credential!.CredentialId })));
  assert.equal(again.name, "ResourceNotFoundException");
});

test("an unknown name is not told apart where user-existence errors are prevented, and is where they are not", async () => {
  const unknown = await userAuth("nobody");
  assert.equal(unknown.ChallengeName, "SELECT_CHALLENGE");
  assert.deepEqual(unknown.AvailableChallenges, ["EMAIL_OTP", "PASSWORD", "PASSWORD_SRP"], "what a user without a passkey is offered");
  const code = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: unknown.Session, ChallengeResponses: { USERNAME: "nobody", ANSWER: "EMAIL_OTP" },
  }));
  assert.equal(code.ChallengeName, "EMAIL_OTP");
  assert.equal(code.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
  const wrong = await refusal(cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "EMAIL_OTP", Session: code.Session, ChallengeResponses: { USERNAME: "nobody", EMAIL_OTP_CODE: "123456" },
  })));
  assert.equal(wrong.name, "CodeMismatchException");
  assert.equal((await refusal(userAuth("nobody", {}, "legacy"))).name, "UserNotFoundException");
});

test("USER_AUTH needs ALLOW_USER_AUTH, and the passkey operations need PASSKEY among the pool's sign-in methods", async () => {
  const refused = await refusal(userAuth("pwd", {}, "nochoice"));
  assert.equal(refused.name, "InvalidParameterException");
  const other = sdkClient(server);
  try {
    const answer = await other.send(new InitiateAuthCommand({ ClientId: "plain", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "nina", PASSWORD: API_PASSWORD } }));
    const token = answer.AuthenticationResult!.AccessToken!;
    assert.equal((await refusal(other.send(new StartWebAuthnRegistrationCommand({ AccessToken: token })))).name, "WebAuthnNotEnabledException");
    assert.equal((await refusal(other.send(new ListWebAuthnCredentialsCommand({ AccessToken: token })))).name, "WebAuthnNotEnabledException");
  } finally {
    other.destroy();
  }
});

test("a passkey that verified its user is two factors; one that did not goes on to MFA; codes never skip MFA", async () => {
  const token = await accessTokenOf(cognito, "two");
  const { SecretCode: secret } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
  assert.equal((await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: await totpCode(secret!) }))).Status, "SUCCESS");
  const authenticator = new SoftwareAuthenticator();
  await registerPasskey(cognito, token, authenticator, server.url);

  const offered = await userAuth("two");
  assert.deepEqual(offered.AvailableChallenges, ["WEB_AUTHN", "PASSWORD", "PASSWORD_SRP"], "no email code for a user with MFA on (Cognito's rule)");
  const refused = await refusal(userAuth("two", { PREFERRED_CHALLENGE: "EMAIL_OTP" }).then((answer) => {
    assert.equal(answer.ChallengeName, "SELECT_CHALLENGE");
    return cognito.send(new RespondToAuthChallengeCommand({ ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: answer.Session, ChallengeResponses: { USERNAME: "two", ANSWER: "EMAIL_OTP" } }));
  }));
  assert.equal(refused.name, "InvalidParameterException");

  const verified = await passkeyChallenge(cognito, "two");
  const direct = await answerPasskey(cognito, "two", verified.session, authenticator.get(verified.options, { origin: server.url }));
  assert.ok(direct.AuthenticationResult?.AccessToken, "user verification (PIN, biometrics) is the second factor");

  authenticator.userVerification = false;
  const presenceOnly = await passkeyChallenge(cognito, "two");
  const next = await answerPasskey(cognito, "two", presenceOnly.session, authenticator.get(presenceOnly.options, { origin: server.url }));
  assert.equal(next.ChallengeName, "SOFTWARE_TOKEN_MFA", "a touch alone is one factor");

  const password = await userAuth("two", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: API_PASSWORD });
  assert.equal(password.ChallengeName, "SOFTWARE_TOKEN_MFA");
});

test("AdminInitiateAuth takes USER_AUTH too, and AdminRespondToAuthChallenge answers its challenges", async () => {
  const key = await createSigningKey(server, "back-end");
  try {
    const chosen = await key.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: PASSKEY_POOL, ClientId: "app", AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "adm" } }));
    assert.equal(chosen.ChallengeName, "SELECT_CHALLENGE");
    assert.deepEqual(chosen.AvailableChallenges, ["EMAIL_OTP", "PASSWORD", "PASSWORD_SRP"]);
    const signedIn = await key.cognito.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: PASSKEY_POOL, ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: chosen.Session,
      ChallengeResponses: { USERNAME: "adm", ANSWER: "PASSWORD", PASSWORD: API_PASSWORD },
    }));
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
    const refused = await refusal(key.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: PASSKEY_POOL, ClientId: "nochoice", AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "adm" } })));
    assert.equal(refused.name, "InvalidParameterException", "the client must allow USER_AUTH");
  } finally {
    key.cognito.destroy();
  }
});

test("SMS_OTP signs in with a code sent to the verified phone, offered only to users who have one", async () => {
  const chosen = await userAuth("sms");
  assert.deepEqual(chosen.AvailableChallenges, ["EMAIL_OTP", "SMS_OTP", "PASSWORD", "PASSWORD_SRP"]);
  const sent = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "SELECT_CHALLENGE", Session: chosen.Session, ChallengeResponses: { USERNAME: "sms", ANSWER: "SMS_OTP" },
  }));
  assert.equal(sent.ChallengeName, "SMS_OTP");
  assert.equal(sent.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "SMS");
  assert.equal(sent.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "+*******9999");
  const code = await latestCode(server.url, "+15550009999");
  const signedIn = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "app", ChallengeName: "SMS_OTP", Session: sent.Session, ChallengeResponses: { USERNAME: "sms", SMS_OTP_CODE: code },
  }));
  assert.ok(signedIn.AuthenticationResult?.AccessToken);
});
