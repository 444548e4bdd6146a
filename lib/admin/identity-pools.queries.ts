// The SQL of an identity pool's identities as the admin lists and deletes them (identity-pools.ts;
// the identity pools themselves are lib/identity-pools/identity-pools.queries.ts).
import type { Tx } from "../db/client.ts";

export type IdentityRow = { id: string; createdAt: Date; updatedAt: Date; logins: { provider: string }[] };

/** Up to `take` identities after `cursor` (by id), each with the providers of its logins, oldest first. */
export function findIdentitiesPage(db: Tx, options: { identityPoolId: string; cursor?: string | undefined; take: number }): Promise<IdentityRow[]> {
  return db.identity.findMany({
    where: { identityPoolId: options.identityPoolId, ...(options.cursor ? { id: { gt: options.cursor } } : {}) },
    orderBy: { id: "asc" },
    take: options.take,
    select: { id: true, createdAt: true, updatedAt: true, logins: { select: { provider: true }, orderBy: { createdAt: "asc" } } },
  });
}

/** Deletes the identity (its logins go with it); answers whether it was there. */
export async function deleteIdentity(db: Tx, options: { identityPoolId: string; identityId: string }): Promise<boolean> {
  const { count } = await db.identity.deleteMany({ where: { id: options.identityId, identityPoolId: options.identityPoolId } });
  return count > 0;
}
