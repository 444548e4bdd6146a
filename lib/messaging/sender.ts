// Delivers verification codes and notices. With SMTP_URL, real email through nodemailer; with
// SMS_URL, messages to phone numbers through SNS or Twilio (sms.ts). Otherwise each message lands in
// the outbox table (and on the console) for development. A message that carries a
// secret (a code, a temporary password) says when it stops being useful: the outbox never lists
// it after that, and the purge deletes it.
import nodemailer from "nodemailer";
import type { Db } from "../db/client.ts";
import { deleteExpiredOutbox, insertOutboxMessage, listOutboxTo, listPoolOutboxPage } from "./outbox.queries.ts";
import type { SmsSender } from "./sms.ts";

export type Message = { poolId: string | null; to: string; subject: string; body: string; code?: string; expiresAt?: Date | null };
export type Sender = { send(message: Message): Promise<void> };

export function createSender(options: { db: Db; smtpUrl?: string | undefined; from: string; sms?: SmsSender | null; log?: (line: string) => void }): Sender {
  const outbox: Sender = {
    async send(message) {
      await insertOutboxMessage(options.db, { poolId: message.poolId, to: message.to, subject: message.subject, body: message.body, code: message.code ?? null, expiresAt: message.expiresAt ?? null });
      options.log?.(`[outbox] to ${message.to}: ${message.subject}${message.code ? ` (code ${message.code})` : ""}`);
    },
  };
  const sms = options.sms;
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  if (!sms && !transport) return outbox;
  return {
    async send(message) {
      // A phone number cannot be emailed: without SMS_URL it stays in the outbox (where an
      // operator can see it) rather than going to SMTP, which must refuse it.
      if (!message.to.includes("@")) return sms ? sms.send({ to: message.to, body: message.body }) : outbox.send(message);
      if (!transport) return outbox.send(message);
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.body });
    },
  };
}

export async function listOutbox(db: Db, to: string) {
  return listOutboxTo(db, { to });
}

/** The messages a pool sent through the outbox (installs without SMTP_URL), newest first. */
export async function listPoolOutbox(db: Db, poolId: string, options: { cursor?: string | undefined; limit: number }) {
  const rows = await listPoolOutboxPage(db, { poolId, cursor: options.cursor, take: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  return { messages: page.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })), nextCursor: rows.length > options.limit ? page.at(-1)!.id : null };
}

/** Deletes messages whose code or temporary password no longer works. */
export async function purgeExpiredOutbox(db: Db): Promise<void> {
  await deleteExpiredOutbox(db);
}
