// The SQL of user import jobs. A job's state changes are conditional updates (`updateJobIf`): the
// write applies only while the job still stands where the caller saw it.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

export type ImportJobRow = Prisma.UserImportJobGetPayload<object>;
/** A job without its file. */
export type ImportJobHead = Omit<ImportJobRow, "csv">;

export function insertImportJob(db: Tx, data: Prisma.UserImportJobUncheckedCreateInput): Promise<ImportJobRow> {
  return db.userImportJob.create({ data });
}

export function findPoolJob(db: Tx, options: { poolId: string; jobId: string }): Promise<ImportJobRow | null> {
  return db.userImportJob.findFirst({ where: { id: options.jobId, poolId: options.poolId } });
}

/** What the upload URL needs to know of a job. */
export function findJobForUpload(db: Tx, options: { jobId: string }): Promise<{ id: string; createdAt: Date; uploadExpiresAt: Date; status: ImportJobRow["status"] } | null> {
  return db.userImportJob.findUnique({ where: { id: options.jobId }, select: { id: true, createdAt: true, uploadExpiresAt: true, status: true } });
}

export function findJobHead(db: Tx, options: { jobId: string }): Promise<ImportJobHead | null> {
  return db.userImportJob.findUnique({ where: { id: options.jobId }, omit: { csv: true } });
}

export async function findJobFile(db: Tx, options: { jobId: string }): Promise<string | null> {
  const row = await db.userImportJob.findUnique({ where: { id: options.jobId }, select: { csv: true } });
  return row?.csv ?? null;
}

/** The job the runner works on next: the earliest started of those Pending, InProgress or Stopping. */
export function findNextRunnableJob(db: Tx): Promise<ImportJobHead | null> {
  return db.userImportJob.findFirst({ where: { status: { in: ["Pending", "InProgress", "Stopping"] } }, orderBy: { startedAt: "asc" }, omit: { csv: true } });
}

/** Newest first, then by id: `take` jobs after the cursor's (createdAt, id). */
export function listPoolJobsPage(db: Tx, options: { poolId: string; after: { createdAt: Date; id: string } | null; take: number }): Promise<ImportJobHead[]> {
  const after = options.after;
  return db.userImportJob.findMany({
    where: { poolId: options.poolId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: options.take,
    omit: { csv: true },
  });
}

/** Updates the jobs `where` still matches; how many it did. */
export async function updateJobIf(db: Tx, where: Prisma.UserImportJobWhereInput, data: Prisma.UserImportJobUncheckedUpdateManyInput): Promise<number> {
  const { count } = await db.userImportJob.updateMany({ where, data });
  return count;
}

/** Created jobs whose upload window closed become Expired, their files dropped. */
export async function expireOverdueJobs(db: Tx, options: { now: Date }): Promise<void> {
  await db.userImportJob.updateMany({ where: { status: "Created", uploadExpiresAt: { lte: options.now } }, data: { status: "Expired", csv: null } });
}
