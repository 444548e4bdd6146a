// The SQL of user pools as the admin manages them (pools.ts, and the modules that change one of a
// pool's stored settings: identity providers, triggers, import).
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

const WITH_COUNTS = { _count: { select: { users: true, clients: true, groups: true, resourceServers: true } } } as const satisfies Prisma.UserPoolInclude;

export type PoolWithCounts = Prisma.UserPoolGetPayload<{ include: typeof WITH_COUNTS }>;

/** The console's pool first, then by name. */
export function findPoolsWithCounts(db: Tx, options: { includeSystem: boolean }): Promise<PoolWithCounts[]> {
  return db.userPool.findMany({
    where: options.includeSystem ? {} : { system: false },
    orderBy: [{ system: "desc" }, { name: "asc" }],
    include: WITH_COUNTS,
  });
}

export function findPoolWithCounts(db: Tx, poolId: string): Promise<PoolWithCounts | null> {
  return db.userPool.findUnique({ where: { id: poolId }, include: WITH_COUNTS });
}

/** The pool's stored migration source (its secret sealed), or null when there is no such pool. */
export async function findStoredMigrateFrom(db: Tx, poolId: string): Promise<Prisma.JsonValue | null> {
  const row = await db.userPool.findUnique({ where: { id: poolId }, select: { migrateFrom: true } });
  return row?.migrateFrom ?? null;
}

/** Whether the pool is the console's own; null when there is no such pool. */
export async function findPoolSystemFlag(db: Tx, poolId: string): Promise<{ system: boolean } | null> {
  return db.userPool.findUnique({ where: { id: poolId }, select: { system: true } });
}

/** The pool's dates (it must exist). */
export function findPoolDates(db: Tx, poolId: string): Promise<{ createdAt: Date; updatedAt: Date }> {
  return db.userPool.findUniqueOrThrow({ where: { id: poolId }, select: { createdAt: true, updatedAt: true } });
}

export async function insertPool(db: Tx, data: Prisma.UserPoolUncheckedCreateInput): Promise<void> {
  await db.userPool.create({ data });
}

export async function updatePoolRow(db: Tx, poolId: string, data: Prisma.UserPoolUncheckedUpdateInput): Promise<void> {
  await db.userPool.update({ where: { id: poolId }, data });
}

/**
 * Deletes the pool (its users, groups, clients and resource servers go with it by foreign key)
 * and what is not foreign-keyed to it: sign-ins in progress, queued messages, signing keys.
 */
export async function deletePoolRows(db: Tx, poolId: string): Promise<void> {
  await db.authFlow.deleteMany({ where: { poolId } });
  await db.outboxMessage.deleteMany({ where: { poolId } });
  await db.signingKey.deleteMany({ where: { poolId } });
  await db.userPool.delete({ where: { id: poolId } });
}

/** The stored value of a pool's migration source: null turns it off (the column's NULL, not JSON null). */
export function migrateFromColumn(value: Prisma.InputJsonValue | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value ?? Prisma.DbNull;
}
