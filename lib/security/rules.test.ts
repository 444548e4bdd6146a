// Unit tests of the security rules that need no database.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import { verifyTotpCode, createTotpSecret } from "../mfa/totp.ts";
import { unmetPasswordRules } from "../pools/password-policy.ts";
import { lockSeconds } from "../users/verify-sign-in.ts";
import { constantTimeEqual, createSecrets, randomDigits } from "./secrets.ts";

const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 7 };

test("password policy: each unmet rule is named", () => {
  assert.deepEqual(unmetPasswordRules(policy, "abc"), ["At least 8 characters", "An uppercase letter", "A number", "A symbol"]);
  assert.deepEqual(unmetPasswordRules(policy, "Sunny-Day-42"), []);
  assert.deepEqual(unmetPasswordRules(policy, "Ünïcödé-Pass-1"), [], "letters outside ASCII count as letters");
});

test("lockout: a user is locked after 5 failed attempts, with growing delays up to 15 minutes", () => {
  assert.equal(lockSeconds(4), 0);
  assert.equal(lockSeconds(5), 30);
  assert.equal(lockSeconds(6), 60);
  assert.equal(lockSeconds(7), 120);
  assert.equal(lockSeconds(20), 900);
});

test("TOTP codes cannot be replayed within their window", async () => {
  const secret = createTotpSecret();
  const code = await generate({ secret });
  const step = await verifyTotpCode({ secret, code });
  assert.equal(typeof step, "number");
  assert.equal(await verifyTotpCode({ secret, code, afterTimeStep: step }), null);
  assert.equal(await verifyTotpCode({ secret, code: "12345a" }), null);
});

test("secrets at rest: sealed values round-trip, and tampering or another key is detected", () => {
  const secrets = createSecrets("a-root-secret-that-is-long-enough-0001");
  const sealed = secrets.encrypt("JBSWY3DPEHPK3PXP");
  assert.notEqual(sealed, "JBSWY3DPEHPK3PXP");
  assert.equal(secrets.decrypt(sealed), "JBSWY3DPEHPK3PXP");
  const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
  assert.throws(() => secrets.decrypt(tampered));
  assert.throws(() => createSecrets("another-root-secret-long-enough-000002").decrypt(sealed));
});

test("codes are six random digits and comparisons are exact", () => {
  const codes = new Set(Array.from({ length: 50 }, () => randomDigits(6)));
  for (const code of codes) assert.match(code, /^\d{6}$/);
  assert.ok(codes.size > 45);
  assert.equal(constantTimeEqual("abc", "abc"), true);
  assert.equal(constantTimeEqual("abc", "abd"), false);
  assert.equal(constantTimeEqual("abc", "abcd"), false);
});
