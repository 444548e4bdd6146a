// ResendSignInCode: "Send a new code" at SMS_MFA or EMAIL_OTP. The new code replaces the old one;
// the per-account hourly cap of lib/users/codes.ts applies (past it, LimitExceededException).
import { sendSignInCode } from "../../mfa/sign-in-codes.ts";
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { sessionExpired } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { assertMfaNotLocked } from "./mfa-code.ts";
import { CHANNEL_OF } from "./mfa-factors.ts";
import { outcome } from "./outcome.ts";

export async function resendSignInCode({ deps, pool, state }: StepInput<Answers["ResendSignInCode"]>): Promise<Outcome> {
  if (state.step !== "SMS_MFA" && state.step !== "EMAIL_OTP") throw sessionExpired();
  const user = await loadUser(deps.db, state);
  assertMfaNotLocked(user);
  const sent = await sendSignInCode(deps, { pool, user, channel: CHANNEL_OF[state.step], clientId: state.clientId });
  state.destination = sent.destination;
  return outcome(state, user, { sent: true });
}
