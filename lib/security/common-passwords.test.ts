import { test } from "node:test";
import assert from "node:assert/strict";
import { commonPasswordCount, isCommonPassword } from "./common-passwords.ts";
import { assertPasswordMeetsPolicy } from "../users/assert-password-meets-policy.ts";
import { PasswordPolicySchema } from "../pools/config-schema.ts";

test("common passwords: the list is zxcvbn-ts's, tens of thousands of entries", () => {
  assert.ok(commonPasswordCount() > 40_000, `only ${commonPasswordCount()} entries`);
});

test("common passwords: real entries are found whatever their case", () => {
  for (const password of ["password", "123456", "qwerty", "iloveyou", "trustno1", "letmein", "Passw0rd", "P@ssw0rd", "PASSWORD1", "Qwerty123", "hunter2"]) {
    assert.equal(isCommonPassword(password), true, password);
  }
});

test("common passwords: an exact entry only; a password with more to it is not refused by the list", () => {
  for (const password of ["Passw0rd!", "Sunny-Day-42", "correct horse battery staple", "Temp0rary!", ""]) {
    assert.equal(isCommonPassword(password), false, password);
  }
});

test("common passwords: the policy check refuses them with InvalidPasswordException and the page's words", () => {
  const pool = { passwordPolicy: PasswordPolicySchema.parse({ minLength: 8, requireSymbols: true }) };
  assert.throws(() => assertPasswordMeetsPolicy(pool, "P@ssw0rd"), (e: unknown) => {
    const error = e as { code: string; field: string; message: string };
    return error.code === "InvalidPasswordException" && error.field === "password"
      && error.message === "This password is too common; it appears in lists of leaked passwords. Choose another.";
  });
  // The policy's own message comes first when a rule is missed too.
  assert.throws(() => assertPasswordMeetsPolicy(pool, "password"), /Password does not meet the requirements/);
  assert.doesNotThrow(() => assertPasswordMeetsPolicy(pool, "Sunny-Day-42"));
});
