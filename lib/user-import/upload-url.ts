// The PreSignedUrl of a job: where its CSV goes, as Cognito's pre-signed S3 URL. The token is an
// HMAC of the job id and its upload deadline under a key derived from GATEHOUSE_SECRET, so the URL
// alone lets one file in for one job until uploadExpiresAt, and nothing else.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Secrets } from "../security/secrets.ts";

export const UPLOAD_PATH_PREFIX = "/user-import/";
export const TOKEN_PARAM = "X-Gatehouse-Token";

function tokenOf(secrets: Pick<Secrets, "derive">, job: { id: string; uploadExpiresAt: Date }): string {
  return createHmac("sha256", secrets.derive("user-import-upload/v1")).update(`${job.id}\n${job.uploadExpiresAt.getTime()}`).digest("base64url");
}

export function uploadUrlOf(options: { publicUrl: string; secrets: Pick<Secrets, "derive"> }, job: { id: string; uploadExpiresAt: Date }): string {
  return `${options.publicUrl}${UPLOAD_PATH_PREFIX}${encodeURIComponent(job.id)}?${TOKEN_PARAM}=${tokenOf(options.secrets, job)}`;
}

export function uploadTokenMatches(secrets: Pick<Secrets, "derive">, job: { id: string; uploadExpiresAt: Date }, token: string): boolean {
  const expected = Buffer.from(tokenOf(secrets, job));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
