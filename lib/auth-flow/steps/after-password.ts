// After the password (or a confirmed sign-up): the account's status decides the next step, then MFA.
import { AppError, isAppError } from "../../errors.ts";
import { createTotpSecret } from "../../mfa/totp.ts";
import type { Pool } from "../../pools/pool.ts";
import { forgotPassword } from "../../users/reset-password.ts";
import { assertTemporaryPasswordValid } from "../../users/temporary-password.ts";
import { resendConfirmationCode } from "../../users/sign-up.ts";
import type { UserRow } from "../../users/user.ts";
import type { EngineDeps, FlowState, Outcome } from "../contract.ts";
import { ENGINE_MESSAGES } from "../errors.ts";
import { mfaPlan, openMfaFactor } from "./mfa-factors.ts";
import { rememberedDeviceStep } from "../../devices/device-sign-in.ts";
import { outcome } from "./outcome.ts";

export async function afterPassword(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow): Promise<Outcome> {
  state.userId = user.id;
  state.passwordVerified = true;
  state.amr = ["pwd"];
  switch (user.status) {
    case "UNCONFIRMED": {
      // Cognito's UserNotConfirmedException; a door that can confirm on the spot (the hosted UI) does.
      state.step = "ConfirmSignUp";
      try {
        state.destination = await resendConfirmationCode(deps, { pool, userId: user.id });
        return outcome(state, user, { sent: true });
      } catch (error) {
        // Past the hourly cap (or SMTP failing): the code sent before still works.
        if (!notSent(error)) throw error;
        return outcome(state, user, { sent: false });
      }
    }
    case "FORCE_CHANGE_PASSWORD":
      assertTemporaryPasswordValid(pool, user);
      state.step = "NEW_PASSWORD_REQUIRED";
      return outcome(state, user);
    case "RESET_REQUIRED": {
      // Cognito's PasswordResetRequiredException; the hosted UI goes on to the reset code.
      state.step = "ConfirmForgotPassword";
      try {
        await forgotPassword(deps, { pool, login: user.username });
        return outcome(state, user, { sent: true });
      } catch (error) {
        if (!notSent(error)) throw error;
        return outcome(state, user, { sent: false });
      }
    }
    case "CONFIRMED":
      return mfaStep(deps, pool, state, user);
    default:
      throw new AppError("NotAuthorizedException", ENGINE_MESSAGES.cannotSignIn);
  }
}

/** A code that was not sent because of the hourly cap or a delivery failure. */
function notSent(error: unknown): boolean {
  return isAppError(error) && (error.code === "LimitExceededException" || error.code === "CodeDeliveryFailureException");
}

/**
 * The second factor (mfa-factors.ts says which): asked for when the user has one, chosen when they
 * have several and no preference, set up when the pool requires one and there is none, else done.
 */
export async function mfaStep(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow): Promise<Outcome> {
  // A remembered device skips MFA where the pool says so (lib/devices/device-sign-in.ts).
  const remembered = await rememberedDeviceStep(deps, pool, state, user);
  if (remembered) return remembered;
  const plan = mfaPlan(pool, user);
  switch (plan.kind) {
    case "none":
      state.step = "DONE";
      return outcome(state, user);
    case "ask":
      return openMfaFactor(deps, pool, state, user, plan.factor);
    case "choose":
      state.step = "SELECT_MFA_TYPE";
      state.mfaChoices = plan.factors;
      return outcome(state, user);
    case "setup":
      state.step = "MFA_SETUP";
      state.mfaChoices = plan.factors;
      // Only an authenticator can be set up inside a sign-in; a phone or email is verified first.
      if (plan.factors.includes("SOFTWARE_TOKEN_MFA")) state.pendingTotpEnc = deps.secrets.encrypt(createTotpSecret());
      return outcome(state, user);
    default: {
      const never: never = plan;
      throw new Error(`unhandled MFA plan ${JSON.stringify(never)}`);
    }
  }
}
