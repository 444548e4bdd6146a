// ForgotPassword and ConfirmForgotPassword. The answer to ForgotPassword is the same whether or not
// the name has an account; so are the answers to its codes (see lib/users/codes.ts).
import { refuseCodeWithoutAccount } from "../../users/codes.ts";
import { confirmForgotPassword as resetPassword, forgotPassword as sendResetCode } from "../../users/reset-password.ts";
import { assertPasswordMeetsPolicy } from "../../users/assert-password-meets-policy.ts";
import type { Answers, Outcome, StartParameters, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { restart } from "./confirm-sign-up.ts";
import { outcome } from "./outcome.ts";
import { triggerContextOf } from "./trigger-context.ts";

export async function forgotPassword({ deps, pool, state, answers, context }: StepInput<StartParameters["ForgotPassword"]>): Promise<Outcome> {
  const login = required(answers.USERNAME, "USERNAME", "login");
  const sent = await sendResetCode(deps, { pool, login, trigger: triggerContextOf(state, context) });
  state.step = "ConfirmForgotPassword";
  state.userId = sent.userId;
  state.resetLogin = login;
  return outcome(state, null, { sent: true });
}

export async function confirmForgotPassword({ deps, pool, state, answers, context }: StepInput<Answers["ConfirmForgotPassword"]>): Promise<Outcome> {
  const code = required(answers.CONFIRMATION_CODE, "CONFIRMATION_CODE", "code");
  const password = required(answers.PASSWORD, "PASSWORD", "password");
  if (!state.userId) {
    // No such account: wrong codes get the answers a real account's would, in the same order,
    // counted against the name asked for as an account's are against the account.
    assertPasswordMeetsPolicy(pool, password);
    const refused = await refuseCodeWithoutAccount(deps.counters, {
      poolId: pool.id, login: state.resetLogin ?? "", purpose: "FORGOT_PASSWORD", triesOnCode: state.wrongCodes ?? 0,
    });
    state.wrongCodes = refused.triesOnCode;
    throw refused.error;
  }
  await resetPassword(deps, { pool, userId: state.userId, code, password, trigger: triggerContextOf(state, context) });
  return outcome(restart(state), null);
}
