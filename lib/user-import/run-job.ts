// Runs started import jobs in the server process. A job's rows are imported in file order, each in
// its own transaction with the job's progress, and that transaction commits only if the job still
// stands where this runner left it (processedRows = N and InProgress): so a row is whole or not at
// all, a job interrupted by a restart carries on from processedRows, and a second Gatehouse
// instance working the same job loses each row it races for instead of importing it twice.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client.ts";
import { isAppError } from "../errors.ts";
import { isUnavailable } from "../http/unavailable.ts";
import { getPool, type Pool } from "../pools/pool.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { insertUser } from "../users/insert-user.ts";
import { updateUserRow } from "../users/user.queries.ts";
import { expireOverdueJobs, findJobFile, findJobHead, findNextRunnableJob, updateJobIf } from "./jobs.queries.ts";
import { MAX_ROW_ERRORS, rowErrorsOf, type ImportJobRow, type RowError } from "./jobs.ts";
import { parseImportFile, type CsvRow } from "./parse-file.ts";
import { prepareRow, rowUsername } from "./prepare-row.ts";

type Deps = { db: Db; log: (line: string) => void };

/** Thrown inside a row's transaction when the job moved meanwhile (stopped, or another instance took the row). */
class JobMoved extends Error {}

/** Polls for Pending and InProgress jobs and runs them one at a time; `stop` ends the loop after the current row. */
export function startImportRunner(deps: Deps, options: { intervalMs?: number } = {}): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  // The file of the job last run, read and parsed once: a runner that loses rows to another
  // instance comes back every tick, and a 20 MB file is not worth reading again each time.
  let cached: { id: string; csv: string; rows?: CsvRow[] } | null = null;
  let ticks = 0;
  const tick = async () => {
    // About once a minute: jobs never started expire and their files go (reading one does it too).
    if (ticks++ % 120 === 0) await expireOverdueJobs(deps.db, { now: new Date() });
    const job = await findNextRunnableJob(deps.db);
    if (!job) return;
    if (cached?.id !== job.id) {
      cached = { id: job.id, csv: (await findJobFile(deps.db, { jobId: job.id })) ?? "" };
    }
    const file = cached;
    const rowsOf = (pool: Pool, csv: string) => (file.rows ??= parseImportFile(pool, csv).rows);
    await runImportJob(deps, { ...job, csv: file.csv }, () => stopped, rowsOf);
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((error: unknown) => deps.log(`user import: ${(error as Error).message}`))
      .finally(() => (running = null));
  }, options.intervalMs ?? 500);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Runs one job from where it stands until it ends, is stopped, or `halt` says so. */
export async function runImportJob(
  deps: Deps, claimed: ImportJobRow, halt: () => boolean,
  rowsOf: (pool: Pool, csv: string) => CsvRow[] = (pool, csv) => parseImportFile(pool, csv).rows,
): Promise<void> {
  const { db } = deps;
  if (claimed.status === "Stopping") {
    await updateJobIf(db, { id: claimed.id, status: "Stopping" }, { status: "Stopped", completedAt: new Date(), completionMessage: stoppedMessage(claimed) });
    return;
  }
  let pool: Pool;
  let rows: CsvRow[];
  try {
    pool = await getPool(db, claimed.poolId);
    rows = rowsOf(pool, claimed.csv ?? "");
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A file whose header (or CSV) is wrong imports nobody, as in Cognito.
    await updateJobIf(db, { id: claimed.id, status: { in: ["Pending", "InProgress"] } }, { status: "Failed", completedAt: new Date(), completionMessage: error.message });
    return;
  }
  if (claimed.status === "Pending") {
    const count = await updateJobIf(db, { id: claimed.id, status: "Pending" }, { status: "InProgress", totalRows: rows.length });
    if (!count) return;
  }
  let job = { processedRows: claimed.processedRows, errors: rowErrorsOf(claimed) };
  while (job.processedRows < rows.length && !halt()) {
    const row = rows[job.processedRows]!;
    const next = await importRow(deps, { jobId: claimed.id, pool, row, at: job.processedRows, errors: job.errors });
    if (!next) break;
    job = next;
  }
  const current = await findJobHead(db, { jobId: claimed.id });
  if (!current) return;
  if (current.status === "Stopping") {
    await updateJobIf(db, { id: claimed.id, status: "Stopping" }, { status: "Stopped", completedAt: new Date(), completionMessage: stoppedMessage(current) });
  } else if (current.status === "InProgress" && current.processedRows >= rows.length) {
    await updateJobIf(
      db,
      { id: claimed.id, status: "InProgress", processedRows: rows.length },
      { status: "Succeeded", completedAt: new Date(), completionMessage: `Import job completed: ${current.importedUsers} imported, ${current.failedUsers} failed, ${current.skippedUsers} skipped.` },
    );
  }
}

function stoppedMessage(job: Pick<ImportJobRow, "processedRows" | "totalRows" | "importedUsers">): string {
  return `Stopped after ${job.processedRows} of ${job.totalRows} rows (${job.importedUsers} imported).`;
}

/**
 * Row `at` of the file: the user and the job's progress in one transaction, or (a row that fails
 * its checks) no user and the row's error. Returns the job's new place, or null when the job
 * moved under us (stopped, finished, or the row taken by another instance).
 */
async function importRow(
  { db, log }: Deps,
  options: { jobId: string; pool: Pool; row: CsvRow; at: number; errors: RowError[] },
): Promise<{ processedRows: number; errors: RowError[] } | null> {
  const { jobId, pool, row, at } = options;
  const advance = async (tx: Tx, data: Prisma.UserImportJobUncheckedUpdateManyInput) => {
    const count = await updateJobIf(tx, { id: jobId, status: "InProgress", processedRows: at }, { processedRows: at + 1, ...data });
    if (!count) throw new JobMoved();
  };
  try {
    const prepared = prepareRow(pool, row, randomUUID());
    const now = new Date();
    await insertUser(db, {
      pool, creator: "admin", id: prepared.id, username: prepared.username, attributes: prepared.attributes,
      password: prepared.passwordHash ? { passwordHash: prepared.passwordHash, passwordSetAt: now, srpVerifierEnc: null } : null,
      status: prepared.passwordHash ? "CONFIRMED" : "RESET_REQUIRED",
      inTransaction: async (tx, user) => {
        if (prepared.smsMfa) await updateUserRow(tx, { userId: user.id }, { smsMfaEnabled: true, preferredMfa: "SMS_MFA" });
        await advance(tx, { importedUsers: { increment: 1 } });
      },
    });
    return { processedRows: at + 1, errors: options.errors };
  } catch (error) {
    if (error instanceof JobMoved) return null;
    // The database going away is retried from this row on the next tick; anything else the row
    // itself caused fails the row (retrying it would stop the job there for good).
    if (isUnavailable(error)) throw error;
    if (!isAppError(error)) log(`user import ${jobId}, line ${row.line}: ${(error as Error).stack ?? String(error)}`);
    const message = isAppError(error) ? error.message : "The row could not be stored (an internal error; see the server log).";
    const errors = options.errors.length < MAX_ROW_ERRORS ? [...options.errors, { line: row.line, username: rowUsername(row), message }] : options.errors;
    try {
      await advance(db, { failedUsers: { increment: 1 }, rowErrors: errors });
    } catch (moved) {
      if (moved instanceof JobMoved) return null;
      throw moved;
    }
    return { processedRows: at + 1, errors };
  }
}
