// The SQL of reading a pool's row (pool.ts turns it into a Pool).
import type { UserPool } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

export function findPoolRow(db: Tx, id: string): Promise<UserPool | null> {
  return db.userPool.findUnique({ where: { id } });
}

export async function poolExists(db: Tx, id: string): Promise<boolean> {
  return !!(await db.userPool.findUnique({ where: { id }, select: { id: true } }));
}

/** How many pools there are besides the console's. */
export function countUserPools(db: Tx): Promise<number> {
  return db.userPool.count({ where: { system: false } });
}
