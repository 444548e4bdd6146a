// User import jobs as Cognito keeps them: Created (with an upload URL) → Pending (started) →
// InProgress → Succeeded or Failed, or Stopping → Stopped; a Created job nobody starts within 24
// hours is Expired. State changes are conditional updates, so two requests (or two Gatehouse
// instances) racing on one job cannot both move it.
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { AuditIn } from "../audit/audit.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { findPoolJob, insertImportJob, listPoolJobsPage, updateJobIf } from "./jobs.queries.ts";
import { MAX_CSV_BYTES } from "./parse-file.ts";

export const JOB_STATUSES = ["Created", "Pending", "InProgress", "Stopping", "Stopped", "Failed", "Succeeded", "Expired"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const UPLOAD_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** At most this many row errors are kept on a job (the counters keep counting). */
export const MAX_ROW_ERRORS = 1000;

export const JobNameSchema = z.string().trim().min(1, "name is required").max(128).regex(/^[\w\s+=,.@-]+$/, "name may have letters, digits, spaces and + = , . @ - _");
export const JobIdSchema = z.string().min(1).max(55).regex(/^import-[0-9a-zA-Z-]+$/, "job ids look like import-XXXXXXXXXX");

export type RowError = { line: number; username: string; message: string };

export type ImportJobRow = Awaited<ReturnType<Db["userImportJob"]["findFirstOrThrow"]>>;

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Cognito's JobId: "import-" and 10 characters. */
function newJobId(): string {
  let id = "import-";
  for (let i = 0; i < 10; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export async function createImportJob(db: Tx, options: { poolId: string; name: string; cloudWatchLogsRoleArn: string; createdBy: string | null; now?: Date }): Promise<ImportJobRow> {
  const now = options.now ?? new Date();
  return insertImportJob(db, {
    id: newJobId(), poolId: options.poolId, name: options.name, cloudWatchLogsRoleArn: options.cloudWatchLogsRoleArn,
    createdBy: options.createdBy, createdAt: now, uploadExpiresAt: new Date(now.getTime() + UPLOAD_VALIDITY_MS),
  });
}

export async function getImportJob(db: Db, options: { poolId: string; jobId: string }): Promise<ImportJobRow> {
  const job = await findPoolJob(db, options);
  if (!job) throw new AppError("ResourceNotFoundException", `Import job ${options.jobId} does not exist in this user pool.`);
  return expiredIfDue(db, job);
}

/** A Created job past its upload window reads (and is stored) as Expired, its file dropped. */
async function expiredIfDue(db: Db, job: ImportJobRow, now = new Date()): Promise<ImportJobRow> {
  if (job.status !== "Created" || job.uploadExpiresAt > now) return job;
  await updateJobIf(db, { id: job.id, status: "Created" }, { status: "Expired", csv: null });
  return { ...job, status: "Expired", csv: null };
}

/** Newest first, then by id; the cursor is the last job's (createdAt, id). */
export async function listImportJobs(db: Db, options: { poolId: string; limit: number; cursor?: string | undefined }): Promise<{ jobs: ImportJobRow[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await listPoolJobsPage(db, { poolId: options.poolId, after, take: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const jobs = await Promise.all(page.map((job) => expiredIfDue(db, { ...job, csv: null })));
  return { jobs, nextCursor: rows.length > options.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null };
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [when, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(when ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new AppError("InvalidParameterException", "The pagination token is not valid.");
  return { createdAt, id };
}

/** The file, while the job is Created and its window open; a second upload replaces the first. */
export async function storeImportFile(db: Tx, options: { jobId: string; csv: string; now?: Date }): Promise<void> {
  if (Buffer.byteLength(options.csv) > MAX_CSV_BYTES) throw new AppError("InvalidParameterException", `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  const count = await updateJobIf(db, { id: options.jobId, status: "Created", uploadExpiresAt: { gt: options.now ?? new Date() } }, { csv: options.csv });
  if (!count) throw new AppError("PreconditionNotMetException", "The job no longer takes a file: it has started or its upload window has closed.");
}

/** `audit` writes the change's audit row in its transaction (lib/audit/audit.ts). */
export async function startImportJob(db: Db, options: { poolId: string; jobId: string; audit?: AuditIn }): Promise<ImportJobRow> {
  const job = await getImportJob(db, options);
  if (job.status !== "Created") throw new AppError("PreconditionNotMetException", `Import job ${job.id} is ${job.status}: only a Created job can be started.`);
  if (job.csv === null) throw new AppError("PreconditionNotMetException", `Import job ${job.id} has no file: upload the CSV to its PreSignedUrl first.`);
  await db.$transaction(async (tx) => {
    const count = await updateJobIf(tx, { id: job.id, status: "Created" }, { status: "Pending", startedAt: new Date() });
    if (!count) throw new AppError("PreconditionNotMetException", `Import job ${job.id} has already been started.`);
    await options.audit?.(tx);
  });
  return getImportJob(db, options);
}

/** A Pending job stops at once; a running one goes Stopping, and the runner stops it after the row it is on. */
export async function stopImportJob(db: Db, options: { poolId: string; jobId: string; audit?: AuditIn }): Promise<ImportJobRow> {
  const job = await getImportJob(db, options);
  const now = new Date();
  if (job.status !== "Pending" && job.status !== "InProgress")
    throw new AppError("PreconditionNotMetException", `Import job ${job.id} is ${job.status}: only a Pending or InProgress job can be stopped.`);
  await db.$transaction(async (tx) => {
    if (job.status === "Pending") await updateJobIf(tx, { id: job.id, status: "Pending" }, { status: "Stopped", completedAt: now, completionMessage: "Stopped before it began." });
    else await updateJobIf(tx, { id: job.id, status: "InProgress" }, { status: "Stopping" });
    await options.audit?.(tx);
  });
  return getImportJob(db, options);
}

export function rowErrorsOf(job: Pick<ImportJobRow, "rowErrors">): RowError[] {
  return Array.isArray(job.rowErrors) ? (job.rowErrors as RowError[]) : [];
}
