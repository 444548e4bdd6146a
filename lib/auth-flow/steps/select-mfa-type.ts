// SELECT_MFA_TYPE: the user has several second factors and no preferred one; ANSWER names one of
// MFAS_CAN_CHOOSE, whose challenge follows (for SMS and email, with a code sent).
import { AppError } from "../../errors.ts";
import { factorReady, isMfaFactor } from "../../users/mfa-preference.ts";
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { required, sessionExpired } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { assertMfaNotLocked } from "./mfa-code.ts";
import { openMfaFactor } from "./mfa-factors.ts";

export async function selectMfaType({ deps, pool, state, answers }: StepInput<Answers["SELECT_MFA_TYPE"]>): Promise<Outcome> {
  const answer = required(answers.ANSWER, "ANSWER", "factor");
  const choices = state.mfaChoices ?? [];
  if (!isMfaFactor(answer) || !choices.includes(answer)) {
    throw new AppError("InvalidParameterException", `Invalid ANSWER: choose one of ${choices.join(", ")}.`, { field: "factor" });
  }
  const user = await loadUser(deps.db, state);
  assertMfaNotLocked(user);
  // The phone or email may have changed since the choice was offered.
  if (!factorReady(user, answer)) throw sessionExpired();
  return openMfaFactor(deps, pool, state, user, answer);
}
