import { test } from "node:test";
import assert from "node:assert/strict";
import type { UserRow } from "../users/user.ts";
import { accessTokenUserClaims, idTokenUserClaims, userInfoClaims, type UserClaimsSource } from "./claims.ts";

function user(overrides: Partial<UserRow> = {}): UserRow {
  return {
    id: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10",
    poolId: "local_Test00001",
    username: "alice",
    usernameKey: "alice",
    email: "alice@example.com",
    emailKey: "alice@example.com",
    emailVerified: true,
    phoneNumber: "+14155550123",
    phoneVerified: false,
    attributes: { given_name: "Alice", family_name: "Liddell", locale: "en-GB", "custom:tier": "gold" },
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    passwordSetAt: new Date(0),
    status: "CONFIRMED",
    enabled: true,
    failedAttempts: 0,
    lockedUntil: null,
    totpSecretEnc: "v1.iv.tag.body",
    totpLastStep: 59_000_000n,
    totpPendingEnc: null,
    totpEnabled: true,
    smsMfaEnabled: false,
    emailMfaEnabled: false,
    preferredMfa: null,
    srpVerifierEnc: null,
    createdAt: new Date("2025-01-01T00:00:00Z"),
    updatedAt: new Date("2025-01-02T00:00:00Z"),
    ...overrides,
  };
}

/** A client with the default ReadAttributes: every attribute. */
const ALL = { readAttributes: null };

const GROUPS: UserClaimsSource["groups"] = [
  { name: "staff", precedence: 5, roleArn: "arn:aws:iam::123456789012:role/Staff" },
  { name: "readers", precedence: null, roleArn: null },
  { name: "admins", precedence: 1, roleArn: "arn:aws:iam::123456789012:role/Admin" },
  { name: "beta", precedence: null, roleArn: null },
  { name: "support", precedence: 5, roleArn: null },
];

test("ID token: every attribute, Cognito's own claims, and token_use id", () => {
  const claims = idTokenUserClaims({ user: user(), groups: [] }, ALL);
  assert.deepEqual(claims, {
    sub: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10",
    email: "alice@example.com",
    email_verified: true,
    phone_number: "+14155550123",
    phone_number_verified: false,
    given_name: "Alice",
    family_name: "Liddell",
    locale: "en-GB",
    "custom:tier": "gold",
    "cognito:username": "alice",
    token_use: "id",
  });
});

test("ID token: email_verified and phone_number_verified are booleans, not strings", () => {
  const claims = idTokenUserClaims({ user: user({ emailVerified: false, phoneVerified: true }), groups: [] }, ALL);
  assert.equal(claims.email_verified, false);
  assert.equal(claims.phone_number_verified, true);
});

test("ID token: no verification flag for a contact the user does not have", () => {
  const claims = idTokenUserClaims({ user: user({ email: null, emailKey: null, phoneNumber: null }), groups: [] }, ALL);
  for (const name of ["email", "email_verified", "phone_number", "phone_number_verified"]) assert.ok(!(name in claims), name);
});

test("ID token: nothing secret or internal leaks into claims", () => {
  const claims = idTokenUserClaims({ user: user(), groups: GROUPS }, ALL);
  const serialized = JSON.stringify(claims);
  for (const secret of ["argon2id", "v1.iv.tag.body", "59000000", "CONFIRMED", "local_Test00001"]) assert.ok(!serialized.includes(secret), secret);
  for (const field of ["passwordHash", "passwordSetAt", "totpSecretEnc", "totpLastStep", "status", "failedAttempts", "usernameKey", "emailKey"]) assert.ok(!(field in claims), field);
});

test("ID token: cognito:groups are ordered by precedence (lowest first), unranked last, then by name", () => {
  const claims = idTokenUserClaims({ user: user(), groups: GROUPS }, ALL);
  assert.deepEqual(claims["cognito:groups"], ["admins", "staff", "support", "beta", "readers"]);
});

test("ID token: cognito:roles follow the group order, and cognito:preferred_role is the first", () => {
  const claims = idTokenUserClaims({ user: user(), groups: GROUPS }, ALL);
  assert.deepEqual(claims["cognito:roles"], ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Staff"]);
  assert.equal(claims["cognito:preferred_role"], "arn:aws:iam::123456789012:role/Admin");
});

test("ID token: no group claims without groups, no role claims without roles", () => {
  const none = idTokenUserClaims({ user: user(), groups: [] }, ALL);
  for (const name of ["cognito:groups", "cognito:roles", "cognito:preferred_role"]) assert.ok(!(name in none), name);
  const roleless = idTokenUserClaims({ user: user(), groups: [{ name: "beta", precedence: 3, roleArn: null }] }, ALL);
  assert.deepEqual(roleless["cognito:groups"], ["beta"]);
  assert.ok(!("cognito:roles" in roleless));
  assert.ok(!("cognito:preferred_role" in roleless));
});

test("access token: username and groups only, no profile attributes", () => {
  assert.deepEqual(accessTokenUserClaims({ user: user(), groups: GROUPS }), {
    username: "alice",
    "cognito:groups": ["admins", "staff", "support", "beta", "readers"],
  });
  assert.deepEqual(accessTokenUserClaims({ user: user(), groups: [] }), { username: "alice" });
});

test("userInfo: openid alone gives sub and username only", () => {
  assert.deepEqual(userInfoClaims({ user: user(), groups: GROUPS }, new Set(["openid"]), ALL), {
    sub: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10",
    username: "alice",
  });
});

test("userInfo: attributes are filtered by the token's scopes", () => {
  const source = { user: user(), groups: GROUPS };
  const base = { sub: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10", username: "alice" };
  assert.deepEqual(userInfoClaims(source, new Set(["openid", "email"]), ALL), { ...base, email: "alice@example.com", email_verified: "true" });
  assert.deepEqual(userInfoClaims(source, new Set(["openid", "phone"]), ALL), { ...base, phone_number: "+14155550123", phone_number_verified: "false" });
  assert.deepEqual(userInfoClaims(source, new Set(["openid", "profile"]), ALL), {
    ...base, given_name: "Alice", family_name: "Liddell", locale: "en-GB", "custom:tier": "gold",
  });
});

test("userInfo: aws.cognito.signin.user.admin gives every attribute, as strings", () => {
  const claims = userInfoClaims({ user: user(), groups: GROUPS }, new Set(["openid", "aws.cognito.signin.user.admin"]), ALL);
  assert.deepEqual(claims, {
    sub: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10",
    username: "alice",
    email: "alice@example.com",
    email_verified: "true",
    phone_number: "+14155550123",
    phone_number_verified: "false",
    given_name: "Alice",
    family_name: "Liddell",
    locale: "en-GB",
    "custom:tier": "gold",
  });
  assert.ok(!("cognito:groups" in claims));
});

test("ID token: only the attributes the client may read; sub, cognito:username, groups and token_use always", () => {
  const claims = idTokenUserClaims({ user: user(), groups: GROUPS }, { readAttributes: ["email", "given_name"] });
  assert.deepEqual(claims, {
    sub: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10",
    email: "alice@example.com",
    given_name: "Alice",
    "cognito:username": "alice",
    "cognito:groups": ["admins", "staff", "support", "beta", "readers"],
    "cognito:roles": ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Staff"],
    "cognito:preferred_role": "arn:aws:iam::123456789012:role/Admin",
    token_use: "id",
  });
  const verified = idTokenUserClaims({ user: user(), groups: [] }, { readAttributes: ["email_verified", "custom:tier"] });
  assert.deepEqual(Object.keys(verified).sort(), ["cognito:username", "custom:tier", "email_verified", "sub", "token_use"]);
});

test("userInfo: scopes and the client's readable attributes both apply", () => {
  const source = { user: user(), groups: GROUPS };
  const claims = userInfoClaims(source, new Set(["openid", "aws.cognito.signin.user.admin"]), { readAttributes: ["email", "locale"] });
  assert.deepEqual(claims, { sub: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10", username: "alice", email: "alice@example.com", locale: "en-GB" });
  const narrow = userInfoClaims(source, new Set(["openid", "email"]), { readAttributes: ["locale", "custom:tier"] });
  assert.deepEqual(narrow, { sub: "5f0c1e52-7a47-4a1e-9a1b-3c3f0f4a7b10", username: "alice" });
});
