// After a first factor that is not a password (a passkey, a one-time code) was proved.
import { AppError } from "../../errors.ts";
import type { Pool } from "../../pools/pool.ts";
import type { UserRow } from "../../users/user.ts";
import { assertNotLocked } from "../../users/verify-sign-in.ts";
import type { EngineDeps, FlowState, Outcome } from "../contract.ts";
import { ENGINE_MESSAGES } from "../errors.ts";
import { mfaStep } from "./after-password.ts";
import { outcome } from "./outcome.ts";

/**
 * A first factor without a password was proved: the account's status decides (as after a
 * password, but a code or passkey cannot set a new password, so those states are refused), then
 * MFA unless the factor was two already.
 */
export async function afterFirstFactor(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow, proof: { amr: string[]; multiFactor: boolean }): Promise<Outcome> {
  if (!user.enabled) throw new AppError("NotAuthorizedException", "User is disabled.");
  assertNotLocked(user, "Incorrect username or password.");
  switch (user.status) {
    case "CONFIRMED":
      break;
    case "UNCONFIRMED":
      throw new AppError("UserNotConfirmedException", "User is not confirmed.");
    case "RESET_REQUIRED":
      throw new AppError("PasswordResetRequiredException", "Password reset required for the user");
    default:
      throw new AppError("NotAuthorizedException", ENGINE_MESSAGES.cannotSignIn);
  }
  state.userId = user.id;
  delete state.userAuth;
  state.amr = proof.amr;
  if (proof.multiFactor) {
    state.step = "DONE";
    return outcome(state, user);
  }
  return mfaStep(deps, pool, state, user);
}
