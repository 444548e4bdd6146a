// The SQL of app clients (clients.ts, and the admin modules that read or change a pool's clients).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

/** What the admin API reads of a client: never its sealed secret. */
export const CLIENT_SELECT = {
  clientId: true, poolId: true, name: true, secretHash: true, callbackUrls: true, logoutUrls: true, allowedOAuthFlows: true, allowedScopes: true,
  accessTokenValidity: true, idTokenValidity: true, refreshTokenValidity: true, refreshTokenRotation: true, preventUserExistenceErrors: true,
  explicitAuthFlows: true, readAttributes: true, writeAttributes: true, supportedIdentityProviders: true, createdAt: true, updatedAt: true,
} as const satisfies Prisma.AppClientSelect;

export type ClientRow = Prisma.AppClientGetPayload<{ select: typeof CLIENT_SELECT }>;

/** The pool's clients by name. */
export function findPoolClients(db: Tx, poolId: string): Promise<ClientRow[]> {
  return db.appClient.findMany({ where: { poolId }, orderBy: { name: "asc" }, select: CLIENT_SELECT });
}

export function findPoolClient(db: Tx, options: { poolId: string; clientId: string }): Promise<ClientRow | null> {
  return db.appClient.findFirst({ where: { poolId: options.poolId, clientId: options.clientId }, select: CLIENT_SELECT });
}

/** Whether any pool has a client of this id (client ids are unique across pools). */
export async function clientIdTaken(db: Tx, clientId: string): Promise<boolean> {
  return !!(await db.appClient.findUnique({ where: { clientId }, select: { clientId: true } }));
}

/** The pool a client id belongs to, or null when there is no such client. */
export async function findClientPoolId(db: Tx, clientId: string): Promise<string | null> {
  const client = await db.appClient.findUnique({ where: { clientId }, select: { poolId: true } });
  return client?.poolId ?? null;
}

export function insertClient(db: Tx, data: Prisma.AppClientUncheckedCreateInput): Promise<ClientRow> {
  return db.appClient.create({ data, select: CLIENT_SELECT });
}

export function updateClientRow(db: Tx, clientId: string, data: Prisma.AppClientUncheckedUpdateInput): Promise<ClientRow> {
  return db.appClient.update({ where: { clientId }, data, select: CLIENT_SELECT });
}

export async function deleteClientRow(db: Tx, clientId: string): Promise<void> {
  await db.appClient.delete({ where: { clientId } });
}

/** Each client's name and attribute lists (what a required attribute needs of every client). */
export function findClientPermissionRows(db: Tx, poolId: string): Promise<{ name: string; readAttributes: Prisma.JsonValue; writeAttributes: Prisma.JsonValue }[]> {
  return db.appClient.findMany({ where: { poolId }, select: { name: true, readAttributes: true, writeAttributes: true } });
}

/** The pool's clients that offer any of these identity providers. */
export function findClientsOfferingProviders(db: Tx, options: { poolId: string; providers: string[] }): Promise<{ clientId: string; supportedIdentityProviders: string[] }[]> {
  return db.appClient.findMany({ where: { poolId: options.poolId, supportedIdentityProviders: { hasSome: options.providers } }, select: { clientId: true, supportedIdentityProviders: true } });
}

export async function setClientProviders(db: Tx, clientId: string, supportedIdentityProviders: string[]): Promise<void> {
  await db.appClient.update({ where: { clientId }, data: { supportedIdentityProviders } });
}

/** The pool's oldest client's id, or null when it has none. */
export async function findFirstClientId(db: Tx, poolId: string): Promise<string | null> {
  const client = await db.appClient.findFirst({ where: { poolId }, orderBy: { createdAt: "asc" }, select: { clientId: true } });
  return client?.clientId ?? null;
}

/** A client of the pool allowed any of these scopes, or null. */
export function findClientAllowingScopes(db: Tx, options: { poolId: string; scopes: string[] }): Promise<{ clientId: string; name: string; allowedScopes: string[] } | null> {
  return db.appClient.findFirst({ where: { poolId: options.poolId, allowedScopes: { hasSome: options.scopes } }, select: { clientId: true, name: true, allowedScopes: true } });
}
