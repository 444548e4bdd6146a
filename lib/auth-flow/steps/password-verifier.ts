// PASSWORD_VERIFIER with the password itself (USER_PASSWORD_AUTH, and the hosted sign-in form).
// SRP (USER_SRP_AUTH) will answer the same challenge with a proof instead, then continue here.
import { verifySignInPassword } from "../../users/verify-sign-in.ts";
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { afterPassword } from "./after-password.ts";

export async function passwordVerifier({ deps, pool, state, answers }: StepInput<Answers["PASSWORD_VERIFIER"]>): Promise<Outcome> {
  const login = required(answers.USERNAME, "USERNAME", "login");
  const password = required(answers.PASSWORD, "PASSWORD", "password");
  const user = await verifySignInPassword(deps, { pool, login, password });
  return afterPassword(deps, pool, state, user);
}
