// The SQL of a pool's export (export-pool.ts): its groups, its clients' branding and its users.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

const USER_WITH_GROUPS = { groups: { select: { groupId: true } } } as const satisfies Prisma.UserInclude;

export type UserWithGroupIds = Prisma.UserGetPayload<{ include: typeof USER_WITH_GROUPS }>;

/** The pool's groups by name. */
export function findGroupsForExport(db: Tx, poolId: string): Promise<{ id: string; name: string; precedence: number | null; description: string; roleArn: string | null }[]> {
  return db.group.findMany({ where: { poolId }, orderBy: { name: "asc" }, select: { id: true, name: true, precedence: true, description: true, roleArn: true } });
}

/** The published branding of the pool's clients that have one. */
export function findClientBrandings(db: Tx, poolId: string): Promise<{ clientId: string; branding: Prisma.JsonValue }[]> {
  return db.appClient.findMany({ where: { poolId, branding: { not: Prisma.DbNull } }, select: { clientId: true, branding: true } });
}

/** The pool's users by username, each with the ids of its groups. */
export function findUsersWithGroupIds(db: Tx, poolId: string): Promise<UserWithGroupIds[]> {
  return db.user.findMany({ where: { poolId }, orderBy: { usernameKey: "asc" }, include: USER_WITH_GROUPS });
}
