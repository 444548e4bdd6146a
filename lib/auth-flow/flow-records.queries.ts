// The AuthFlow table: a hosted flow's record when no Redis is configured (lib/hosted-ui/flow.ts), and
// the short-lived records keyed like one: the profile an IdP-initiated SAML sign-in leaves for its
// browser (lib/hosted-ui/saml-endpoints.ts) and a pending SAML logout (lib/federation/saml-session.ts).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db, Tx } from "../db/client.ts";

export async function findAuthFlow(db: Db, interactionUid: string) {
  return db.authFlow.findUnique({ where: { interactionUid } });
}

/** Writes the row unless one is there already (INSERT … ON CONFLICT DO NOTHING): answers how many were written. */
export async function insertAuthFlowIfAbsent(db: Db, row: Prisma.AuthFlowCreateManyInput): Promise<number> {
  const { count } = await db.authFlow.createMany({ data: [row], skipDuplicates: true });
  return count;
}

export async function createAuthFlow(db: Db, row: Prisma.AuthFlowCreateInput): Promise<void> {
  await db.authFlow.create({ data: row });
}

export type AuthFlowChange = { step: string; userId: string | null; data: object };

export async function updateAuthFlow(db: Db, interactionUid: string, change: AuthFlowChange): Promise<void> {
  await db.authFlow.update({ where: { interactionUid }, data: change });
}

export async function setAuthFlowData(db: Db, interactionUid: string, data: object): Promise<void> {
  await db.authFlow.update({ where: { interactionUid }, data: { data } });
}

/** Updates the row only if it was last changed at `updatedAt`: answers whether it did. */
export async function updateAuthFlowIfUnchanged(db: Db, options: { interactionUid: string; updatedAt: Date; change: AuthFlowChange }): Promise<boolean> {
  const { count } = await db.authFlow.updateMany({
    where: { interactionUid: options.interactionUid, updatedAt: options.updatedAt },
    data: options.change as never,
  });
  return count === 1;
}

export async function authFlowUpdatedAt(db: Db, interactionUid: string): Promise<Date | null> {
  return (await db.authFlow.findUnique({ where: { interactionUid }, select: { updatedAt: true } }))?.updatedAt ?? null;
}

/** Deletes the row: answers how many went (0 when another request took it first). */
export async function deleteAuthFlow(db: Db, interactionUid: string): Promise<number> {
  const { count } = await db.authFlow.deleteMany({ where: { interactionUid } });
  return count;
}

export async function deleteExpiredAuthFlows(db: Db): Promise<void> {
  await db.authFlow.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

/** Ends the user's sign-ins in progress (signing them out everywhere); takes the client or a transaction's. */
export async function deleteUserAuthFlows(db: Pick<Tx, "authFlow">, options: { poolId: string; userId: string }): Promise<void> {
  await db.authFlow.deleteMany({ where: { poolId: options.poolId, userId: options.userId } });
}
