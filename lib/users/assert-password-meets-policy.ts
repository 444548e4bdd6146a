// The pool's password policy, as Cognito answers a password that breaks it: one
// InvalidPasswordException naming every rule the password misses. A password that meets the rules
// but is on the list of common and leaked passwords (lib/security/common-passwords.ts) is refused
// too, with its own message: every place a password is set calls this one check.
import { AppError } from "../errors.ts";
import { unmetPasswordRules } from "../pools/password-policy.ts";
import type { Pool } from "../pools/pool.ts";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "../security/common-passwords.ts";

export function assertPasswordMeetsPolicy(pool: Pick<Pool, "passwordPolicy">, password: string): void {
  const unmet = unmetPasswordRules(pool.passwordPolicy, password);
  if (unmet.length) {
    throw new AppError("InvalidPasswordException", `Password does not meet the requirements: ${unmet.join(", ").toLowerCase()}.`, { field: "password" });
  }
  if (isCommonPassword(password)) throw new AppError("InvalidPasswordException", COMMON_PASSWORD_MESSAGE, { field: "password" });
}
