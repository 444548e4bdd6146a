// What the account page reads beyond the user and their sessions: the audit log's sign-in entries
// and the names of the apps a session signed in to.
import type { Db } from "../db/client.ts";

export type SignInAuditRow = { id: string; createdAt: Date; type: string; ip: string | null; userAgent: string | null; target: string | null; details: unknown };

/** The pool's newest audit entries of these types that name the user: by sub, or by one of their names as typed (any case). */
export async function findSignInAuditEvents(db: Db, options: { poolId: string; userId: string; names: string[]; types: string[]; take: number }): Promise<SignInAuditRow[]> {
  return db.auditEvent.findMany({
    where: {
      poolId: options.poolId,
      type: { in: options.types },
      OR: [{ details: { path: ["sub"], equals: options.userId } }, ...options.names.map((name) => ({ actor: { equals: name, mode: "insensitive" as const } }))],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take,
    select: { id: true, createdAt: true, type: true, ip: true, userAgent: true, target: true, details: true },
  });
}

export async function findClientNames(db: Db, options: { poolId: string; clientIds: string[] }) {
  return db.appClient.findMany({ where: { poolId: options.poolId, clientId: { in: options.clientIds } }, select: { clientId: true, name: true } });
}
