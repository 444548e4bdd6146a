// Sensitive changes on the account page (password, email, phone, removing the authenticator, sign
// out everywhere) ask the user to prove it is them again, inside the page: their password, or for
// a user without one (signed in through an identity provider) a code from their authenticator.
// Both go through the sign-in's own checks: the per-IP sign-in rate limit, the account's lockout
// (a wrong answer counts toward it as at sign-in), TOTP steps used once. A user with neither must
// have signed in within the last few minutes.
import { assertMfaNotLocked, mfaFailure } from "../auth-flow/steps/mfa-code.ts";
import { AppError } from "../errors.ts";
import { verifyTotpCode } from "../mfa/totp.ts";
import { recordTotpStepIfNewer } from "../mfa/mfa.queries.ts";
import type { Runtime } from "../runtime.ts";
import { assertUnderRate, RATE_RULES } from "../security/rate-limit.ts";
import type { UserRow } from "../users/user.ts";
import { verifyUserPassword } from "../users/verify-sign-in.ts";

/** How the page asks: the user's password, an authenticator code, or a recent sign-in. */
export type ProofKind = "password" | "code" | "recent-sign-in";

export const RECENT_SIGN_IN_SECONDS = 5 * 60;

export function proofKindOf(user: Pick<UserRow, "passwordHash" | "totpSecretEnc" | "totpEnabled">): ProofKind {
  if (user.passwordHash) return "password";
  if (user.totpSecretEnc && user.totpEnabled) return "code";
  return "recent-sign-in";
}

/** Counts an attempt against the sign-in form's own per-IP limit (the same counter), refusing it past the limit. */
export async function countProofAttempt(rt: Runtime, options: { poolId: string; ip: string }): Promise<void> {
  await assertUnderRate(rt, RATE_RULES.signInPerIp, `${options.poolId}:${options.ip}`, (seconds) => `Too many attempts from your network. Try again in ${seconds} seconds.`);
}

export async function confirmIdentity(
  rt: Runtime,
  options: { poolId: string; user: UserRow; authTime: number; password: string | undefined; code: string | undefined; ip: string },
): Promise<void> {
  const { user } = options;
  const kind = proofKindOf(user);
  if (kind === "recent-sign-in") {
    if (Date.now() / 1000 - options.authTime > RECENT_SIGN_IN_SECONDS)
      throw new AppError("NotAuthorizedException", "For this change, sign out and sign in again first.");
    return;
  }
  await countProofAttempt(rt, options);
  if (kind === "password") {
    if (!options.password) throw new AppError("InvalidParameterException", "Enter your current password.", { field: "confirm_password" });
    try {
      await verifyUserPassword(rt.db, user, options.password);
    } catch (error) {
      if (error instanceof AppError && error.code === "NotAuthorizedException") throw new AppError("NotAuthorizedException", "That password is not right.", { field: "confirm_password" });
      throw error;
    }
    return;
  }
  if (!options.code) throw new AppError("InvalidParameterException", "Enter a code from your authenticator app.", { field: "confirm_code" });
  assertMfaNotLocked(user);
  const last = user.totpLastStep === null ? null : Number(user.totpLastStep);
  const step = await verifyTotpCode({ secret: rt.secrets.decrypt(user.totpSecretEnc!), code: options.code, afterTimeStep: last });
  const used = step !== null && (await recordTotpStepIfNewer(rt.db, { userId: user.id, step }));
  if (!used) await mfaFailure(rt.db, user.id, "CodeMismatchException").catch((error: AppError) => {
    throw error.code === "CodeMismatchException" ? new AppError("CodeMismatchException", "That code is not right, or it was already used.", { field: "confirm_code" }) : error;
  });
}
