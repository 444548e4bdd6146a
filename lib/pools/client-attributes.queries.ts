// Reading and writing a client's attribute lists (lib/pools/client-attributes.ts) in the database:
// JSON columns, where null (the default) is the database's NULL.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import type { AttributePermissions } from "./client-attributes.ts";

/** One client's lists as stored. */
export function toPermissions(row: { readAttributes: unknown; writeAttributes: unknown }): AttributePermissions {
  const parse = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : null);
  return { readAttributes: parse(row.readAttributes), writeAttributes: parse(row.writeAttributes) };
}

/** A client's permissions from its row, read wherever that is; a client that no longer exists may read and write nothing. */
export function permissionsOf(row: { readAttributes: unknown; writeAttributes: unknown } | null): AttributePermissions {
  return row ? toPermissions(row) : { readAttributes: [], writeAttributes: [] };
}

export async function loadClientPermissions(db: Db, poolId: string, clientId: string): Promise<AttributePermissions> {
  return permissionsOf(await db.appClient.findFirst({ where: { clientId, poolId }, select: { readAttributes: true, writeAttributes: true } }));
}

/**
 * A client's permissions as its pool's provider holds the client (ProviderEntry.client,
 * lib/oidc/pool-clients.ts): the same answer as loadClientPermissions, without a database read
 * once the client has been used.
 */
export async function heldClientPermissions(
  entry: { client(clientId: string): Promise<{ permissions: AttributePermissions } | null> }, clientId: string,
): Promise<AttributePermissions> {
  return (await entry.client(clientId))?.permissions ?? permissionsOf(null);
}

export function storedPermissions(client: AttributePermissions) {
  return { readAttributes: client.readAttributes ?? Prisma.DbNull, writeAttributes: client.writeAttributes ?? Prisma.DbNull };
}
