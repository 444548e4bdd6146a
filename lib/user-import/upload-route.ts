// `PUT {PUBLIC_URL}/user-import/{jobId}?X-Gatehouse-Token=…`: the CSV of a Created job, sent as
// AWS's guide sends it to the pre-signed S3 URL (`curl --upload-file users.csv -H
// 'x-amz-server-side-encryption:aws:kms' -H 'Content-Type: text/csv' "$PRE_SIGNED_URL"`); those
// headers are accepted and mean nothing here. A second upload replaces the first until the job
// starts. Refusals answer as S3 does, in XML with a Code, so scripts written for S3 read them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import type { Runtime } from "../runtime.ts";
import { readBodyUpTo } from "../http/request-body.ts";
import { JobIdSchema, storeImportFile } from "./jobs.ts";
import { MAX_CSV_BYTES } from "./parse-file.ts";
import { findJobForUpload } from "./jobs.queries.ts";
import { TOKEN_PARAM, UPLOAD_PATH_PREFIX, uploadTokenMatches } from "./upload-url.ts";

export function isUserImportUpload(path: string): boolean {
  return path.startsWith(UPLOAD_PATH_PREFIX);
}

function s3Error(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { "content-type": "application/xml", "cache-control": "no-store" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

export async function handleUserImportUpload(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const jobId = decodeURIComponent(url.pathname.slice(UPLOAD_PATH_PREFIX.length));
  if (req.method !== "PUT") {
    res.setHeader("allow", "PUT");
    return s3Error(res, 405, "MethodNotAllowed", "Upload the file with PUT.");
  }
  const token = url.searchParams.get(TOKEN_PARAM) ?? "";
  const job = JobIdSchema.safeParse(jobId).success ? await findJobForUpload(rt.db, { jobId }) : null;
  // An unknown job and a wrong token get the same answer: the URL tells nothing about other jobs.
  if (!job || !uploadTokenMatches(rt.secrets, job, token)) return s3Error(res, 403, "AccessDenied", "The upload URL is not valid.");
  if (job.uploadExpiresAt <= new Date()) return s3Error(res, 403, "AccessDenied", "Request has expired.");
  if (job.status !== "Created") return s3Error(res, 403, "AccessDenied", `The import job is ${job.status}: it no longer takes a file.`);
  const body = await readBodyUpTo(req, MAX_CSV_BYTES);
  if (!body) return s3Error(res, 400, "EntityTooLarge", `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
  try {
    await storeImportFile(rt.db, { jobId: job.id, csv: text });
  } catch {
    return s3Error(res, 403, "AccessDenied", "The import job no longer takes a file.");
  }
  res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"`, "content-length": "0" });
  res.end();
}
