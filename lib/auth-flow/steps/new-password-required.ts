// NEW_PASSWORD_REQUIRED: a user with a temporary password chooses their own, then MFA.
import { completeNewPassword } from "../../users/reset-password.ts";
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { mfaStep } from "./after-password.ts";
import { loadUser } from "./load-user.ts";

export async function newPasswordRequired({ deps, pool, state, answers }: StepInput<Answers["NEW_PASSWORD_REQUIRED"]>): Promise<Outcome> {
  const password = required(answers.NEW_PASSWORD, "NEW_PASSWORD", "password");
  const user = await loadUser(deps.db, state);
  await completeNewPassword(deps, { pool, userId: user.id, username: user.username, password });
  return mfaStep(deps, pool, state, { ...user, status: "CONFIRMED" });
}
