// The pool the SMS / email code specs sign in to: MFA required, with the authenticator app, SMS and
// email codes offered. Without SMS_URL, codes to phones land in the outbox, where the specs read them.
// Users: erin (a verified email only: EMAIL_OTP at once), cole (a verified phone and email: chooses),
// ally and ivy (accessibility scans), all belonging to one spec each.
import { CALLBACK, PASSWORD } from "../tests/support/fixtures.ts";

export const CODES_POOL = "local_MfaCodes1";
export const CODES_CLIENT = "codes-web";

const user = (username: string, phone: string | null) => ({
  username, password: PASSWORD,
  attributes: { email: `${username}@example.com`, email_verified: "true", ...(phone ? { phone_number: phone, phone_number_verified: "true" } : {}) },
});

export function codesPoolConfig() {
  return {
    id: CODES_POOL, name: "Codes & Co", signInAliases: ["email"], autoVerifiedAttributes: ["email"], mfa: "ON", mfaMethods: ["TOTP", "SMS", "EMAIL"],
    clients: [{ clientId: CODES_CLIENT, name: "Codes web", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"] }],
    users: [user("erin", null), user("cole", "+15550300001"), user("ally", "+15550300002"), user("ivy", null)],
  };
}
