// The PreSignedUrl of a job: where its CSV goes, as Cognito's pre-signed S3 URL. The token is an
// HMAC of the job id and its creation time under a key derived from GATEHOUSE_SECRET, so the URL
// lets a file in for that one job and nothing else; the upload route checks the job's
// uploadExpiresAt and status (Created) from the database at each upload.
import { createHmac } from "node:crypto";
import { constantTimeEqual, type Secrets } from "../security/secrets.ts";

export const UPLOAD_PATH_PREFIX = "/user-import/";
export const TOKEN_PARAM = "X-Gatehouse-Token";

function tokenOf(secrets: Pick<Secrets, "derive">, job: { id: string; createdAt: Date }): string {
  return createHmac("sha256", secrets.derive("user-import-upload/v1")).update(`${job.id}\n${job.createdAt.getTime()}`).digest("base64url");
}

export function uploadUrlOf(options: { publicUrl: string; secrets: Pick<Secrets, "derive"> }, job: { id: string; createdAt: Date }): string {
  return `${options.publicUrl}${UPLOAD_PATH_PREFIX}${encodeURIComponent(job.id)}?${TOKEN_PARAM}=${tokenOf(options.secrets, job)}`;
}

export function uploadTokenMatches(secrets: Pick<Secrets, "derive">, job: { id: string; createdAt: Date }, token: string): boolean {
  return constantTimeEqual(token, tokenOf(secrets, job));
}
