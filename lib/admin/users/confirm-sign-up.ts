// An admin confirms a user who signed up but has not entered their code (Cognito's
// AdminConfirmSignUp). No code proves an address, so none becomes verified.
import type { Pool } from "../../pools/pool.ts";
import { runPostConfirmation } from "../../triggers/sign-up-triggers.ts";
import type { TriggerDeps } from "../../triggers/invoke.ts";
import { AppError } from "../../errors.ts";
import { confirmUser } from "../../users/confirm-user.ts";
import type { UserRow } from "../../users/user.ts";
import { findUserRow } from "./manage-user.ts";

export async function confirmSignUp(
  deps: TriggerDeps,
  options: { pool: Pool; username: string; clientMetadata?: Record<string, string> | undefined },
): Promise<UserRow> {
  const user = await findUserRow(deps.db, options.pool.id, options.username);
  if (user.status !== "UNCONFIRMED") throw new AppError("NotAuthorizedException", `User cannot be confirmed. Current status is ${user.status}`);
  const confirmed = await deps.db.$transaction((tx) => confirmUser(tx, { userId: user.id, verified: null }));
  // After the write, as Cognito: a handler's error reaches the caller, the user stays confirmed.
  await runPostConfirmation(deps, {
    pool: options.pool, source: "PostConfirmation_ConfirmSignUp", user: confirmed, context: { clientId: null, clientMetadata: options.clientMetadata },
  });
  return confirmed;
}
