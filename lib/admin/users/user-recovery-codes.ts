// An admin's view of a user's recovery codes (lib/mfa/recovery-codes.ts): how many are left, and
// clearing them (a user who lost the paper they were on; the codes then sign no one in). The codes
// themselves are never readable: only their hashes are stored.
import type { AuditIn } from "../../audit/audit.ts";
import type { Db } from "../../db/client.ts";
import { clearRecoveryCodes, remainingRecoveryCodes } from "../../mfa/recovery-codes.ts";
import { findUserRow } from "./manage-user.ts";

export async function getUserRecoveryCodes(db: Db, options: { poolId: string; username: string }): Promise<{ remaining: number }> {
  const user = await findUserRow(db, options.poolId, options.username);
  return { remaining: await remainingRecoveryCodes(db, { userId: user.id }) };
}

export async function clearUserRecoveryCodes(db: Db, options: { poolId: string; username: string; audit?: AuditIn | undefined }): Promise<{ removed: number }> {
  const user = await findUserRow(db, options.poolId, options.username);
  return db.$transaction(async (tx) => {
    const removed = { removed: await clearRecoveryCodes(tx, { userId: user.id }) };
    await options.audit?.(tx, removed);
    return removed;
  });
}
