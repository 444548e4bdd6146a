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

/** The permissions of a client of the pool; a client that no longer exists may read and write nothing. */
export async function loadClientPermissions(db: Db, poolId: string, clientId: string): Promise<AttributePermissions> {
  const row = await db.appClient.findFirst({ where: { clientId, poolId }, select: { readAttributes: true, writeAttributes: true } });
  return row ? toPermissions(row) : { readAttributes: [], writeAttributes: [] };
}

export function storedPermissions(client: AttributePermissions) {
  return { readAttributes: client.readAttributes ?? Prisma.DbNull, writeAttributes: client.writeAttributes ?? Prisma.DbNull };
}
