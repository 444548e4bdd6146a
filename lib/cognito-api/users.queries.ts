// The reads the Cognito API makes of users beyond what lib/users offers: a page's rows with every
// attribute, where a reset code went, and the username a SECRET_HASH is computed over.
import type { Tx } from "../db/client.ts";
import type { UserRow } from "../users/user.ts";

/** The pool's users among `ids`, in no particular order. */
export function findPoolUsersByIds(db: Tx, options: { poolId: string; ids: string[] }): Promise<UserRow[]> {
  return db.user.findMany({ where: { poolId: options.poolId, id: { in: options.ids } } });
}

export type UserAddresses = { email: string | null; emailVerified: boolean; phoneNumber: string | null; phoneVerified: boolean };

export function findUserAddresses(db: Tx, options: { userId: string }): Promise<UserAddresses | null> {
  return db.user.findUnique({ where: { id: options.userId }, select: { email: true, emailVerified: true, phoneNumber: true, phoneVerified: true } });
}

export async function findUsernameOf(db: Tx, options: { userId: string }): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { username: true } });
  return user?.username ?? null;
}
