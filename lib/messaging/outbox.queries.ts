// The SQL of the outbox: messages kept in the database when no SMTP or SMS service is configured.
import type { Tx } from "../db/client.ts";

export type OutboxIn = { poolId: string | null; to: string; subject: string; body: string; code: string | null; expiresAt: Date | null };

export async function insertOutboxMessage(db: Tx, message: OutboxIn): Promise<void> {
  await db.outboxMessage.create({ data: message });
}

/** Messages still worth showing: plain notices, and those whose code or password still works. */
const unexpired = () => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] });

/** The latest 50 unexpired messages to an address (any case), newest first. */
export function listOutboxTo(db: Tx, options: { to: string }) {
  return db.outboxMessage.findMany({
    where: { to: { equals: options.to, mode: "insensitive" }, ...unexpired() },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { to: true, subject: true, body: true, code: true, createdAt: true },
  });
}

/** A page of a pool's unexpired messages, newest first: `take` rows after `cursor` (an id). */
export function listPoolOutboxPage(db: Tx, options: { poolId: string; cursor?: string | undefined; take: number }) {
  return db.outboxMessage.findMany({
    where: { poolId: options.poolId, ...unexpired(), ...(options.cursor ? { id: { lt: options.cursor } } : {}) },
    // cuids begin with their creation time, so id order is (near enough) time order.
    orderBy: { id: "desc" },
    take: options.take,
    select: { id: true, to: true, subject: true, body: true, code: true, createdAt: true },
  });
}

/** Deletes messages whose code or temporary password no longer works. */
export async function deleteExpiredOutbox(db: Tx): Promise<void> {
  await db.outboxMessage.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
