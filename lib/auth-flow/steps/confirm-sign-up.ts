// ConfirmSignUp and ResendConfirmationCode, within a flow that signed up (or found an unconfirmed
// account at the password step). A confirmed account whose password this flow checked goes on to
// MFA; otherwise the flow goes back to the password.
import { AppError } from "../../errors.ts";
import { countCodeSend, refuseCodeWithoutAccount } from "../../users/codes.ts";
import { concealedSignUpLogin } from "../../users/conceal-taken-alias.ts";
import { confirmSignUp as confirmAccount, resendConfirmationCode as resendCode } from "../../users/sign-up.ts";
import type { Answers, FlowState, Outcome, StepInput } from "../contract.ts";
import { ENGINE_MESSAGES, required, sessionExpired } from "../errors.ts";
import { mfaStep } from "./after-password.ts";
import { outcome } from "./outcome.ts";
import { triggerContextOf } from "./trigger-context.ts";

export async function confirmSignUp({ deps, pool, state, answers, context }: StepInput<Answers["ConfirmSignUp"]>): Promise<Outcome> {
  if (!state.userId) assertConcealedSignUp(state);
  const code = required(answers.CONFIRMATION_CODE, "CONFIRMATION_CODE", "code");
  if (!state.userId) {
    // A sign-up that hid an existing account: codes get the answers a real account's wrong codes
    // get, in the same order, counted against the address as an account's are against it.
    const login = concealedSignUpLogin(state.concealedSignUp!);
    const refused = await refuseCodeWithoutAccount(deps.counters, { poolId: pool.id, login, purpose: "SIGN_UP", triesOnCode: state.wrongCodes ?? 0 });
    state.wrongCodes = refused.triesOnCode;
    throw refused.error;
  }
  const user = await confirmAccount(deps, { pool, userId: state.userId, code, trigger: triggerContextOf(state, context) });
  if (state.passwordVerified) return mfaStep(deps, pool, state, user);
  return outcome(restart(state), null);
}

export async function resendConfirmationCode({ deps, pool, state }: StepInput<Answers["ResendConfirmationCode"]>): Promise<Outcome> {
  if (!state.userId) {
    assertConcealedSignUp(state);
    // Counted and capped as a real account's resend is; a "new code" gets its own five tries.
    await countCodeSend(deps.counters, { purpose: "SIGN_UP", account: { poolId: pool.id, unknownLogin: concealedSignUpLogin(state.concealedSignUp!) } });
    state.wrongCodes = 0;
    return outcome(state, null, { sent: true });
  }
  const destination = await resendCode(deps, { pool, userId: state.userId });
  if (!destination) throw new AppError("InvalidParameterException", ENGINE_MESSAGES.cannotResend);
  state.destination = destination;
  return outcome(state, null, { sent: true });
}

function assertConcealedSignUp(state: FlowState): void {
  if (state.step !== "ConfirmSignUp" || !state.passwordVerified || !state.concealedSignUp) throw sessionExpired();
}

/** Back to the start: the next thing is the password. */
export function restart(state: FlowState): FlowState {
  return { poolId: state.poolId, clientId: state.clientId, step: "PASSWORD_VERIFIER", userId: null };
}
