// The SQL of the console's own pool (system-pool.ts): its flag, its `admins` group and members,
// and the console's app client.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

export async function markPoolSystem(db: Tx, poolId: string): Promise<void> {
  await db.userPool.update({ where: { id: poolId }, data: { system: true } });
}

/** Creates the group when missing; an existing one keeps its settings. */
export async function ensureGroup(db: Tx, group: { poolId: string; name: string; precedence: number; description: string }): Promise<void> {
  await db.group.upsert({
    where: { poolId_name: { poolId: group.poolId, name: group.name } },
    create: group,
    update: {},
  });
}

/** Creates or replaces the app client's settings (its id and pool stay). */
export async function upsertAppClient(db: Tx, options: { clientId: string; poolId: string; settings: Omit<Prisma.AppClientUncheckedCreateInput, "clientId" | "poolId"> }): Promise<void> {
  await db.appClient.upsert({ where: { clientId: options.clientId }, create: { clientId: options.clientId, poolId: options.poolId, ...options.settings }, update: options.settings });
}

/** Enabled members of the pool's group. */
export function countEnabledMembers(db: Tx, options: { poolId: string; group: string }): Promise<number> {
  return db.groupMembership.count({ where: { group: { poolId: options.poolId, name: options.group }, user: { enabled: true } } });
}

/** The enabled user of the pool with this sub who is in the group. */
export function findEnabledMember(db: Tx, options: { poolId: string; group: string; userId: string }): Promise<{ id: string; email: string | null; username: string } | null> {
  return db.user.findFirst({
    where: { id: options.userId, poolId: options.poolId, enabled: true, groups: { some: { group: { name: options.group } } } },
    select: { id: true, email: true, username: true },
  });
}

/** Holds, until the transaction ends, the lock that lets one first-admin set-up in at a time. */
export async function lockFirstAdmin(db: Tx): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('gatehouse:first-admin'))`;
}
