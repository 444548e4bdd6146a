// Which second factor the account page lets a user turn off: any, unless the pool requires MFA and
// it is the user's last one (the authenticator included, which may go while a code factor stays on).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Pool } from "../pools/pool.ts";
import type { UserRow } from "../users/user.ts";
import { factorRemovable } from "./security-view.ts";

const user = (over: Partial<UserRow>) => ({
  totpSecretEnc: null, totpEnabled: true, smsMfaEnabled: false, emailMfaEnabled: false, preferredMfa: null,
  email: "a@example.com", emailVerified: true, phoneNumber: "+15550100000", phoneVerified: true, ...over,
}) as UserRow;
const pool = (mfa: Pool["mfa"]) => ({ mfa, mfaMethods: ["TOTP", "SMS", "EMAIL"] }) as unknown as Pool;

test("where MFA is optional, every factor may be turned off", () => {
  assert.equal(factorRemovable(user({ totpSecretEnc: "x" }), pool("OPTIONAL"), "SOFTWARE_TOKEN_MFA"), true);
  assert.equal(factorRemovable(user({ smsMfaEnabled: true }), pool("OPTIONAL"), "SMS_MFA"), true);
});

test("where MFA is required, the last factor stays, and any one of two may go", () => {
  assert.equal(factorRemovable(user({ totpSecretEnc: "x" }), pool("ON"), "SOFTWARE_TOKEN_MFA"), false);
  assert.equal(factorRemovable(user({ emailMfaEnabled: true }), pool("ON"), "EMAIL_OTP"), false);
  assert.equal(factorRemovable(user({ totpSecretEnc: "x", emailMfaEnabled: true }), pool("ON"), "SOFTWARE_TOKEN_MFA"), true);
  assert.equal(factorRemovable(user({ totpSecretEnc: "x", emailMfaEnabled: true }), pool("ON"), "EMAIL_OTP"), true);
  // A code factor whose address is no longer verified does not count.
  assert.equal(factorRemovable(user({ totpSecretEnc: "x", emailMfaEnabled: true, emailVerified: false }), pool("ON"), "SOFTWARE_TOKEN_MFA"), false);
});
