// The SQL of a pool's signing keys. Writes to a pool's keys run under one advisory lock per pool
// (`lockPoolKeys`, inside the caller's transaction), so two instances never both create a key.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

/** Holds the pool's key lock until the caller's transaction ends. */
export async function lockPoolKeys(db: Tx, options: { poolId: string }): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`keys:${options.poolId}`}))`;
}

export function countActiveKeys(db: Tx, options: { poolId: string }): Promise<number> {
  return db.signingKey.count({ where: { poolId: options.poolId, status: "active" } });
}

export async function insertSigningKey(db: Tx, options: { poolId: string; kid: string; publicJwk: Prisma.InputJsonValue; privateJwkEnc: string }): Promise<void> {
  await db.signingKey.create({ data: { kid: options.kid, poolId: options.poolId, publicJwk: options.publicJwk, privateJwkEnc: options.privateJwkEnc } });
}

/** Every active key starts retiring: it stays published until `retireAfter`. */
export async function retireActiveKeys(db: Tx, options: { poolId: string; retireAfter: Date }): Promise<void> {
  await db.signingKey.updateMany({ where: { poolId: options.poolId, status: "active" }, data: { status: "retiring", retireAfter: options.retireAfter } });
}

// The active key first, then the retiring ones still published, newest first.
const publishedWhere = (poolId: string): Prisma.SigningKeyWhereInput => ({ poolId, OR: [{ status: "active" }, { retireAfter: { gt: new Date() } }] });
const publishedOrder: Prisma.SigningKeyOrderByWithRelationInput[] = [{ status: "asc" }, { createdAt: "desc" }];

export async function findPublishedPrivateKeys(db: Tx, options: { poolId: string }): Promise<string[]> {
  const rows = await db.signingKey.findMany({ where: publishedWhere(options.poolId), orderBy: publishedOrder });
  return rows.map((row) => row.privateJwkEnc);
}

export async function findPublishedPublicKeys(db: Tx, options: { poolId: string }): Promise<Prisma.JsonValue[]> {
  const rows = await db.signingKey.findMany({ where: publishedWhere(options.poolId), orderBy: publishedOrder, select: { publicJwk: true } });
  return rows.map((row) => row.publicJwk);
}
