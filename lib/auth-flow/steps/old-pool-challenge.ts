// A first sign-in moving in from the pool's migrateFrom (lib/migration/cognito-source.ts) whose old
// pool asked for a second factor: the user is shown that challenge (SMS_MFA, SOFTWARE_TOKEN_MFA,
// EMAIL_OTP) as the engine shows its own, and their code is forwarded once to the old pool. A right
// code creates the user (or stores an imported user's password) and finishes the sign-in: the old
// pool's second factor stood for this pool's this once. A wrong code gets the engine's own answer.
import { AppError } from "../../errors.ts";
import type { Pool } from "../../pools/pool.ts";
import { answerOldPoolChallenge, type OldPoolChallenge } from "../../migration/cognito-source.ts";
import type { EngineDeps, FlowState, Outcome } from "../contract.ts";
import { ENGINE_MESSAGES, sessionExpired } from "../errors.ts";
import { outcome } from "./outcome.ts";

export function passOldPoolChallenge(state: FlowState, challenge: OldPoolChallenge): Outcome {
  state.oldPool = challenge;
  state.userId = challenge.userId;
  state.step = challenge.challengeName;
  state.destination = challenge.destination;
  state.amr = ["pwd"];
  return outcome(state, null);
}

export async function answerOldPool(deps: EngineDeps, pool: Pool, state: FlowState, code: string): Promise<Outcome> {
  const challenge = state.oldPool;
  if (!challenge || !pool.migrateFrom) throw sessionExpired();
  const result = await answerOldPoolChallenge(deps, { pool, challenge, code });
  if (result.kind === "refused") {
    const message = challenge.challengeName === "SOFTWARE_TOKEN_MFA" ? ENGINE_MESSAGES.mfaCodeMismatch : ENGINE_MESSAGES.signInCodeMismatch;
    throw new AppError("CodeMismatchException", message, { field: "code" });
  }
  // Used once: the old pool's Session ends with the right code.
  delete state.oldPool;
  delete state.destination;
  if (result.kind !== "migrated") throw sessionExpired();
  state.userId = result.user.id;
  state.amr = ["pwd", challenge.challengeName === "SMS_MFA" ? "sms" : "otp", "mfa"];
  state.step = "DONE";
  return outcome(state, result.user);
}
