// MFA_SETUP: the pool requires MFA and the user has none yet. The flow holds a new TOTP secret
// (encrypted); the first code it produces enables it and finishes the sign-in.
import { AppError } from "../../errors.ts";
import type { Secrets } from "../../security/secrets.ts";
import { verifyTotpCode } from "../../mfa/totp.ts";
import { enableTotp } from "../../mfa/mfa.queries.ts";
import { regenerateRecoveryCodes } from "../../mfa/recovery-codes.ts";
import type { Answers, FlowState, Outcome, StepInput } from "../contract.ts";
import { required, sessionExpired } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { assertMfaNotLocked, mfaFailure } from "./mfa-code.ts";
import { outcome } from "./outcome.ts";

/** The secret being set up (Cognito's AssociateSoftwareToken SecretCode), or null outside MFA_SETUP. */
export function pendingSecretCode(secrets: Secrets, state: FlowState): string | null {
  return state.step === "MFA_SETUP" && state.pendingTotpEnc ? secrets.decrypt(state.pendingTotpEnc) : null;
}

export async function mfaSetup({ deps, state, answers }: StepInput<Answers["MFA_SETUP"]>): Promise<Outcome> {
  // A pool without the authenticator app offers nothing to set up here: SMS and email codes need a
  // phone number or email address verified first (Gatehouse sends codes only to verified ones).
  if (state.step === "MFA_SETUP" && !state.pendingTotpEnc && state.mfaChoices && !state.mfaChoices.includes("SOFTWARE_TOKEN_MFA")) {
    throw new AppError("InvalidParameterException", "This user pool offers no authenticator app: verify a phone number or email address to receive sign-in codes.");
  }
  const code = required(answers.SOFTWARE_TOKEN_MFA_CODE, "SOFTWARE_TOKEN_MFA_CODE", "code");
  const user = await loadUser(deps.db, state);
  if (!state.pendingTotpEnc) throw sessionExpired();
  assertMfaNotLocked(user);
  const step = await verifyTotpCode({ secret: deps.secrets.decrypt(state.pendingTotpEnc), code });
  if (step === null) return mfaFailure(deps.db, user.id, "EnableSoftwareTokenMFAException");
  await enableTotp(deps.db, { userId: user.id, secretEnc: state.pendingTotpEnc, step });
  delete state.pendingTotpEnc;
  state.amr = ["pwd", "otp", "mfa"];
  state.step = "DONE";
  const done = outcome(state, user);
  // Recovery codes come with the enrolment when the door will show them (the hosted UI's next page).
  if (answers.recoveryCodes && done.kind === "done") done.recoveryCodes = await regenerateRecoveryCodes(deps.db, { userId: user.id });
  return done;
}
