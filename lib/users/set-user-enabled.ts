// Enables or disables a user. Disabling also ends every session and refresh token of the user
// (sign-out-user.ts) and any sign-in they have in progress, in the same transaction, so a disabled
// user is out at once.
import type { AuditIn } from "../audit/audit.ts";
import type { Tx } from "../db/client.ts";
import { signOutUser } from "./sign-out-user.ts";
import type { UserRow } from "./user.ts";
import { updateUserRow } from "./user.queries.ts";

export async function setUserEnabled(db: Tx, options: { poolId: string; userId: string; enabled: boolean; audit?: AuditIn | undefined }): Promise<UserRow> {
  return db.$transaction(async (tx) => {
    const user = await updateUserRow(tx, { userId: options.userId, poolId: options.poolId }, { enabled: options.enabled });
    if (!options.enabled) await signOutUser(tx, { poolId: options.poolId, userId: user.id });
    await options.audit?.(tx);
    return user;
  });
}
