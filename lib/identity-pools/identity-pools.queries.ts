// Identity pools in the database: the id and name as columns, every other setting in `settings`
// (validated by IdentityPoolSettingsSchema on the way in and on the way out).
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { IdentityPoolSettingsSchema, type IdentityPool, type IdentityPoolConfig } from "./config.ts";

type Row = { id: string; name: string; settings: unknown; createdAt: Date; updatedAt: Date };

function toIdentityPool(row: Row): IdentityPool {
  // Settings written by an older Gatehouse get today's defaults.
  const settings = IdentityPoolSettingsSchema.parse({ ...(row.settings as object), name: row.name });
  return { id: row.id, ...settings, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export async function findIdentityPool(db: Db, id: string): Promise<IdentityPool | null> {
  const row = await db.identityPool.findUnique({ where: { id } });
  return row ? toIdentityPool(row) : null;
}

/** The identity pool, or Cognito's ResourceNotFoundException. */
export async function getIdentityPool(db: Db, id: string): Promise<IdentityPool> {
  const pool = await findIdentityPool(db, id);
  if (!pool) throw new AppError("ResourceNotFoundException", `IdentityPool '${id}' not found.`);
  return pool;
}

export async function listIdentityPools(db: Db, options: { limit?: number; after?: string } = {}): Promise<IdentityPool[]> {
  const rows = await db.identityPool.findMany({
    orderBy: { id: "asc" }, take: options.limit ?? 60, ...(options.after ? { where: { id: { gt: options.after } } } : {}),
  });
  return rows.map(toIdentityPool);
}

/** Creates or replaces an identity pool (its identities stay). */
export async function putIdentityPool(db: Tx, pool: IdentityPoolConfig): Promise<IdentityPool> {
  const { id, name, ...settings } = pool;
  const row = await db.identityPool.upsert({ where: { id }, create: { id, name, settings }, update: { name, settings } });
  return toIdentityPool(row);
}

/** Deletes an identity pool and, with it, its identities and their logins. */
export async function deleteIdentityPool(db: Tx, id: string): Promise<void> {
  const { count } = await db.identityPool.deleteMany({ where: { id } });
  if (!count) throw new AppError("ResourceNotFoundException", `IdentityPool '${id}' not found.`);
}
