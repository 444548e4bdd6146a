// What the admin second-factor tests share: a pool with optional MFA and all three factors
// (authenticator, SMS, email), device tracking that skips MFA on remembered devices, and users
// with a verified email and phone. Factors are set up as users do (the Cognito API); recovery
// codes and a passkey are written with the library functions and rows the real enrolment writes.
import { randomBytes } from "node:crypto";
import assert from "node:assert/strict";
import { AssociateSoftwareTokenCommand, InitiateAuthCommand, VerifySoftwareTokenCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { totpCode } from "./cognito-clients.ts";
import { createDb } from "../../lib/db/client.ts";
import { regenerateRecoveryCodes } from "../../lib/mfa/recovery-codes.ts";
import { API_DEVICE_POOL, devicesConfig } from "./devices.ts";
import type { RunningServer } from "./server.ts";

export const FACTORS_POOL = API_DEVICE_POOL;
export const FACTORS_CLIENT = "devices-spa";

/** The Cognito API's device pool (USER_OPT_IN, skip MFA) with MFA optional and SMS and email codes offered too. */
export function factorsConfig() {
  const [pool] = devicesConfig().pools;
  return {
    pools: [{
      ...pool!,
      mfa: "OPTIONAL",
      mfaMethods: ["TOTP", "SMS", "EMAIL"],
      users: ["dana", "eve", "fay", "gus", "hal"].map((username, i) => ({
        username, password: "Passw0rd!",
        attributes: { email: `${username}@example.com`, email_verified: "true", phone_number: `+1555010000${i}`, phone_number_verified: "true" },
      })),
    }],
  };
}

/** Ten recovery codes for the user (as the enrolment page makes them), and a passkey row as registration stores it. */
export async function giveCodesAndPasskey(server: RunningServer, username: string): Promise<{ codes: string[]; credentialId: string }> {
  const db = createDb({ url: server.shared.DATABASE_URL!, embedded: false });
  try {
    const user = await db.user.findUniqueOrThrow({ where: { poolId_usernameKey: { poolId: FACTORS_POOL, usernameKey: username } } });
    const codes = await regenerateRecoveryCodes(db, { userId: user.id });
    const credentialId = randomBytes(16).toString("base64url");
    await db.webAuthnCredential.create({
      data: {
        poolId: FACTORS_POOL, userId: user.id, credentialId, publicKey: randomBytes(77), transports: ["internal"], attachment: "platform",
        deviceType: "multiDevice", backedUp: true, relyingPartyId: "localhost", friendlyName: `${username}'s laptop`,
      },
    });
    return { codes, credentialId };
  } finally {
    await db.$disconnect();
  }
}

/** Signs in with the password alone (MFA is optional) and sets up the authenticator as an app does: AssociateSoftwareToken, VerifySoftwareToken. */
export async function setUpTotpOptional(cognito: CognitoIdentityProviderClient, username: string): Promise<string> {
  const signedIn = await cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: FACTORS_CLIENT, AuthParameters: { USERNAME: username, PASSWORD: "Passw0rd!" } }));
  const accessToken = signedIn.AuthenticationResult?.AccessToken;
  assert.ok(accessToken, `no second factor yet: ${signedIn.ChallengeName}`);
  const associated = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const verified = await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: await totpCode(associated.SecretCode!) }));
  assert.equal(verified.Status, "SUCCESS");
  return associated.SecretCode!;
}
