// The SQL of the audit log (audit.ts).
import type { AuditEvent, Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

export async function insertAuditEvent(db: Tx, data: Prisma.AuditEventUncheckedCreateInput): Promise<void> {
  await db.auditEvent.create({ data });
}

/** What the log can be searched by; every filter given must hold. */
export type AuditFilters = {
  poolId?: string | undefined; typePrefix?: string | undefined; actorContains?: string | undefined; targetContains?: string | undefined;
  from?: Date | undefined; to?: Date | undefined;
  /** The last event of the previous page: only older ones (by time, then id). */
  before?: { at: Date; id: string } | null;
};

/** Up to `take` events that pass the filters, newest first. */
export function findAuditEvents(db: Tx, filters: AuditFilters, take: number): Promise<AuditEvent[]> {
  const { before } = filters;
  return db.auditEvent.findMany({
    where: {
      AND: [
        filters.poolId ? { poolId: filters.poolId } : {},
        filters.typePrefix ? { type: { startsWith: filters.typePrefix } } : {},
        filters.actorContains ? { actor: { contains: filters.actorContains, mode: "insensitive" } } : {},
        filters.targetContains ? { target: { contains: filters.targetContains, mode: "insensitive" } } : {},
        filters.from ? { createdAt: { gte: filters.from } } : {},
        filters.to ? { createdAt: { lte: filters.to } } : {},
        before ? { OR: [{ createdAt: { lt: before.at } }, { createdAt: before.at, id: { lt: before.id } }] } : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}

/** Deletes the events recorded before `date`; answers how many went. */
export async function deleteAuditEventsBefore(db: Tx, date: Date): Promise<number> {
  const { count } = await db.auditEvent.deleteMany({ where: { createdAt: { lt: date } } });
  return count;
}
