// Deletes a user: their sessions and tokens end with them, in one transaction, whoever asks
// (an admin, or the user with their own access token: Cognito's DeleteUser).
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { signOutUser } from "./sign-out-user.ts";
import { deleteUserRow } from "./user.queries.ts";

export async function deleteUserAccount(db: Db, options: { poolId: string; userId: string; audit?: AuditIn | undefined }): Promise<void> {
  await db.$transaction(async (tx) => {
    await signOutUser(tx, { poolId: options.poolId, userId: options.userId });
    await deleteUserRow(tx, { poolId: options.poolId, userId: options.userId });
    await options.audit?.(tx);
  });
}
