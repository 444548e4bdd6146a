// What the MFA code steps share: a locked user is refused before the code is looked at, and a
// wrong code counts toward the same lockout as a wrong password. SMS and email codes also count
// toward their own limits (5 wrong tries per code and per account an hour, lib/users/codes.ts).
import type { Db } from "../../db/client.ts";
import { AppError, isAppError } from "../../errors.ts";
import { checkSignInCode } from "../../mfa/sign-in-codes.ts";
import { factorReady } from "../../users/mfa-preference.ts";
import type { UserRow } from "../../users/user.ts";
import { assertNotLocked, recordFailedAttempt } from "../../users/verify-sign-in.ts";
import type { EngineDeps, FlowState, Outcome } from "../contract.ts";
import { ENGINE_MESSAGES, sessionExpired } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { CHANNEL_OF } from "./mfa-factors.ts";
import { outcome } from "./outcome.ts";

export function assertMfaNotLocked(user: UserRow): void {
  assertNotLocked(user, ENGINE_MESSAGES.mfaLocked);
}

export async function mfaFailure(db: Db, userId: string, code: "CodeMismatchException" | "EnableSoftwareTokenMFAException", mismatch: string = ENGINE_MESSAGES.mfaCodeMismatch): Promise<never> {
  await recordFailedAttempt(db, userId, ENGINE_MESSAGES.mfaLocked);
  const message = code === "CodeMismatchException" ? mismatch : ENGINE_MESSAGES.mfaSetupMismatch;
  throw new AppError(code, message, { field: "code" });
}

/** SMS_MFA and EMAIL_OTP: checks the code sent (single use) and finishes the sign-in. */
export async function answerSignInCode(deps: EngineDeps, state: FlowState, factor: "SMS_MFA" | "EMAIL_OTP", code: string): Promise<Outcome> {
  const user = await loadUser(deps.db, state);
  assertMfaNotLocked(user);
  // The phone or email the code went to must still be the user's, and verified.
  if (!factorReady(user, factor)) throw sessionExpired();
  try {
    await checkSignInCode(deps, { userId: user.id, channel: CHANNEL_OF[factor], code });
  } catch (error) {
    if (isAppError(error) && error.code === "CodeMismatchException") return mfaFailure(deps.db, user.id, "CodeMismatchException", ENGINE_MESSAGES.signInCodeMismatch);
    // The wrong try that reached the code limit counts toward the lockout too.
    if (isAppError(error) && error.code === "LimitExceededException") await recordFailedAttempt(deps.db, user.id, ENGINE_MESSAGES.mfaLocked);
    throw error;
  }
  // After a first factor (password, custom challenge) the code is a second one; a code that is the
  // only factor (passwordless EMAIL_OTP of USER_AUTH, whose flow sets no amr) is not MFA.
  const first = (state.amr ?? []).filter((method) => method !== "mfa");
  const method = factor === "SMS_MFA" ? "sms" : "otp";
  state.amr = first.length ? [...first, method, "mfa"] : [method];
  delete state.destination;
  state.step = "DONE";
  return outcome(state, user);
}
