// The SQL of what identity pools and authorizers name (references.ts): user pools, their app
// clients, identity pools.
import type { Tx } from "../db/client.ts";

/** The ids among `ids` of user pools that exist. */
export function findPoolIds(db: Tx, ids: string[]): Promise<{ id: string }[]> {
  return db.userPool.findMany({ where: { id: { in: ids } }, select: { id: true } });
}

/** The app clients of these user pools. */
export function findClientsOfPools(db: Tx, poolIds: string[]): Promise<{ poolId: string; clientId: string }[]> {
  return db.appClient.findMany({ where: { poolId: { in: poolIds } }, select: { poolId: true, clientId: true } });
}

/** The ids among `ids` of identity pools that exist. */
export function findIdentityPoolIds(db: Tx, ids: string[]): Promise<{ id: string }[]> {
  return db.identityPool.findMany({ where: { id: { in: ids } }, select: { id: true } });
}

/** The user pools (not the console's) by name, each with its app clients by name. */
export function findPoolChoices(db: Tx): Promise<{ id: string; name: string; clients: { clientId: string; name: string }[] }[]> {
  return db.userPool.findMany({
    where: { system: false }, orderBy: { name: "asc" },
    select: { id: true, name: true, clients: { select: { clientId: true, name: true }, orderBy: { name: "asc" } } },
  });
}
