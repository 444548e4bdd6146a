// An admin confirms a user who signed up but has not entered their code (Cognito's
// AdminConfirmSignUp). No code proves an address, so none becomes verified.
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { confirmUser } from "../../users/confirm-user.ts";
import type { UserRow } from "../../users/user.ts";
import { findUserRow } from "./manage-user.ts";

export async function confirmSignUp(db: Db, options: { poolId: string; username: string }): Promise<UserRow> {
  const user = await findUserRow(db, options.poolId, options.username);
  if (user.status !== "UNCONFIRMED") throw new AppError("NotAuthorizedException", `User cannot be confirmed. Current status is ${user.status}`);
  return db.$transaction((tx) => confirmUser(tx, { userId: user.id, verified: null }));
}
