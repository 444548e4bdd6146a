// The SQL of a pool's resource servers (resource-servers.ts; clients.ts reads their scopes).
import type { Prisma, ResourceServer } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

export type ResourceServerRow = ResourceServer;

/** The pool's resource servers by identifier. */
export function findResourceServers(db: Tx, poolId: string): Promise<ResourceServerRow[]> {
  return db.resourceServer.findMany({ where: { poolId }, orderBy: { identifier: "asc" } });
}

export function findResourceServer(db: Tx, options: { poolId: string; identifier: string }): Promise<ResourceServerRow | null> {
  return db.resourceServer.findUnique({ where: { poolId_identifier: { poolId: options.poolId, identifier: options.identifier } } });
}

/** Each resource server's identifier and scopes (what a client may be allowed). */
export function findResourceServerScopes(db: Tx, poolId: string): Promise<{ identifier: string; scopes: Prisma.JsonValue }[]> {
  return db.resourceServer.findMany({ where: { poolId }, select: { identifier: true, scopes: true } });
}

export function insertResourceServer(db: Tx, data: Prisma.ResourceServerUncheckedCreateInput): Promise<ResourceServerRow> {
  return db.resourceServer.create({ data });
}

export function updateResourceServerRow(db: Tx, id: string, data: Prisma.ResourceServerUncheckedUpdateInput): Promise<ResourceServerRow> {
  return db.resourceServer.update({ where: { id }, data });
}

export async function deleteResourceServerRow(db: Tx, id: string): Promise<void> {
  await db.resourceServer.delete({ where: { id } });
}
