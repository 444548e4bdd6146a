// The pool's password policy, as Cognito answers a password that breaks it: one
// InvalidPasswordException naming every rule the password misses.
import { AppError } from "../errors.ts";
import { unmetPasswordRules } from "../pools/password-policy.ts";
import type { Pool } from "../pools/pool.ts";

export function assertPasswordMeetsPolicy(pool: Pick<Pool, "passwordPolicy">, password: string): void {
  const unmet = unmetPasswordRules(pool.passwordPolicy, password);
  if (unmet.length) {
    throw new AppError("InvalidPasswordException", `Password does not meet the requirements: ${unmet.join(", ").toLowerCase()}.`, { field: "password" });
  }
}
