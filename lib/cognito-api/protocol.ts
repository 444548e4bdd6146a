// The wire of Cognito's JSON APIs, as AWS's clients expect it: `POST /` with
// `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>` (user pools) or
// `AWSCognitoIdentityService.<Operation>` (identity pools) and an `application/x-amz-json-1.1`
// (or `application/json`) body; answers in the same content type; errors as status 400 (500 for
// InternalErrorException) with `{"__type": "<Exception>", "message": "…"}` and the name again in
// `x-amzn-ErrorType`; CORS open to every origin, as Cognito's (browsers call it from any app).
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors.ts";
import { readBody as readRequestBody } from "../http/request-body.ts";

export const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
export const IDENTITY_TARGET_PREFIX = "AWSCognitoIdentityService.";
const PREFIXES = [TARGET_PREFIX, IDENTITY_TARGET_PREFIX] as const;
export type TargetPrefix = (typeof PREFIXES)[number];
const BODY_LIMIT = 256 * 1024;
const CONTENT_TYPE = "application/x-amz-json-1.1";

const ALLOWED_HEADERS = [
  "content-type", "x-amz-target", "x-amz-user-agent", "cache-control", "amz-sdk-invocation-id", "amz-sdk-request",
  "authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "x-amz-api-version",
].join(", ");
const EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";

/** Whether a request at `/` is a call of this API (rather than the home page). */
export function isCognitoApiCall(req: IncomingMessage): boolean {
  if (req.method === "OPTIONS") return typeof req.headers["access-control-request-method"] === "string";
  if (req.method !== "POST") return false;
  const type = String(req.headers["content-type"] ?? "");
  return typeof req.headers["x-amz-target"] === "string" || type.startsWith("application/x-amz-json");
}

function corsHeaders(res: ServerResponse) {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
}

/** The answer to a browser's preflight. */
export function answerPreflight(res: ServerResponse) {
  corsHeaders(res);
  res.setHeader("Access-Control-Allow-Methods", "POST");
  res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
  res.setHeader("Access-Control-Max-Age", "86400");
  res.statusCode = 200;
  res.end();
}

/** The service (by its target prefix) and the operation X-Amz-Target names. */
export function targetOf(req: IncomingMessage): { prefix: TargetPrefix; name: string } {
  const target = req.headers["x-amz-target"];
  const prefix = typeof target === "string" ? PREFIXES.find((p) => target.startsWith(p)) : undefined;
  if (!prefix) throw new AppError("UnknownOperationException", "");
  return { prefix, name: (target as string).slice(prefix.length) };
}

/** The operation named by X-Amz-Target. */
export function operationName(req: IncomingMessage): string {
  return targetOf(req).name;
}

/** The raw body (kept for SigV4) and its JSON; malformed JSON is SerializationException, as AWS answers it. */
export async function readBody(req: IncomingMessage): Promise<{ raw: Buffer; json: unknown }> {
  const type = String(req.headers["content-type"] ?? "");
  if (!/^application\/(x-amz-json-1\.[01]|json)\b/.test(type)) throw new AppError("SerializationException", "Unsupported Content-Type; send application/x-amz-json-1.1.");
  const raw = await readRequestBody(req, BODY_LIMIT, () => new AppError("InvalidParameterException", "The request body is larger than 256 KiB."));
  const text = raw.toString("utf8").trim();
  if (!text) return { raw, json: {} };
  try {
    return { raw, json: JSON.parse(text) };
  } catch {
    throw new AppError("SerializationException", "Malformed JSON in the request body.");
  }
}

export function sendResult(res: ServerResponse, body: object) {
  corsHeaders(res);
  res.statusCode = 200;
  res.setHeader("Content-Type", CONTENT_TYPE);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("x-amzn-RequestId", randomUUID());
  res.end(JSON.stringify(body));
}

/** Statuses as Cognito's: every refusal is a 400; only its internal error is a 500 (and an outage a 503). */
function statusOf(code: string): number {
  if (code === "InternalErrorException") return 500;
  if (code === "ServiceUnavailableException") return 503;
  return 400;
}

export function sendError(res: ServerResponse, code: string, message: string) {
  corsHeaders(res);
  res.statusCode = statusOf(code);
  res.setHeader("Content-Type", CONTENT_TYPE);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("x-amzn-RequestId", randomUUID());
  res.setHeader("x-amzn-ErrorType", `${code}:`);
  if (message) res.setHeader("x-amzn-ErrorMessage", encodeURIComponent(message).slice(0, 1024));
  res.end(JSON.stringify(message ? { __type: code, message } : { __type: code }));
}
