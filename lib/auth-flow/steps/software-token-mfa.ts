// SOFTWARE_TOKEN_MFA: a code from the user's authenticator app. Each time step is accepted once.
import { verifyTotpCode } from "../../mfa/totp.ts";
import { recordTotpStepIfNewer } from "../../mfa/mfa.queries.ts";
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { required, sessionExpired } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { assertMfaNotLocked, mfaFailure } from "./mfa-code.ts";
import { outcome } from "./outcome.ts";

export async function softwareTokenMfa({ deps, state, answers }: StepInput<Answers["SOFTWARE_TOKEN_MFA"]>): Promise<Outcome> {
  const code = required(answers.SOFTWARE_TOKEN_MFA_CODE, "SOFTWARE_TOKEN_MFA_CODE", "code");
  const { db } = deps;
  const user = await loadUser(db, state);
  if (!user.totpSecretEnc) throw sessionExpired();
  assertMfaNotLocked(user);
  const last = user.totpLastStep === null ? null : Number(user.totpLastStep);
  const step = await verifyTotpCode({ secret: deps.secrets.decrypt(user.totpSecretEnc), code, afterTimeStep: last });
  if (step === null) return mfaFailure(db, user.id, "CodeMismatchException");
  // Record the step only if no other request used this or a later one meanwhile (no replay).
  if (!(await recordTotpStepIfNewer(db, { userId: user.id, step }))) return mfaFailure(db, user.id, "CodeMismatchException");
  state.amr = ["pwd", "otp", "mfa"];
  state.step = "DONE";
  return outcome(state, user);
}
