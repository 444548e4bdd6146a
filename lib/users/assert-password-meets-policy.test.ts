import { test } from "node:test";
import assert from "node:assert/strict";
import { PasswordPolicySchema } from "../pools/config-schema.ts";
import { assertPasswordMeetsPolicy } from "./assert-password-meets-policy.ts";

const pool = { passwordPolicy: PasswordPolicySchema.parse({ minLength: 10 }) };

test("password policy: one InvalidPasswordException on the password field naming what is missing", () => {
  assert.throws(() => assertPasswordMeetsPolicy(pool, "short"), (e: unknown) => {
    const error = e as { code: string; field: string; message: string };
    return error.code === "InvalidPasswordException" && error.field === "password" && /^Password does not meet the requirements: .*\.$/.test(error.message);
  });
  assert.doesNotThrow(() => assertPasswordMeetsPolicy(pool, "Long enough 1!"));
});
