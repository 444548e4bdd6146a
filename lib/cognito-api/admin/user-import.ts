// Cognito's CSV user import: GetCSVHeader, CreateUserImportJob (its PreSignedUrl is Gatehouse's
// upload URL, lib/user-import/upload-url.ts), StartUserImportJob, StopUserImportJob,
// DescribeUserImportJob and ListUserImportJobs (newest first), in Cognito's shapes
// (UserImportJobType), through lib/user-import as the admin API's routes.
import { z } from "zod";
import { csvHeaderOf } from "../../user-import/csv-header.ts";
import { createImportJob, getImportJob, listImportJobs, startImportJob, stopImportJob, type ImportJobRow } from "../../user-import/jobs.ts";
import { uploadUrlOf } from "../../user-import/upload-url.ts";
import type { Call } from "../call.ts";
import { adminOperation, adminPool, epochSeconds, UserPoolId } from "./common.ts";

const JobName = z.string().min(1).max(128).regex(/^[\w\s+=,.@-]+$/, "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
const JobId = z.string().min(1).max(55).regex(/^import-[0-9a-zA-Z-]+$/, "Member must satisfy regular expression pattern: import-[0-9a-zA-Z-]+");
const RoleArn = z.string().min(20).max(2048).regex(/^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/, "Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");
// Accepted for the SDKs that send it; each passwordHash cell's format is recognised by itself.
const PasswordHashingAlgorithm = z.enum(["BCRYPT", "SCRYPT", "ARGON2ID", "PBKDF2_SHA256"]);

/** Cognito's UserImportJobType. */
function userImportJobType(call: Call, job: Omit<ImportJobRow, "csv">) {
  return {
    JobName: job.name,
    JobId: job.id,
    UserPoolId: job.poolId,
    PreSignedUrl: uploadUrlOf({ publicUrl: call.rt.env.publicUrl, secrets: call.rt.secrets }, job),
    CreationDate: epochSeconds(job.createdAt),
    ...(job.startedAt ? { StartDate: epochSeconds(job.startedAt) } : {}),
    ...(job.completedAt ? { CompletionDate: epochSeconds(job.completedAt) } : {}),
    Status: job.status,
    CloudWatchLogsRoleArn: job.cloudWatchLogsRoleArn,
    ImportedUsers: job.importedUsers,
    SkippedUsers: job.skippedUsers,
    FailedUsers: job.failedUsers,
    ...(job.completionMessage ? { CompletionMessage: job.completionMessage } : {}),
  };
}

const byJob = (input: { JobId: string }) => input.JobId;

export const GetCSVHeader = adminOperation({
  input: z.object({ UserPoolId }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { UserPoolId: pool.id, CSVHeader: csvHeaderOf(pool) };
  },
});

export const CreateUserImportJob = adminOperation({
  input: z.object({ UserPoolId, JobName, CloudWatchLogsRoleArn: RoleArn, PasswordHashingAlgorithm: PasswordHashingAlgorithm.optional() }),
  audit: { type: "createUserImportJob", target: (input) => input.JobName },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const job = await createImportJob(call.rt.db, { poolId: pool.id, name: input.JobName, cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn, createdBy: call.apiKey ? `api-key:${call.apiKey.name}` : null });
    return { UserImportJob: userImportJobType(call, job) };
  },
});

export const StartUserImportJob = adminOperation({
  input: z.object({ UserPoolId, JobId }),
  audit: { type: "startUserImportJob", target: byJob },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { UserImportJob: userImportJobType(call, await startImportJob(call.rt.db, { poolId: pool.id, jobId: input.JobId })) };
  },
});

export const StopUserImportJob = adminOperation({
  input: z.object({ UserPoolId, JobId }),
  audit: { type: "stopUserImportJob", target: byJob },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { UserImportJob: userImportJobType(call, await stopImportJob(call.rt.db, { poolId: pool.id, jobId: input.JobId })) };
  },
});

export const DescribeUserImportJob = adminOperation({
  input: z.object({ UserPoolId, JobId }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { UserImportJob: userImportJobType(call, await getImportJob(call.rt.db, { poolId: pool.id, jobId: input.JobId })) };
  },
});

export const ListUserImportJobs = adminOperation({
  input: z.object({ UserPoolId, MaxResults: z.number().int().min(1).max(60), PaginationToken: z.string().min(1).regex(/^\S+$/, "Member must satisfy regular expression pattern: [\\S]+").optional() }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const { jobs, nextCursor } = await listImportJobs(call.rt.db, { poolId: pool.id, limit: input.MaxResults, cursor: input.PaginationToken });
    return { UserImportJobs: jobs.map((job) => userImportJobType(call, job)), ...(nextCursor ? { PaginationToken: nextCursor } : {}) };
  },
});
