// The SQL of admin API keys (api-keys.ts): only the key's hash is stored, never the key.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

/** What the admin API shows of a key: never its hash. */
const KEY_SELECT = { id: true, name: true, prefix: true, accessKeyId: true, createdBy: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const satisfies Prisma.ApiKeySelect;

export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof KEY_SELECT }>;

/** What checking a key needs of it. */
export type LiveKeyRow = { id: string; name: string; revokedAt: Date | null; lastUsedAt: Date | null };

/** Live keys first, then the newest. */
export function findApiKeys(db: Tx): Promise<ApiKeyRow[]> {
  return db.apiKey.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], select: KEY_SELECT });
}

export function insertApiKey(db: Tx, data: Prisma.ApiKeyUncheckedCreateInput): Promise<ApiKeyRow> {
  return db.apiKey.create({ data, select: KEY_SELECT });
}

/** The key's revocation time, or null when there is no such key. */
export function findApiKeyRevokedAt(db: Tx, id: string): Promise<{ revokedAt: Date | null } | null> {
  return db.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
}

export function setApiKeyRevokedAt(db: Tx, id: string, revokedAt: Date): Promise<ApiKeyRow> {
  return db.apiKey.update({ where: { id }, data: { revokedAt }, select: KEY_SELECT });
}

export async function setApiKeyLastUsedAt(db: Tx, id: string, lastUsedAt: Date): Promise<void> {
  await db.apiKey.update({ where: { id }, data: { lastUsedAt } });
}

export function findApiKeyByHash(db: Tx, keyHash: string): Promise<LiveKeyRow | null> {
  return db.apiKey.findUnique({ where: { keyHash }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } });
}

export function findApiKeyByAccessKeyId(db: Tx, accessKeyId: string): Promise<LiveKeyRow | null> {
  return db.apiKey.findUnique({ where: { accessKeyId }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } });
}
