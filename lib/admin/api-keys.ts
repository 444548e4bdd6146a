// Admin API keys: `ghk_` and 32 random bytes, shown once; only the SHA-256 is stored, so a
// database leak does not leak usable keys. A revoked key stops working at once.
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { randomToken, sha256 } from "../security/secrets.ts";

export const KEY_PREFIX = "ghk_";
export const CreateApiKeySchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

export type ApiKeyView = { id: string; name: string; prefix: string; createdBy: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const SELECT = { id: true, name: true, prefix: true, createdBy: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toView(row: { id: string; name: string; prefix: string; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiKeyView {
  return { ...row, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null };
}

export async function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  return (await db.apiKey.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], select: SELECT })).map(toView);
}

export async function createApiKey(db: Db, options: { name: string; createdBy: string }): Promise<{ apiKey: ApiKeyView; key: string }> {
  const key = `${KEY_PREFIX}${randomToken(32)}`;
  const row = await db.apiKey.create({ data: { name: options.name, prefix: key.slice(0, 10), keyHash: sha256(key), createdBy: options.createdBy }, select: SELECT });
  return { apiKey: toView(row), key };
}

export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyView> {
  const row = await db.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
  if (!row) throw new AppError("ResourceNotFoundException", `API key ${id} does not exist.`);
  return toView(await db.apiKey.update({ where: { id }, data: { revokedAt: row.revokedAt ?? new Date() }, select: SELECT }));
}

/** The key's record when it is live; null for unknown or revoked keys. */
export async function verifyApiKey(db: Db, key: string): Promise<{ id: string; name: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const row = await db.apiKey.findUnique({ where: { keyHash: sha256(key) }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  // Touch lastUsedAt at most once a minute, so a busy key does not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { id: row.id, name: row.name };
}
