// The SQL of seeding a pool with made-up users for trying the console at scale (seed-users.ts).
import type { Prisma } from "../../../generated/prisma/client.ts";
import type { Db, Tx } from "../../db/client.ts";

export type SeedUserRow = Prisma.UserCreateManyInput;

/** The group's id, creating it (described as seeded) when missing. */
export async function ensureSeedGroup(db: Tx, poolId: string, name: string): Promise<string> {
  const group = await db.group.upsert({ where: { poolId_name: { poolId, name } }, create: { poolId, name, description: "Seeded" }, update: {} });
  return group.id;
}

export function countPoolUsers(db: Tx, poolId: string): Promise<number> {
  return db.user.count({ where: { poolId } });
}

/** One batch of users and their memberships, in one transaction. */
export async function insertSeedBatch(db: Db, options: { users: SeedUserRow[]; memberships: { userId: string; groupId: string }[] }): Promise<void> {
  await db.$transaction([db.user.createMany({ data: options.users }), db.groupMembership.createMany({ data: options.memberships })]);
}
