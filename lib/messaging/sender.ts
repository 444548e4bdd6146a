// Delivers verification codes and notices. With SMTP_URL, real email through nodemailer;
// otherwise each message lands in the outbox table (and on the console) for development. Messages
// to phone numbers always land in the outbox until an SMS sender exists.
import nodemailer from "nodemailer";
import type { Db } from "../db/client.ts";

export type Message = { poolId: string | null; to: string; subject: string; body: string; code?: string };
export type Sender = { send(message: Message): Promise<void> };

export function createSender(options: { db: Db; smtpUrl?: string; from: string; log?: (line: string) => void }): Sender {
  const outbox: Sender = {
    async send(message) {
      await options.db.outboxMessage.create({
        data: { poolId: message.poolId, to: message.to, subject: message.subject, body: message.body, code: message.code ?? null },
      });
      options.log?.(`[outbox] to ${message.to}: ${message.subject}${message.code ? ` (code ${message.code})` : ""}`);
    },
  };
  if (!options.smtpUrl) return outbox;
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(message) {
      // A phone number cannot be emailed, and there is no SMS sender yet: keep the message in the
      // outbox (where an operator can see it) rather than hand SMTP an address it must refuse.
      if (!message.to.includes("@")) return outbox.send(message);
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.body });
    },
  };
}

export async function listOutbox(db: Db, to: string) {
  return db.outboxMessage.findMany({
    where: { to: { equals: to, mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { to: true, subject: true, body: true, code: true, createdAt: true },
  });
}

/** The messages a pool sent through the outbox (installs without SMTP_URL), newest first. */
export async function listPoolOutbox(db: Db, poolId: string, options: { cursor?: string | undefined; limit: number }) {
  const rows = await db.outboxMessage.findMany({
    where: { poolId, ...(options.cursor ? { id: { lt: options.cursor } } : {}) },
    // cuids begin with their creation time, so id order is (near enough) time order.
    orderBy: { id: "desc" },
    take: options.limit + 1,
    select: { id: true, to: true, subject: true, body: true, code: true, createdAt: true },
  });
  const page = rows.slice(0, options.limit);
  return { messages: page.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })), nextCursor: rows.length > options.limit ? page.at(-1)!.id : null };
}
