// The SQL of a pool's groups and their memberships (groups.ts, the admin's user changes).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

const WITH_MEMBER_COUNT = { _count: { select: { members: true } } } as const satisfies Prisma.GroupInclude;

export type GroupWithMemberCount = Prisma.GroupGetPayload<{ include: typeof WITH_MEMBER_COUNT }>;

/** By precedence (groups without one last), then name. */
export function findGroupsWithMemberCounts(db: Tx, poolId: string): Promise<GroupWithMemberCount[]> {
  return db.group.findMany({ where: { poolId }, orderBy: [{ precedence: { sort: "asc", nulls: "last" } }, { name: "asc" }], include: WITH_MEMBER_COUNT });
}

export function findGroupWithMemberCount(db: Tx, poolId: string, name: string): Promise<GroupWithMemberCount | null> {
  return db.group.findUnique({ where: { poolId_name: { poolId, name } }, include: WITH_MEMBER_COUNT });
}

export async function findGroupId(db: Tx, poolId: string, name: string): Promise<string | null> {
  const group = await db.group.findUnique({ where: { poolId_name: { poolId, name } }, select: { id: true } });
  return group?.id ?? null;
}

/** The pool's groups of these names (those that exist). */
export function findGroupsByName(db: Tx, poolId: string, names: string[]): Promise<{ id: string; name: string }[]> {
  return db.group.findMany({ where: { poolId, name: { in: names } }, select: { id: true, name: true } });
}

export async function insertGroup(db: Tx, data: Prisma.GroupUncheckedCreateInput): Promise<void> {
  await db.group.create({ data });
}

export async function updateGroupRow(db: Tx, id: string, data: Prisma.GroupUncheckedUpdateInput): Promise<void> {
  await db.group.update({ where: { id }, data });
}

export async function deleteGroupRow(db: Tx, id: string): Promise<void> {
  await db.group.delete({ where: { id } });
}

export async function addMembership(db: Tx, options: { userId: string; groupId: string }): Promise<void> {
  await db.groupMembership.upsert({ where: { userId_groupId: options }, create: options, update: {} });
}

export async function removeMembership(db: Tx, options: { userId: string; groupId: string }): Promise<void> {
  await db.groupMembership.deleteMany({ where: { userId: options.userId, groupId: options.groupId } });
}

/** Enabled members of the group other than `exceptUserId`. */
export function countOtherEnabledMembers(db: Tx, options: { groupId: string; exceptUserId: string }): Promise<number> {
  return db.groupMembership.count({ where: { groupId: options.groupId, userId: { not: options.exceptUserId }, user: { enabled: true } } });
}

/** Replaces every membership of the user with these groups (inside the caller's transaction). */
export async function replaceMemberships(db: Tx, options: { userId: string; groupIds: string[] }): Promise<void> {
  await db.groupMembership.deleteMany({ where: { userId: options.userId } });
  await db.groupMembership.createMany({ data: options.groupIds.map((groupId) => ({ userId: options.userId, groupId })) });
}

/** The group's id, creating it with these settings when missing (an existing one keeps its own). */
export async function ensureGroupId(db: Tx, group: { poolId: string; name: string; description: string; precedence: number | null; roleArn: string | null }): Promise<string> {
  const saved = await db.group.upsert({
    where: { poolId_name: { poolId: group.poolId, name: group.name } },
    create: { poolId: group.poolId, name: group.name, description: group.description, precedence: group.precedence, roleArn: group.roleArn },
    update: {},
    select: { id: true },
  });
  return saved.id;
}
