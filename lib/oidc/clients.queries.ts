// The SQL behind a pool's provider: its app clients, read one at a time as requests name them, and
// the resource servers whose scopes it accepts.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

/** Every column but the branding draft, which the console edits without dropping the provider. */
export const CLIENT_COLUMNS = {
  clientId: true, poolId: true, name: true, secretHash: true, secretEnc: true, callbackUrls: true, logoutUrls: true,
  allowedOAuthFlows: true, allowedScopes: true, readAttributes: true, writeAttributes: true,
  accessTokenValidity: true, idTokenValidity: true, refreshTokenValidity: true, refreshTokenRotation: true,
  preventUserExistenceErrors: true, explicitAuthFlows: true, supportedIdentityProviders: true, branding: true,
  createdAt: true, updatedAt: true,
} as const;

export type ClientRow = Prisma.AppClientGetPayload<{ select: typeof CLIENT_COLUMNS }>;

export function findPoolClient(db: Tx, options: { poolId: string; clientId: string }): Promise<ClientRow | null> {
  return db.appClient.findFirst({ where: { clientId: options.clientId, poolId: options.poolId }, select: CLIENT_COLUMNS });
}

/** The pool an app client belongs to, or null when no pool has it. */
export async function findClientPoolId(db: Tx, options: { clientId: string }): Promise<string | null> {
  const row = await db.appClient.findUnique({ where: { clientId: options.clientId }, select: { poolId: true } });
  return row?.poolId ?? null;
}

export function listPoolScopeServers(db: Tx, options: { poolId: string }): Promise<{ identifier: string; scopes: Prisma.JsonValue }[]> {
  return db.resourceServer.findMany({ where: { poolId: options.poolId }, select: { identifier: true, scopes: true } });
}
