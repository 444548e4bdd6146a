// The SQL of branding (branding.ts, assets.ts): a pool's and a client's published branding and
// draft, and the pool's uploaded images.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

export type BrandingRow = { branding: Prisma.JsonValue; brandingDraft: Prisma.JsonValue };

export function findPoolBranding(db: Tx, poolId: string): Promise<BrandingRow | null> {
  return db.userPool.findUnique({ where: { id: poolId }, select: { branding: true, brandingDraft: true } });
}

export function findClientBranding(db: Tx, options: { poolId: string; clientId: string }): Promise<BrandingRow | null> {
  return db.appClient.findFirst({ where: { poolId: options.poolId, clientId: options.clientId }, select: { branding: true, brandingDraft: true } });
}

/** Saves the pool's draft; null discards it. */
export async function setPoolBrandingDraft(db: Tx, poolId: string, draft: Prisma.InputJsonValue | null): Promise<void> {
  await db.userPool.update({ where: { id: poolId }, data: { brandingDraft: draft ?? Prisma.DbNull } });
}

/** Saves the client's draft (its overrides of the pool's branding); null discards it. */
export async function setClientBrandingDraft(db: Tx, clientId: string, draft: Prisma.InputJsonValue | null): Promise<void> {
  await db.appClient.update({ where: { clientId }, data: { brandingDraft: draft ?? Prisma.DbNull } });
}

/** Makes the draft the pool's published branding, and drops the draft. */
export async function publishPoolBrandingDraft(db: Tx, poolId: string, draft: Prisma.InputJsonValue): Promise<void> {
  await db.userPool.update({ where: { id: poolId }, data: { branding: draft, brandingDraft: Prisma.DbNull } });
}

/** Makes the draft the client's published branding, and drops the draft. */
export async function publishClientBrandingDraft(db: Tx, clientId: string, draft: Prisma.InputJsonValue): Promise<void> {
  await db.appClient.update({ where: { clientId }, data: { branding: draft, brandingDraft: Prisma.DbNull } });
}

/** Sets the pool's published branding (the config file's). */
export async function setPoolBranding(db: Tx, poolId: string, branding: Prisma.InputJsonValue): Promise<void> {
  await db.userPool.update({ where: { id: poolId }, data: { branding } });
}

/** The client's name when it is one of the pool's, else null. */
export async function findClientName(db: Tx, options: { poolId: string; clientId: string }): Promise<string | null> {
  const client = await db.appClient.findFirst({ where: { poolId: options.poolId, clientId: options.clientId }, select: { name: true } });
  return client?.name ?? null;
}

// ---- images

export async function brandingAssetExists(db: Tx, options: { poolId: string; id: string }): Promise<boolean> {
  return !!(await db.brandingAsset.findUnique({ where: { poolId_id: { poolId: options.poolId, id: options.id } }, select: { id: true } }));
}

/** Stores the image under its id; one already stored under that id stays as it is. */
export async function upsertBrandingAsset(db: Tx, asset: { poolId: string; id: string; contentType: string; bytes: Uint8Array<ArrayBuffer>; size: number }): Promise<void> {
  await db.brandingAsset.upsert({
    where: { poolId_id: { poolId: asset.poolId, id: asset.id } },
    create: asset,
    update: {},
  });
}

export function findBrandingAssetRow(db: Tx, options: { poolId: string; id: string }): Promise<{ contentType: string; bytes: Uint8Array<ArrayBuffer> } | null> {
  return db.brandingAsset.findUnique({ where: { poolId_id: { poolId: options.poolId, id: options.id } }, select: { contentType: true, bytes: true } });
}

/** The pool's images, oldest first. */
export function findBrandingAssets(db: Tx, poolId: string): Promise<{ id: string; contentType: string; bytes: Uint8Array<ArrayBuffer> }[]> {
  return db.brandingAsset.findMany({ where: { poolId }, orderBy: { createdAt: "asc" }, select: { id: true, contentType: true, bytes: true } });
}
