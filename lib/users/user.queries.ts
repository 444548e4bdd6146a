// The SQL of a pool's users: finding them by id and by the names they sign in with, the checks
// that a new name is free, and the writes the user modules make. Every function takes `Tx`, so it
// runs on the client or inside a caller's transaction alike.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import type { UserRow } from "./user.ts";

/** A condition on a user's row (a write that applies only while it holds). */
export type UserCondition = Prisma.UserWhereInput;

// ---- finding users

export function findPoolUser(db: Tx, options: { poolId: string; userId: string }): Promise<UserRow | null> {
  return db.user.findFirst({ where: { id: options.userId, poolId: options.poolId } });
}

export async function findPoolUsername(db: Tx, options: { poolId: string; userId: string }): Promise<string | null> {
  const user = await db.user.findFirst({ where: { id: options.userId, poolId: options.poolId }, select: { username: true } });
  return user?.username ?? null;
}

export function findUserByUsernameKey(db: Tx, options: { poolId: string; usernameKey: string }): Promise<UserRow | null> {
  return db.user.findUnique({ where: { poolId_usernameKey: options } });
}

/** The oldest native (not federated) user with this email, verified only if asked. */
export function findNativeUserByEmail(db: Tx, options: { poolId: string; emailKey: string; verifiedOnly: boolean }): Promise<UserRow | null> {
  return db.user.findFirst({
    where: { poolId: options.poolId, emailKey: options.emailKey, status: { not: "EXTERNAL_PROVIDER" }, ...(options.verifiedOnly ? { emailVerified: true } : {}) },
    orderBy: { createdAt: "asc" },
  });
}

/** The oldest native (not federated) user with this phone number, verified only if asked. */
export function findNativeUserByPhone(db: Tx, options: { poolId: string; phoneNumber: string; verifiedOnly: boolean }): Promise<UserRow | null> {
  return db.user.findFirst({
    where: { poolId: options.poolId, phoneNumber: options.phoneNumber, status: { not: "EXTERNAL_PROVIDER" }, ...(options.verifiedOnly ? { phoneVerified: true } : {}) },
    orderBy: { createdAt: "asc" },
  });
}

// ---- names free

/** Holds a transaction-scoped advisory lock on the key until the transaction ends. */
export async function lockName(db: Tx, key: string): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}

type Other = { exceptUserId?: string | undefined };
const otherThan = (options: Other) => (options.exceptUserId ? { id: { not: options.exceptUserId } } : {});

export async function usernameTaken(db: Tx, options: { poolId: string; usernameKey: string } & Other): Promise<boolean> {
  return !!(await db.user.findFirst({ where: { poolId: options.poolId, usernameKey: options.usernameKey, ...otherThan(options) }, select: { id: true } }));
}

export async function emailTaken(db: Tx, options: { poolId: string; emailKey: string; verifiedOnly: boolean } & Other): Promise<boolean> {
  return !!(await db.user.findFirst({
    where: { poolId: options.poolId, emailKey: options.emailKey, ...(options.verifiedOnly ? { emailVerified: true } : {}), ...otherThan(options) }, select: { id: true },
  }));
}

export async function phoneNumberTaken(db: Tx, options: { poolId: string; phoneNumber: string; verifiedOnly: boolean } & Other): Promise<boolean> {
  return !!(await db.user.findFirst({
    where: { poolId: options.poolId, phoneNumber: options.phoneNumber, ...(options.verifiedOnly ? { phoneVerified: true } : {}), ...otherThan(options) }, select: { id: true },
  }));
}

// ---- writes

export function insertUserRow(db: Tx, data: Prisma.UserUncheckedCreateInput): Promise<UserRow> {
  return db.user.create({ data });
}

export function updateUserRow(db: Tx, options: { userId: string; poolId?: string }, data: Prisma.UserUncheckedUpdateInput): Promise<UserRow> {
  return db.user.update({ where: { id: options.userId, ...(options.poolId !== undefined ? { poolId: options.poolId } : {}) }, data });
}

/** Updates the user only while `where` still holds; the updated row, or null when it did not. */
export async function updateUserIf(db: Tx, where: UserCondition, data: Prisma.UserUncheckedUpdateManyInput): Promise<UserRow | null> {
  const [user] = await db.user.updateManyAndReturn({ where, data });
  return user ?? null;
}

/** Updates the user only while `where` still holds; whether it did. */
export async function updateUserCountIf(db: Tx, where: UserCondition, data: Prisma.UserUncheckedUpdateManyInput): Promise<boolean> {
  const { count } = await db.user.updateMany({ where, data });
  return count > 0;
}

export async function deleteUserRow(db: Tx, options: { poolId: string; userId: string }): Promise<void> {
  await db.user.delete({ where: { id: options.userId, poolId: options.poolId } });
}

// ---- sign-in failures

/** One more failed attempt; the count after it. */
export async function incrementFailedAttempts(db: Tx, userId: string): Promise<number> {
  const updated = await db.user.update({ where: { id: userId }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
  return updated.failedAttempts;
}

export async function lockUserUntil(db: Tx, userId: string, until: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lockedUntil: until } });
}

/** Clears the failures and any lock, writing only when there is something to clear. */
export async function clearUserFailures(db: Tx, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, OR: [{ failedAttempts: { gt: 0 } }, { lockedUntil: { not: null } }] }, data: { failedAttempts: 0, lockedUntil: null } });
}
