// oidc-provider's artifacts as they are stored (adapter.ts): one OidcPayload row per artifact,
// keyed by (type, id), where the type is `${poolId}/${model}` so no pool's provider can load another
// pool's session. This module is the one place outside the adapter that knows that layout: the
// rest of the code reads and ends sessions and grants through the functions below.
import type { Db, Tx } from "../db/client.ts";

/** The artifacts read or ended outside the provider (the adapter stores every model it is given). */
export type ArtifactModel = "Session" | "Grant" | "RefreshToken" | "AccessToken" | "AuthorizationCode" | "Interaction";

/** What a grant leaves in oidc-provider's storage: itself and the codes and tokens issued under it. */
export const GRANT_ARTIFACTS = ["Grant", "RefreshToken", "AccessToken", "AuthorizationCode"] as const satisfies readonly ArtifactModel[];

/** The stored type of a pool's artifacts of one model (the OidcPayload row's `type`). */
export function artifactType(poolId: string, model: string): string {
  return `${poolId}/${model}`;
}

/** Where a pool's artifacts of a model live in Redis, under the deployment's prefix (adapter.ts). */
export function redisArtifactKey(prefix: string, poolId: string, model: ArtifactModel, id: string): string {
  return `${prefix}oidc:${artifactType(poolId, model)}:${id}`;
}

function grantArtifactTypes(poolId: string): string[] {
  return GRANT_ARTIFACTS.map((model) => artifactType(poolId, model));
}

/** A stored grant's payload and expiry, or null when there is none. */
export async function findGrant(db: Db, options: { poolId: string; grantId: string }) {
  return db.oidcPayload.findUnique({
    where: { type_id: { type: artifactType(options.poolId, "Grant"), id: options.grantId } },
    select: { payload: true, expiresAt: true },
  });
}

/** A stored grant's expiry alone, or null when there is none. */
export async function findGrantExpiry(db: Db, options: { poolId: string; grantId: string }) {
  return db.oidcPayload.findUnique({
    where: { type_id: { type: artifactType(options.poolId, "Grant"), id: options.grantId } },
    select: { expiresAt: true },
  });
}

/** The payloads of these stored sessions of the pool (ids that are gone are left out). */
export async function findSessions(db: Db, options: { poolId: string; ids: string[] }) {
  return db.oidcPayload.findMany({
    where: { type: artifactType(options.poolId, "Session"), id: { in: options.ids } }, select: { id: true, payload: true },
  });
}

/** Ends one grant: the grant and the codes and tokens issued under it. */
export async function deleteGrantArtifacts(db: Db, options: { poolId: string; grantId: string }): Promise<void> {
  await db.oidcPayload.deleteMany({ where: { grantId: options.grantId, type: { in: grantArtifactTypes(options.poolId) } } });
}

/**
 * Ends every session of a user in a pool: their hosted-UI sessions and every grant with the codes
 * and tokens issued under it. Takes the client or a transaction's. Answers how many rows went.
 */
export async function deleteSessionsAndGrantsOfUser(db: Pick<Tx, "$executeRaw">, options: { poolId: string; userId: string }): Promise<number> {
  const types = ["Session", ...GRANT_ARTIFACTS].map((model) => artifactType(options.poolId, model));
  const grantType = artifactType(options.poolId, "Grant");
  return db.$executeRaw`
    DELETE FROM "OidcPayload"
    WHERE type = ANY(${types}::text[])
      AND (payload->>'accountId' = ${options.userId}
        OR "grantId" IN (SELECT id FROM "OidcPayload" WHERE type = ${grantType} AND payload->>'accountId' = ${options.userId}))`;
}

/** Ends a user's browser sessions (Session artifacts) in a pool, leaving their grants. */
export async function deleteSessionsOfUser(db: Db, options: { poolId: string; userId: string }): Promise<void> {
  await db.$executeRaw`DELETE FROM "OidcPayload" WHERE type = ${artifactType(options.poolId, "Session")} AND payload->>'accountId' = ${options.userId}`;
}

/** Every artifact of the pool issued to one client (takes the client or a transaction's). */
export function deleteClientArtifacts(db: Tx, options: { poolId: string; clientId: string }) {
  return db.oidcPayload.deleteMany({ where: { type: { startsWith: `${options.poolId}/` }, payload: { path: ["clientId"], equals: options.clientId } } });
}

/** Every artifact of the pool (takes the client or a transaction's). */
export function deletePoolArtifacts(db: Tx, poolId: string) {
  return db.oidcPayload.deleteMany({ where: { type: { startsWith: `${poolId}/` } } });
}
