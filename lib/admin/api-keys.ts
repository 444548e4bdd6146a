// Admin API keys: `ghk_` and 32 random bytes, shown once; only the SHA-256 is stored, so a
// database leak does not leak usable keys. A revoked key stops working at once.
//
// Each key is also a pair of AWS credentials, for the Cognito API's SigV4-signed Admin calls: an
// access key id (stored, not secret) and a secret access key, shown once like the key. SigV4
// needs the secret itself to check a signature, so it cannot be stored hashed; it is not stored
// at all but recomputed as an HMAC of the access key id under a key derived from GATEHOUSE_SECRET.
import { awsStyleId, derivedSecretAccessKey } from "../security/aws-keys.ts";
import { z } from "zod";
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { randomToken, sha256, type Secrets } from "../security/secrets.ts";
import {
  findApiKeyByAccessKeyId, findApiKeyByHash, findApiKeyRevokedAt, findApiKeys, insertApiKey, setApiKeyLastUsedAt, setApiKeyRevokedAt,
  type ApiKeyRow, type LiveKeyRow,
} from "./api-keys.queries.ts";

export const KEY_PREFIX = "ghk_";
export const ACCESS_KEY_ID_PREFIX = "GHK";
export const CreateApiKeySchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

export type ApiKeyView = {
  id: string; name: string; prefix: string; accessKeyId: string; createdBy: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
};

function toView(row: ApiKeyRow): ApiKeyView {
  return { ...row, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null };
}

/** GHK and 17 random base32 characters: 20 characters, the length of AWS's access key ids. */
export function generateAccessKeyId(): string {
  return awsStyleId(ACCESS_KEY_ID_PREFIX, 17);
}

/** The secret access key of an access key id: 40 characters, as AWS's are. The same on every
 * instance that shares GATEHOUSE_SECRET, and different for every other secret. */
export function secretAccessKeyFor(secrets: Secrets, accessKeyId: string): string {
  return derivedSecretAccessKey(secrets, "sigv4-secret/v1", accessKeyId);
}

export async function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  return (await findApiKeys(db)).map(toView);
}

export async function createApiKey(
  deps: { db: Db; secrets: Secrets },
  options: { name: string; createdBy: string; audit?: AuditIn },
): Promise<{ apiKey: ApiKeyView; key: string; secretAccessKey: string }> {
  const key = `${KEY_PREFIX}${randomToken(32)}`;
  const accessKeyId = generateAccessKeyId();
  const row = await deps.db.$transaction(async (tx) => {
    const created = await insertApiKey(tx, { name: options.name, prefix: key.slice(0, 10), keyHash: sha256(key), accessKeyId, createdBy: options.createdBy });
    await options.audit?.(tx);
    return created;
  });
  return { apiKey: toView(row), key, secretAccessKey: secretAccessKeyFor(deps.secrets, accessKeyId) };
}

export async function revokeApiKey(db: Db, id: string, options: { audit?: AuditIn } = {}): Promise<ApiKeyView> {
  const row = await findApiKeyRevokedAt(db, id);
  if (!row) throw new AppError("ResourceNotFoundException", `API key ${id} does not exist.`);
  return db.$transaction(async (tx) => {
    const view = toView(await setApiKeyRevokedAt(tx, id, row.revokedAt ?? new Date()));
    await options.audit?.(tx);
    return view;
  });
}

/** Touch lastUsedAt at most once a minute, so a busy key does not write on every call. */
async function markUsed(db: Db, row: LiveKeyRow): Promise<void> {
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) await setApiKeyLastUsedAt(db, row.id, new Date());
}

/** The key's record when it is live; null for unknown or revoked keys. */
export async function verifyApiKey(db: Db, key: string): Promise<{ id: string; name: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const row = await findApiKeyByHash(db, sha256(key));
  if (!row || row.revokedAt) return null;
  await markUsed(db, row);
  return { id: row.id, name: row.name };
}

/** The live key with this access key id and its secret access key; null for unknown or revoked
 * keys. Call its markUsed once the request's signature is checked. */
export async function findApiKeyCredentials(
  deps: { db: Db; secrets: Secrets },
  accessKeyId: string,
): Promise<{ id: string; name: string; secretAccessKey: string; markUsed: () => Promise<void> } | null> {
  if (!accessKeyId.startsWith(ACCESS_KEY_ID_PREFIX) || accessKeyId.length > 64) return null;
  const row = await findApiKeyByAccessKeyId(deps.db, accessKeyId);
  if (!row || row.revokedAt) return null;
  return { id: row.id, name: row.name, secretAccessKey: secretAccessKeyFor(deps.secrets, accessKeyId), markUsed: () => markUsed(deps.db, row) };
}
