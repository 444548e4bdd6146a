// `POST {PUBLIC_URL}/token-to-credentials`: an ID token (in the body, or as `Authorization: Bearer`;
// none for a guest) and an identity pool id in, the identity's credentials out — the one-call form
// of GetId + GetCredentialsForIdentity (get-credentials.ts tokenToCredentials), for scripts, back
// ends and the AWS CLI's credential_process (`?format=credential_process`).
//
// Errors are JSON `{"__type": "<Cognito's exception>", "message": "…"}` (the Cognito API's shape),
// with HTTP statuses a plain HTTP client can act on: 400 bad input, 401 a refused token (or none
// where guests are not allowed), 403 a good token whose role the pool refuses (a Deny mapping, a
// customRoleArn not allowed), 404 an unknown identity pool or identity, 409 logins of different
// identities, 429 past the per-IP limit, 502 the STS failed (sts mode).
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { AppError, isAppError } from "../errors.ts";
import { clientIp } from "../hosted-ui/http.ts";
import { readBody } from "../http/request-body.ts";
import { isUnavailable } from "../http/unavailable.ts";
import type { Runtime } from "../runtime.ts";
import { assertUnderRate, RATE_RULES } from "../security/rate-limit.ts";
import { IDENTITY_ID_PATTERN, IdentityPoolIdSchema, RoleArnSchema } from "./config.ts";
import { tokenToCredentials, type CredentialsAnswer } from "./get-credentials.ts";
import { ROLE_REFUSED } from "./roles.ts";

export const TOKEN_TO_CREDENTIALS_PATH = "/token-to-credentials";
const BODY_LIMIT = 32 * 1024;

export const TokenToCredentialsInput = z.strictObject({
  identityPoolId: IdentityPoolIdSchema,
  idToken: z.string().min(1).max(16_384).optional(),
  /** A guest's identity id from an earlier call, to keep it (and to sign it in with idToken). */
  identityId: z.string().regex(IDENTITY_ID_PATTERN, "identity ids look like <region>:<uuid>").optional(),
  customRoleArn: RoleArnSchema.optional(),
});
export type TokenToCredentialsInput = z.infer<typeof TokenToCredentialsInput>;

const FormatSchema = z.enum(["json", "credential_process"]);

/** The answer in the default shape, or the AWS CLI's credential_process shape. */
export function formatAnswer(answer: CredentialsAnswer, format: z.infer<typeof FormatSchema>): object {
  const c = answer.credentials;
  if (format === "credential_process") {
    return { Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: c.expiration.toISOString() };
  }
  return {
    identityId: answer.identityId, roleArn: answer.roleArn,
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.toISOString() },
  };
}

function statusOf(error: AppError): number {
  switch (error.code) {
    case "NotAuthorizedException":
      return error.field === ROLE_REFUSED ? 403 : 401;
    case "ResourceConflictException":
      return 409;
    case "ExternalServiceException":
      return 502;
    default:
      return error.status;
  }
}

function cors(res: ServerResponse) {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate");
}

function sendJson(res: ServerResponse, status: number, body: object) {
  cors(res);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: AppError, hadToken: boolean) {
  const status = statusOf(error);
  if (error.retryAfterSeconds) res.setHeader("Retry-After", String(error.retryAfterSeconds));
  if (status === 401) {
    // RFC 6750's challenge; a bare one when no token came (a guest refused), invalid_token when one did.
    const description = error.message.replace(/["\\]/g, "");
    res.setHeader("WWW-Authenticate", hadToken ? `Bearer error="invalid_token", error_description="${description}"` : `Bearer realm="gatehouse"`);
  }
  sendJson(res, status, { __type: error.code, message: error.message });
}

/** The JSON body (empty is `{}`), refusing other media types and oversized bodies. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  // text/plain too: a browser's "simple" request, sent without a preflight.
  if (type && type !== "application/json" && type !== "text/plain") throw new AppError("InvalidParameterException", "Send the request as application/json.");
  const body = await readBody(req, BODY_LIMIT, () => new AppError("InvalidParameterException", "The request body is larger than 32 KiB."));
  const text = body.toString("utf8").trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("InvalidParameterException", "The request body is not valid JSON.");
  }
}

/** zod's first issues as one sentence naming the fields. */
function describe(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer +([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(header);
  if (!m) throw new AppError("InvalidParameterException", "The Authorization header must be `Bearer <ID token>`.");
  return m[1];
}

export async function handleTokenToCredentials(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "OPTIONS") {
    cors(res);
    res.writeHead(204, { "Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "authorization, content-type", "Access-Control-Max-Age": "86400" });
    return void res.end();
  }
  let hadToken = false;
  try {
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST, OPTIONS");
      return sendJson(res, 405, { __type: "InvalidParameterException", message: "POST the identity pool id (and the ID token) to this endpoint." });
    }
    await assertUnderRate(rt, RATE_RULES.credentialsPerIp, clientIp(req, rt.env.trustProxy), (seconds) => `Too many requests from your network. Try again in ${seconds} seconds.`);
    const format = FormatSchema.safeParse(new URL(req.url ?? "/", "http://localhost").searchParams.get("format") ?? "json");
    if (!format.success) throw new AppError("InvalidParameterException", "format must be json or credential_process.");
    const bearer = bearerToken(req);
    const parsed = TokenToCredentialsInput.safeParse(await readJson(req));
    if (!parsed.success) throw new AppError("InvalidParameterException", describe(parsed.error));
    if (bearer && parsed.data.idToken) throw new AppError("InvalidParameterException", "Give the ID token once: in the body or as a Bearer token, not both.");
    const idToken = bearer ?? parsed.data.idToken;
    hadToken = idToken !== undefined;
    const answer = await tokenToCredentials(rt, { ...parsed.data, idToken });
    sendJson(res, 200, formatAnswer(answer, format.data));
  } catch (error) {
    if (isAppError(error)) return sendError(res, error, hadToken);
    if (isUnavailable(error)) return sendJson(res, 503, { __type: "ServiceUnavailableException", message: "The service is temporarily unavailable. Try again shortly." });
    rt.log(`error in ${TOKEN_TO_CREDENTIALS_PATH}: ${(error as Error).stack ?? String(error)}`);
    sendJson(res, 500, { __type: "InternalErrorException", message: "An internal error occurred." });
  }
}
