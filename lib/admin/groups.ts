// Groups of a pool (name, precedence, IAM role, description) and their members.
import { z } from "zod";
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { CreateGroupSchema, UpdateGroupSchema } from "../pools/group-schema.ts";
import type { Pool } from "../pools/pool.ts";
import { toUserSummary, type UserSummary } from "./users/search-users.ts";
import { findGroupMembersPage } from "./users/user-search.queries.ts";
import {
  addMembership, countOtherEnabledMembers, deleteGroupRow, findGroupId, findGroupsWithMemberCounts, findGroupWithMemberCount, insertGroup, removeMembership, updateGroupRow,
  type GroupWithMemberCount,
} from "./groups.queries.ts";

export { CreateGroupSchema, UpdateGroupSchema };

export type GroupView = { name: string; precedence: number | null; description: string; roleArn: string | null; members: number; createdAt: string };

export async function listGroups(db: Db, poolId: string): Promise<GroupView[]> {
  const rows = await findGroupsWithMemberCounts(db, poolId);
  return rows.map(toGroupView);
}

function toGroupView(g: GroupWithMemberCount): GroupView {
  return { name: g.name, precedence: g.precedence, description: g.description, roleArn: g.roleArn, members: g._count.members, createdAt: g.createdAt.toISOString() };
}

async function findGroup(db: Db, poolId: string, name: string): Promise<GroupWithMemberCount> {
  const group = await findGroupWithMemberCount(db, poolId, name);
  if (!group) throw new AppError("ResourceNotFoundException", `Group ${name} does not exist in this pool.`);
  return group;
}

export async function getGroup(db: Db, poolId: string, name: string): Promise<GroupView> {
  return toGroupView(await findGroup(db, poolId, name));
}

/** `audit`, when given, writes the change's audit row in the change's transaction. */
type Audited = { audit?: AuditIn | undefined };

export async function createGroup(db: Db, poolId: string, input: z.infer<typeof CreateGroupSchema>, options: Audited = {}): Promise<GroupView> {
  if (await findGroupId(db, poolId, input.name))
    throw new AppError("GroupExistsException", `A group with the name ${input.name} already exists.`, { field: "name" });
  await db.$transaction(async (tx) => {
    await insertGroup(tx, { poolId, ...input });
    await options.audit?.(tx);
  });
  return getGroup(db, poolId, input.name);
}

export async function updateGroup(db: Db, poolId: string, name: string, input: z.infer<typeof UpdateGroupSchema>, options: Audited = {}): Promise<GroupView> {
  const group = await findGroup(db, poolId, name);
  await db.$transaction(async (tx) => {
    await updateGroupRow(tx, group.id, input);
    await options.audit?.(tx);
  });
  return getGroup(db, poolId, name);
}

export async function deleteGroup(db: Db, options: { poolId: string; name: string; system: boolean } & Audited): Promise<void> {
  const group = await findGroup(db, options.poolId, options.name);
  if (options.system && group.name === "admins") throw new AppError("ForbiddenException", "The console's admins group cannot be deleted.");
  await db.$transaction(async (tx) => {
    await deleteGroupRow(tx, group.id);
    await options.audit?.(tx);
  });
}

export async function listGroupMembers(db: Db, pool: Pick<Pool, "id" | "passwordPolicy">, name: string, options: { cursor?: string | undefined; limit: number }): Promise<{ users: UserSummary[]; nextCursor: string | null }> {
  const poolId = pool.id;
  const group = await findGroup(db, poolId, name);
  const rows = await findGroupMembersPage(db, { poolId, groupId: group.id, after: options.cursor, take: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  return { users: page.map((row) => toUserSummary(pool, row)), nextCursor: rows.length > options.limit ? page.at(-1)!.usernameKey : null };
}

export async function addGroupMember(db: Db, options: { poolId: string; group: string; userId: string } & Audited): Promise<void> {
  const group = await findGroup(db, options.poolId, options.group);
  await db.$transaction(async (tx) => {
    await addMembership(tx, { userId: options.userId, groupId: group.id });
    await options.audit?.(tx);
  });
}

export async function removeGroupMember(db: Db, options: { poolId: string; group: string; userId: string; system: boolean } & Audited): Promise<void> {
  const group = await findGroup(db, options.poolId, options.group);
  if (options.system && group.name === "admins") {
    const others = await countOtherEnabledMembers(db, { groupId: group.id, exceptUserId: options.userId });
    if (others === 0) throw new AppError("ForbiddenException", "This is the last admin: add another before removing them.");
  }
  await db.$transaction(async (tx) => {
    await removeMembership(tx, { userId: options.userId, groupId: group.id });
    await options.audit?.(tx);
  });
}
