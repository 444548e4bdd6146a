// The admin API's CSV user import (lib/user-import): the pool's header, a preview of a file, and
// jobs. A job is created with its file in the JSON body (`csv`), or without it and the file then
// PUT to its `uploadUrl` (the Cognito API's PreSignedUrl) or to /file; then started. The file is
// never echoed back nor written to the audit log (it may hold password hashes).
import { z } from "zod";
import { getPool } from "../../pools/pool.ts";
import { csvHeaderOf } from "../../user-import/csv-header.ts";
import { importJobDetail, importJobView } from "../../user-import/job-view.ts";
import { createImportJob, getImportJob, JOB_STATUSES, JobIdSchema, JobNameSchema, listImportJobs, startImportJob, stopImportJob, storeImportFile } from "../../user-import/jobs.ts";
import { MAX_CSV_BYTES } from "../../user-import/parse-file.ts";
import { previewImport } from "../../user-import/preview.ts";
import { route, type Route } from "./router.ts";

const PoolParams = z.object({ poolId: z.string().min(1).max(64) });
const JobParams = PoolParams.extend({ jobId: JobIdSchema });
const Csv = z.string().min(1, "csv is empty").refine((s) => Buffer.byteLength(s) <= MAX_CSV_BYTES, `csv is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
const DEFAULT_ROLE_ARN = "arn:aws:iam::000000000000:role/gatehouse-user-import";

const RowErrorOut = z.object({ line: z.number().describe("Line of the file (the header is line 1)"), username: z.string(), message: z.string() });
const ImportJobOut = z.object({
  id: z.string(), poolId: z.string(), name: z.string(), status: z.enum(JOB_STATUSES),
  uploadUrl: z.string().describe("PUT the CSV here (until the job starts or uploadExpiresAt); the Cognito API's PreSignedUrl"),
  fileUploaded: z.boolean(), totalRows: z.number(), processedRows: z.number(), importedUsers: z.number(), skippedUsers: z.number(), failedUsers: z.number(),
  completionMessage: z.string().nullable(), createdBy: z.string().nullable(),
  createdAt: z.string(), startedAt: z.string().nullable(), completedAt: z.string().nullable(), uploadExpiresAt: z.string(),
});
const ImportJobDetailOut = ImportJobOut.extend({ rowErrors: z.array(RowErrorOut).describe("The rows that failed (the first 1,000)") });
const PreviewOut = z.object({
  columns: z.array(z.string()), totalRows: z.number(), fileProblem: z.string().nullable(),
  rows: z.array(z.object({ line: z.number(), username: z.string(), values: z.record(z.string(), z.string()), problem: z.string().nullable() })),
});
const TAG = "User import";

export const userImportRoutes: Route[] = [
  route({
    method: "GET", path: "/pools/{poolId}/user-imports/csv-header", operationId: "getUserImportCsvHeader", tag: TAG, summary: "The columns of the pool's user-import CSV (Cognito's GetCSVHeader), and the header line",
    params: PoolParams, response: z.object({ columns: z.array(z.string()), csv: z.string() }),
    handler: async ({ rt, params }) => {
      const columns = csvHeaderOf(await getPool(rt.db, params.poolId));
      return { columns, csv: `${columns.join(",")}\r\n` };
    },
  }),
  route({
    method: "POST", path: "/pools/{poolId}/user-imports/preview", operationId: "previewUserImport", tag: TAG, summary: "Check a file without importing it: the header, the first rows and their problems",
    params: PoolParams, body: z.strictObject({ csv: Csv, limit: z.number().int().min(1).max(100).default(20) }), response: PreviewOut,
    handler: async ({ rt, params, body }) => previewImport(await getPool(rt.db, params.poolId), body.csv, { limit: body.limit }),
    audit: () => ({ details: {} }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/user-imports", operationId: "listUserImports", tag: TAG, summary: "Import jobs, newest first",
    params: PoolParams, query: z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(60).default(20) }),
    response: z.object({ jobs: z.array(ImportJobOut), nextCursor: z.string().nullable() }),
    handler: async ({ rt, params, query }) => {
      const pool = await getPool(rt.db, params.poolId);
      const { jobs, nextCursor } = await listImportJobs(rt.db, { poolId: pool.id, limit: query.limit, cursor: query.cursor });
      return { jobs: jobs.map((job) => importJobView(urls(rt), job)), nextCursor };
    },
  }),
  route({
    method: "POST", path: "/pools/{poolId}/user-imports", operationId: "createUserImport", tag: TAG, summary: "Create an import job, with its file (csv) or to upload to uploadUrl", status: 201,
    params: PoolParams, body: z.strictObject({ name: JobNameSchema, csv: Csv.optional(), cloudWatchLogsRoleArn: z.string().min(20).max(2048).optional() }), response: ImportJobDetailOut,
    handler: async ({ rt, params, body, caller, audit }) => {
      const pool = await getPool(rt.db, params.poolId);
      const job = await rt.db.$transaction(async (tx) => {
        const created = await createImportJob(tx, { poolId: pool.id, name: body.name, cloudWatchLogsRoleArn: body.cloudWatchLogsRoleArn ?? DEFAULT_ROLE_ARN, createdBy: caller.name });
        if (body.csv !== undefined) await storeImportFile(tx, { jobId: created.id, csv: body.csv });
        await audit(tx, { id: created.id }); // the row's target is the job's id, as in the answer
        return created;
      });
      return importJobDetail(urls(rt), await getImportJob(rt.db, { poolId: pool.id, jobId: job.id }));
    },
    audit: ({ body, result }) => ({ target: (result as { id: string }).id, details: { name: (body as { name: string }).name, withFile: (body as { csv?: string }).csv !== undefined } }),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/user-imports/{jobId}/file", operationId: "uploadUserImportFile", tag: TAG, summary: "Upload (or replace) a Created job's CSV (Content-Type text/csv)",
    params: JobParams, rawBody: { contentTypes: ["text/csv", "text/plain", "application/octet-stream"], maxBytes: MAX_CSV_BYTES }, response: ImportJobDetailOut,
    handler: async ({ rt, params, body, audit }) => {
      const job = await getImportJob(rt.db, params);
      await rt.db.$transaction(async (tx) => {
        await storeImportFile(tx, { jobId: job.id, csv: new TextDecoder().decode((body as unknown as { bytes: Uint8Array }).bytes) });
        await audit(tx);
      });
      return importJobDetail(urls(rt), await getImportJob(rt.db, params));
    },
    audit: ({ params }) => ({ target: params.jobId, details: {} }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/user-imports/{jobId}", operationId: "getUserImport", tag: TAG, summary: "An import job with its progress and the rows that failed",
    params: JobParams, response: ImportJobDetailOut,
    handler: async ({ rt, params }) => importJobDetail(urls(rt), await getImportJob(rt.db, params)),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/user-imports/{jobId}/start", operationId: "startUserImport", tag: TAG, summary: "Start a Created job that has its file",
    params: JobParams, response: ImportJobDetailOut,
    handler: async ({ rt, params, audit }) => importJobDetail(urls(rt), await startImportJob(rt.db, { ...params, audit })),
    audit: ({ params }) => ({ target: params.jobId, details: {} }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/user-imports/{jobId}/stop", operationId: "stopUserImport", tag: TAG, summary: "Stop a Pending or running job after the row it is on",
    params: JobParams, response: ImportJobDetailOut,
    handler: async ({ rt, params, audit }) => importJobDetail(urls(rt), await stopImportJob(rt.db, { ...params, audit })),
    audit: ({ params }) => ({ target: params.jobId, details: {} }),
  }),
];

function urls(rt: { env: { publicUrl: string }; secrets: { derive: (purpose: string) => string } }) {
  return { publicUrl: rt.env.publicUrl, secrets: rt.secrets };
}
