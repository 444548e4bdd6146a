// The audit log: sign-ins and their failures, lockouts and admin changes, kept in PostgreSQL.
// Recording never fails the action it records: a lost audit row is logged, not thrown.
import { z } from "zod";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { deleteAuditEventsBefore, findAuditEvents, insertAuditEvent } from "./audit.queries.ts";

export type ActorType = "user" | "admin" | "api-key" | "system";

export type AuditEntry = {
  poolId?: string | null;
  type: string;
  actorType: ActorType;
  actor?: string | null;
  target?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
};

function auditRow(entry: AuditEntry) {
  return {
    poolId: entry.poolId ?? null, type: entry.type, actorType: entry.actorType, actor: entry.actor ?? null, target: entry.target ?? null,
    ip: entry.ip ?? null, userAgent: entry.userAgent?.slice(0, 512) ?? null, details: (entry.details ?? {}) as object,
  };
}

/**
 * Records an event outside any change (a sign-in, a failed attempt). A lost row is logged, not
 * thrown: recording never fails what it records.
 */
export async function recordAudit(db: Db | Tx, entry: AuditEntry, log?: (line: string) => void): Promise<void> {
  try {
    await insertAuditEvent(db, auditRow(entry));
  } catch (error) {
    log?.(`audit: could not record ${entry.type}: ${(error as Error).message}`);
  }
}

/**
 * Records a change inside the transaction that makes it (as Documenso does): the change and its
 * audit row commit together or not at all. A failure here rolls the change back.
 */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(tx, auditRow(entry));
}

/**
 * How a caller hands its audit row to the function that makes a change: that function calls it
 * inside its transaction, with what it made (the router reads the audit's target from it).
 */
export type AuditIn = (tx: Tx, result?: unknown) => Promise<void>;

export const AuditQuerySchema = z.object({
  poolId: z.string().max(64).optional(),
  type: z.string().max(128).optional(),
  actor: z.string().max(256).optional(),
  target: z.string().max(256).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(256).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditEventView = {
  id: string; createdAt: string; poolId: string | null; type: string; actorType: string; actor: string | null;
  target: string | null; ip: string | null; userAgent: string | null; details: Record<string, unknown>;
};

/** Newest first. The cursor is the last event's time and id. */
export async function listAuditEvents(db: Db, query: z.infer<typeof AuditQuerySchema>): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
  let before: { at: Date; id: string } | null = null;
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, "base64url").toString("utf8").split("|");
    const date = new Date(at ?? "");
    if (!id || Number.isNaN(date.getTime())) throw new AppError("InvalidParameterException", "The pagination cursor is not valid.", { field: "cursor" });
    before = { at: date, id };
  }
  const rows = await findAuditEvents(db, {
    poolId: query.poolId,
    // "SignIn" also finds SignInFailed; "admin." finds every admin change.
    typePrefix: query.type, actorContains: query.actor, targetContains: query.target,
    from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined,
    before,
  }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), details: e.details as Record<string, unknown> })),
    nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null,
  };
}

/** Deletes events older than the retention period (GATEHOUSE_AUDIT_RETENTION_DAYS). */
export async function purgeAuditEvents(db: Db, retentionDays: number): Promise<number> {
  return deleteAuditEventsBefore(db, new Date(Date.now() - retentionDays * 86_400_000));
}
