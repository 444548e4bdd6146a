// The SQL of moving users in from a Cognito user pool: the import run's progress (so an
// interrupted run resumes), the groups and memberships it copies, and the reads of users it makes
// beyond lib/users/user.queries.ts.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import type { UserRow } from "../users/user.ts";

// ---- users

/** Whether a user anywhere already has this id (a sub kept from the old pool must be free). */
export async function userIdTaken(db: Tx, options: { userId: string }): Promise<boolean> {
  return !!(await db.user.findUnique({ where: { id: options.userId }, select: { id: true } }));
}

export function findPoolUserByUsername(db: Tx, options: { poolId: string; usernameKey: string }): Promise<UserRow | null> {
  return db.user.findFirst({ where: { poolId: options.poolId, usernameKey: options.usernameKey } });
}

/** The ids of the pool's users with these usernames (lower-cased). */
export async function findPoolUserIdsByUsernames(db: Tx, options: { poolId: string; usernameKeys: string[] }): Promise<string[]> {
  const rows = await db.user.findMany({ where: { poolId: options.poolId, usernameKey: { in: options.usernameKeys } }, select: { id: true } });
  return rows.map((row) => row.id);
}

// ---- import runs

export type ImportRunRow = Prisma.CognitoImportRunGetPayload<object>;
export type ImportRunState = Omit<Prisma.CognitoImportRunUncheckedCreateInput, "id">;

export function findImportRun(db: Tx, options: { id: string }): Promise<ImportRunRow | null> {
  return db.cognitoImportRun.findUnique({ where: { id: options.id } });
}

/** The run starts over from this state. */
export function resetImportRun(db: Tx, options: { id: string; state: ImportRunState }): Promise<ImportRunRow> {
  return db.cognitoImportRun.upsert({ where: { id: options.id }, create: { id: options.id, ...options.state }, update: options.state });
}

export async function saveImportRun(db: Tx, options: { id: string; data: Prisma.CognitoImportRunUncheckedUpdateInput }): Promise<void> {
  await db.cognitoImportRun.update({ where: { id: options.id }, data: options.data });
}

// ---- groups

export type ImportedGroup = { name: string; description: string; precedence: number | null; roleArn: string | null };

/** The group as the old pool has it: created, or its settings brought up to date. */
export async function upsertImportedGroup(db: Tx, options: { poolId: string; group: ImportedGroup }): Promise<void> {
  const { poolId, group } = options;
  await db.group.upsert({
    where: { poolId_name: { poolId, name: group.name } },
    create: { poolId, ...group },
    update: { description: group.description, precedence: group.precedence, roleArn: group.roleArn },
  });
}

/** The name of the pool's first group in name order after `after` (the very first without it). */
export async function findGroupNameAfter(db: Tx, options: { poolId: string; after: string | null }): Promise<string | null> {
  const row = await db.group.findFirst({
    where: { poolId: options.poolId, ...(options.after !== null ? { name: { gt: options.after } } : {}) }, orderBy: { name: "asc" }, select: { name: true },
  });
  return row?.name ?? null;
}

export async function findGroupId(db: Tx, options: { poolId: string; name: string }): Promise<string | null> {
  const row = await db.group.findUnique({ where: { poolId_name: { poolId: options.poolId, name: options.name } }, select: { id: true } });
  return row?.id ?? null;
}

/** Adds the users to the group, skipping those already in it; how many were added. */
export async function addGroupMembers(db: Tx, options: { groupId: string; userIds: string[] }): Promise<number> {
  const { count } = await db.groupMembership.createMany({ data: options.userIds.map((userId) => ({ userId, groupId: options.groupId })), skipDuplicates: true });
  return count;
}
