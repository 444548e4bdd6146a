import { test } from "node:test";
import assert from "node:assert/strict";
import { deliveryAddress, maskDestination, userAttributes, type UserRow } from "./user.ts";

const USER: UserRow = {
  id: "sub-1", poolId: "local_Test00001", username: "alice", usernameKey: "alice", email: "Alice@Example.com", emailKey: "alice@example.com",
  emailVerified: true, phoneNumber: "+14155550123", phoneVerified: false, attributes: { given_name: "Alice", "custom:tier": "gold" },
  passwordHash: "hash", passwordSetAt: new Date(0), status: "CONFIRMED", enabled: true, failedAttempts: 2, lockedUntil: null, totpSecretEnc: null, totpLastStep: null, totpPendingEnc: null, totpEnabled: true, smsMfaEnabled: false, emailMfaEnabled: false, preferredMfa: null, srpVerifierEnc: null,
  createdAt: new Date(0), updatedAt: new Date(0),
};

test("user attributes: reported as Cognito does, all strings, sub first", () => {
  const attributes = userAttributes(USER);
  assert.deepEqual(attributes, {
    sub: "sub-1", email: "Alice@Example.com", email_verified: "true", phone_number: "+14155550123", phone_number_verified: "false",
    given_name: "Alice", "custom:tier": "gold",
  });
  assert.equal(Object.keys(attributes)[0], "sub");
  assert.deepEqual(userAttributes({ ...USER, email: null, phoneNumber: null, attributes: {} }), { sub: "sub-1" });
});

test("codes: a code goes to the email, else the phone", () => {
  assert.equal(deliveryAddress(USER), "Alice@Example.com");
  assert.equal(deliveryAddress({ email: null, phoneNumber: "+14155550123" }), "+14155550123");
  assert.equal(deliveryAddress({ email: null, phoneNumber: null }), null);
});

test("codes: where a code went is shown masked, never in full", () => {
  assert.equal(maskDestination("alice@example.com"), "a***@e***");
  assert.equal(maskDestination("+14155550123"), "+*******0123");
  assert.ok(!maskDestination("bob.smith@company.example").includes("company"));
});
