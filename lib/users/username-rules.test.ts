import { test } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import { aliasShape, assertUsernameAllowed, usernameProblem } from "./username-rules.ts";

const EMAIL_ALIAS = { signInAliases: ["username", "email"] as ("username" | "email" | "phone")[] };
const PHONE_ALIAS = { signInAliases: ["username", "phone"] as ("username" | "email" | "phone")[] };
const EMAIL_ONLY = { signInAliases: ["email"] as ("username" | "email" | "phone")[] };
const USERNAMES_ONLY = { signInAliases: ["username"] as ("username" | "email" | "phone")[] };

test("username rules: with email as a sign-in alias, nothing email-shaped is a username (Cognito's wording)", () => {
  for (const pool of [EMAIL_ALIAS, EMAIL_ONLY]) {
    assert.equal(usernameProblem(pool, "bob@example.com"), "Username cannot be of email format, since user pool is configured for email alias.");
    assert.equal(usernameProblem(pool, "Bob@Example.COM"), "Username cannot be of email format, since user pool is configured for email alias.");
    assert.match(usernameProblem(pool, "bob@localhost")!, /email format/, "any @: no address can slip through a stricter email check");
    assert.equal(usernameProblem(pool, "bob"), null);
  }
  assert.equal(usernameProblem(EMAIL_ALIAS, "+14155550123"), null, "a phone-shaped name is fine where phone is not an alias");
});

test("username rules: with phone as a sign-in alias, an E.164 number is not a username", () => {
  assert.equal(usernameProblem(PHONE_ALIAS, "+14155550123"), "Username cannot be of phone number format, since user pool is configured for phone number alias.");
  assert.equal(usernameProblem(PHONE_ALIAS, "14155550123"), null, "without + it is no phone number an account can hold");
  assert.equal(usernameProblem(PHONE_ALIAS, "bob@example.com"), null);
});

test("username rules: pools without those aliases keep any Cognito-valid username", () => {
  assert.equal(usernameProblem(USERNAMES_ONLY, "bob@example.com"), null);
  assert.equal(usernameProblem(USERNAMES_ONLY, "+14155550123"), null);
  assert.match(usernameProblem(USERNAMES_ONLY, "two words")!, /without spaces/);
  assert.match(usernameProblem(USERNAMES_ONLY, "")!, /1-128 characters/);
  assert.match(usernameProblem(USERNAMES_ONLY, "x".repeat(129))!, /1-128 characters/);
});

test("username rules: assertUsernameAllowed trims, and refuses on the username field", () => {
  assert.equal(assertUsernameAllowed(EMAIL_ALIAS, "  carol "), "carol");
  assert.throws(() => assertUsernameAllowed(EMAIL_ALIAS, " bob@example.com "), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "InvalidParameterException");
    assert.equal(error.field, "username");
    return true;
  });
  assert.throws(() => assertUsernameAllowed(EMAIL_ALIAS, undefined), AppError);
});

test("alias shape: what the sign-in lookup treats as an alias only", () => {
  assert.equal(aliasShape(EMAIL_ALIAS, "bob@example.com"), "email");
  assert.equal(aliasShape(EMAIL_ALIAS, "bob"), null);
  assert.equal(aliasShape(PHONE_ALIAS, "+14155550123"), "phone");
  assert.equal(aliasShape(USERNAMES_ONLY, "bob@example.com"), null);
});
