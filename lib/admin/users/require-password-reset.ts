// An admin makes a user reset their password (Cognito's AdminResetUserPassword): the user is
// RESET_REQUIRED, their sessions end, and a reset code goes to their verified email or phone. The
// old password then only leads to the reset (PasswordResetRequiredException), and ConfirmForgotPassword
// with the code sets a new one.
import { AppError } from "../../errors.ts";
import type { Pool } from "../../pools/pool.ts";
import { forgotPassword } from "../../users/reset-password.ts";
import type { UserDeps } from "../../users/sign-up.ts";
import { updateUserRow } from "../../users/user.queries.ts";
import { findUserRow, signOutEverywhere } from "./manage-user.ts";

export async function requirePasswordReset(deps: UserDeps, options: { pool: Pool; username: string }): Promise<void> {
  const { pool } = options;
  const user = await findUserRow(deps.db, pool.id, options.username);
  // Without a verified address the code could go nowhere, and the user could never sign in again.
  if (!(user.email && user.emailVerified) && !(user.phoneNumber && user.phoneVerified))
    throw new AppError("InvalidParameterException", "Cannot reset password for the user as there is no registered/verified email or phone_number");
  await updateUserRow(deps.db, { userId: user.id }, { status: "RESET_REQUIRED" });
  await signOutEverywhere(deps.db, { poolId: pool.id, username: user.id });
  await forgotPassword(deps, { pool, login: user.username });
}
