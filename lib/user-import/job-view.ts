// What the admin API and the console show of an import job (the Cognito API's shape is in
// lib/cognito-api/admin/user-import.ts): never the file itself.
import type { Secrets } from "../security/secrets.ts";
import { rowErrorsOf, type ImportJobRow, type JobStatus, type RowError } from "./jobs.ts";
import { uploadUrlOf } from "./upload-url.ts";

export type ImportJobView = {
  id: string; poolId: string; name: string; status: JobStatus; uploadUrl: string; fileUploaded: boolean;
  totalRows: number; processedRows: number; importedUsers: number; skippedUsers: number; failedUsers: number;
  completionMessage: string | null; createdBy: string | null;
  createdAt: string; startedAt: string | null; completedAt: string | null; uploadExpiresAt: string;
};

export type ImportJobDetail = ImportJobView & { rowErrors: RowError[] };

type Urls = { publicUrl: string; secrets: Pick<Secrets, "derive"> };

export function importJobView(urls: Urls, job: Omit<ImportJobRow, "csv"> & { csv?: string | null }): ImportJobView {
  return {
    id: job.id, poolId: job.poolId, name: job.name, status: job.status as JobStatus, uploadUrl: uploadUrlOf(urls, job),
    fileUploaded: job.csv !== null && job.csv !== undefined ? true : job.status !== "Created" && job.status !== "Expired",
    totalRows: job.totalRows, processedRows: job.processedRows, importedUsers: job.importedUsers, skippedUsers: job.skippedUsers, failedUsers: job.failedUsers,
    completionMessage: job.completionMessage, createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(), startedAt: job.startedAt?.toISOString() ?? null, completedAt: job.completedAt?.toISOString() ?? null,
    uploadExpiresAt: job.uploadExpiresAt.toISOString(),
  };
}

export function importJobDetail(urls: Urls, job: ImportJobRow): ImportJobDetail {
  return { ...importJobView(urls, job), rowErrors: rowErrorsOf(job) };
}
