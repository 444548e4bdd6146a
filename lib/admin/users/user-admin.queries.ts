// The SQL of an admin's look-ups of one user (manage-user.ts): by username, sub or an address that
// is one user's, the pool's sign-in aliases, and what the user's detail adds to a list row.
import type { Tx } from "../../db/client.ts";
import type { UserRow } from "../../users/user.ts";

/** Up to `take` users of the pool with this email (key) or phone number. */
export function findUsersByAddress(db: Tx, where: { poolId: string; emailKey: string } | { poolId: string; phoneNumber: string }, take: number): Promise<UserRow[]> {
  return db.user.findMany({ where, take });
}

export function findUserById(db: Tx, options: { poolId: string; id: string }): Promise<UserRow | null> {
  return db.user.findFirst({ where: { poolId: options.poolId, id: options.id } });
}

export async function findPoolSignInAliases(db: Tx, poolId: string): Promise<string[] | null> {
  const pool = await db.userPool.findUnique({ where: { id: poolId }, select: { signInAliases: true } });
  return pool ? pool.signInAliases : null;
}

/** Whether a user other than `exceptUserId` has this email (key) or phone number. */
export async function addressHeldByOther(db: Tx, options: { poolId: string; exceptUserId: string; address: { emailKey: string } | { phoneNumber: string } }): Promise<boolean> {
  const other = await db.user.findFirst({
    where: { poolId: options.poolId, id: { not: options.exceptUserId }, ...options.address },
    select: { id: true },
  });
  return !!other;
}

/** The user's group names (unsorted) and their pool's stored password policy, in one round trip. */
export async function findUserGroupsAndPolicy(db: Tx, userId: string): Promise<{ groups: string[]; passwordPolicy: unknown }> {
  const { groups, pool } = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { groups: { select: { group: { select: { name: true } } } }, pool: { select: { passwordPolicy: true } } },
  });
  return { groups: groups.map((m) => m.group.name), passwordPolicy: pool.passwordPolicy };
}
