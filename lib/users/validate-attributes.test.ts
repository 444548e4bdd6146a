import { test } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import { PasswordPolicySchema } from "../pools/config-schema.ts";
import type { Pool } from "../pools/pool.ts";
import { validateAttributes } from "./validate-attributes.ts";

const POOL: Pool = {
  id: "local_Test00001",
  name: "Acme",
  system: false,
  branding: null,
  triggers: {},
  identityProviders: [], defaultLanguage: "en", migrateFrom: null,
  signInAliases: ["email"],
  autoVerifiedAttributes: ["email"],
  requiredAttributes: ["email", "given_name"],
  selfSignUp: true,
  mfa: "OFF",
  mfaMethods: ["TOTP"], signInMethods: ["PASSWORD"], passkeys: { userVerification: "preferred" }, deviceTracking: "OFF", skipMfaOnRememberedDevices: false,
  passwordPolicy: PasswordPolicySchema.parse({}),
  customAttributes: [
    { name: "tier", type: "String", mutable: true },
    { name: "seats", type: "Number", mutable: true },
    { name: "beta", type: "Boolean", mutable: true },
  ],
};

const LOOSE = { enforceRequired: false };
const STRICT = { enforceRequired: true };

function refused(input: Record<string, string>, options: { enforceRequired: boolean }, field: string, message: string | RegExp) {
  assert.throws(() => validateAttributes(POOL, input, options), (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, "InvalidParameterException");
    assert.equal(error.status, 400);
    assert.equal(error.field, field);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

test("attributes: valid input is split into contacts, flags and the rest, trimmed", () => {
  const result = validateAttributes(POOL, {
    email: "  alice@example.com ", email_verified: "true", phone_number: "+14155550123", phone_number_verified: "false",
    given_name: " Alice ", "custom:tier": "gold", "custom:seats": "12.5", "custom:beta": "true",
  }, STRICT);
  assert.deepEqual(result, {
    email: "alice@example.com",
    phoneNumber: "+14155550123",
    emailVerified: true,
    phoneVerified: false,
    other: { given_name: "Alice", "custom:tier": "gold", "custom:seats": "12.5", "custom:beta": "true" },
  });
});

test("attributes: a malformed email address is refused", () => {
  for (const email of ["alice", "alice@", "@example.com", "alice@@example.com", "alice example@example.com"]) {
    refused({ email }, LOOSE, "email", "Enter a valid email address.");
  }
});

test("attributes: a phone number must be in E.164 international format", () => {
  for (const phone_number of ["4155550123", "+0155550123", "+1 415 555 0123", "+1415555012345678", "+12345", "+1-415-555-0123"]) {
    refused({ phone_number }, LOOSE, "phone_number", /international format/);
  }
  assert.equal(validateAttributes(POOL, { phone_number: "+442071838750" }, LOOSE).phoneNumber, "+442071838750");
});

test("attributes: a custom attribute the pool does not define is refused", () => {
  refused({ "custom:plan": "pro" }, LOOSE, "custom:plan", "Attribute custom:plan is not defined in this user pool.");
  // Custom attribute names are matched exactly.
  refused({ "custom:Tier": "gold" }, LOOSE, "custom:Tier", /not defined/);
});

test("attributes: custom attributes are checked against their type", () => {
  refused({ "custom:seats": "twelve" }, LOOSE, "custom:seats", "custom:seats must be a number.");
  refused({ "custom:beta": "yes" }, LOOSE, "custom:beta", "custom:beta must be true or false.");
  refused({ "custom:tier": "x".repeat(2049) }, LOOSE, "custom:tier", "custom:tier is too long.");
});

test("attributes: names that are neither standard nor custom are refused, and sub cannot be set", () => {
  refused({ favourite_colour: "blue" }, LOOSE, "favourite_colour", "Attribute favourite_colour is not a standard or custom attribute.");
  refused({ "cognito:username": "mallory" }, LOOSE, "cognito:username", /not a standard or custom attribute/);
  refused({ sub: "someone-else" }, LOOSE, "sub", "sub cannot be set.");
  refused({ given_name: "x".repeat(2049) }, LOOSE, "given_name", "given_name is too long.");
});

test("attributes: a required attribute that is missing or blank is named", () => {
  refused({ email: "alice@example.com" }, STRICT, "given_name", "Given name is required.");
  refused({ email: "alice@example.com", given_name: "   " }, STRICT, "given_name", "Given name is required.");
  refused({ given_name: "Alice" }, STRICT, "email", "Email is required.");
  refused({ given_name: "Alice", email: "" }, STRICT, "email", "Email is required.");
  // Without enforcement (admin tools, the config file) they may be missing.
  assert.deepEqual(validateAttributes(POOL, {}, LOOSE), { email: null, phoneNumber: null, emailVerified: false, phoneVerified: false, other: {} });
});

test("attributes: verification flags are true only for the string \"true\"", () => {
  for (const value of ["1", "TRUE", "yes", ""]) assert.equal(validateAttributes(POOL, { email_verified: value }, LOOSE).emailVerified, false, value);
  assert.equal(validateAttributes(POOL, { phone_number_verified: "true" }, LOOSE).phoneVerified, true);
});
