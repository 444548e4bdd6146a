// What the passkey and choice-based sign-in tests share: a pool whose users may start with a
// passkey, an email code or their password, clients that allow USER_AUTH, and the steps every
// test takes through the real AWS SDK (sign in, register a passkey with the software authenticator).
import assert from "node:assert/strict";
import {
  CompleteWebAuthnRegistrationCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, StartWebAuthnRegistrationCommand, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { ALL_FLOWS, API_PASSWORD } from "./cognito-api.ts";
import type { SoftwareAuthenticator } from "./authenticator.ts";

export const PASSKEY_POOL = "local_Passkey01";
export const NO_PASSKEY_POOL = "local_NoPassk01";

const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };
const client = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId, clientSecret: null, name: clientId, callbackUrls: ["http://localhost:4000/callback"], logoutUrls: ["http://localhost:4000/"],
  allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
  explicitAuthFlows: [...ALL_FLOWS, "ALLOW_USER_AUTH"], ...extra,
});
export const passkeyUser = (username: string, attributes: Record<string, string> = {}) => ({
  username, password: API_PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true", ...attributes },
});

export function passkeyConfig(usernames: string[]) {
  return {
    pools: [
      {
        id: PASSKEY_POOL, name: "Passkeys", signInAliases: ["username", "email"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "OPTIONAL", passwordPolicy: policy,
        signInMethods: ["PASSWORD", "PASSKEY", "EMAIL_OTP", "SMS_OTP"], passkeys: { userVerification: "preferred" },
        clients: [client("app"), client("legacy", { preventUserExistenceErrors: "LEGACY" }), client("nochoice", { explicitAuthFlows: ALL_FLOWS })],
        users: [...usernames.map((u) => passkeyUser(u)), passkeyUser("sms", { phone_number: "+15550009999", phone_number_verified: "true" })],
      },
      {
        id: NO_PASSKEY_POOL, name: "No passkeys", signInAliases: ["username"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "OFF", passwordPolicy: policy,
        clients: [client("plain")], users: [passkeyUser("nina")],
      },
    ],
  };
}

/** A password sign-in that finishes at once: the access token. */
export async function accessTokenOf(cognito: CognitoIdentityProviderClient, username: string, clientId = "app"): Promise<string> {
  const answer = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: API_PASSWORD } }));
  assert.ok(answer.AuthenticationResult?.AccessToken, `${username} signs in with the password`);
  return answer.AuthenticationResult.AccessToken;
}

/** Registers a passkey of `authenticator` for the holder of `accessToken`, from `origin`. */
export async function registerPasskey(cognito: CognitoIdentityProviderClient, accessToken: string, authenticator: SoftwareAuthenticator, origin: string): Promise<void> {
  const started = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
  const credential = authenticator.create(started.CredentialCreationOptions as Record<string, unknown>, { origin });
  await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as never }));
}

/** USER_AUTH preferring WEB_AUTHN: the challenge's Session and request options. */
export async function passkeyChallenge(cognito: CognitoIdentityProviderClient, username: string, clientId = "app") {
  const answer = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "WEB_AUTHN" } }));
  assert.equal(answer.ChallengeName, "WEB_AUTHN");
  return { session: answer.Session!, options: JSON.parse(answer.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as Record<string, unknown> };
}

export function answerPasskey(cognito: CognitoIdentityProviderClient, username: string, session: string, credential: unknown, clientId = "app") {
  return cognito.send(new RespondToAuthChallengeCommand({
    ClientId: clientId, ChallengeName: "WEB_AUTHN", Session: session, ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
  }));
}
