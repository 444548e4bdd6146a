// What the sign-in engine reads and writes of users and app clients.
import type { Db } from "../db/client.ts";
import type { UserRow } from "../users/user.ts";

/** The user of the pool, whole, or null (a user of another pool is none). */
export async function findPoolUser(db: Db, options: { poolId: string; userId: string }): Promise<UserRow | null> {
  return db.user.findFirst({ where: { id: options.userId, poolId: options.poolId } });
}

/** The names the audit log shows a user by. */
export async function findUserAuditName(db: Db, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { email: true, username: true } });
}

/** The app client of the pool, without its unpublished branding draft, or null. */
export async function findPoolClient(db: Db, options: { poolId: string; clientId: string }) {
  return db.appClient.findFirst({ where: { clientId: options.clientId, poolId: options.poolId }, omit: { brandingDraft: true } });
}
