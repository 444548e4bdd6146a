// `POST {PUBLIC_URL}/sts` (and `POST {PUBLIC_URL}/` with a form body, where an AWS SDK given the
// bare PUBLIC_URL as its STS endpoint posts): STS's GetCallerIdentity for Gatehouse's local
// credentials, so that anything that asks "who signed this?" the AWS way gets the assumed role.
// The request is SigV4-signed with the credentials themselves (service `sts`, any region, the
// session token required); the check needs no database, only GATEHOUSE_SECRET.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAppError } from "../../errors.ts";
import type { Runtime } from "../../runtime.ts";
import { verifySignature } from "../../cognito-api/sigv4.ts";
import { headerMap, readBody } from "../../http/request-body.ts";
import { localSecretAccessKey, openLocalCredentials } from "../local-credentials.ts";
import { callerIdentityOf } from "./caller-identity.ts";
import { STS_VERSION, StsError, sendStsError, sendStsResult } from "./query-protocol.ts";

export const STS_PATHS = new Set(["/sts", "/sts/"]);
const BODY_LIMIT = 64 * 1024;
const FORM = "application/x-www-form-urlencoded";

/** Whether a request at `/` is an STS query call (a form post), not the home page nor the Cognito API. */
export function isStsQueryCall(req: IncomingMessage): boolean {
  return req.method === "POST" && String(req.headers["content-type"] ?? "").startsWith(FORM) && req.headers["next-action"] === undefined;
}

/** The SigV4 check's refusals in STS's words; an expired session token is ExpiredToken, as AWS says it. */
function stsErrorOf(error: unknown, expired: boolean): StsError | null {
  if (error instanceof StsError) return error;
  if (!isAppError(error)) return null;
  switch (error.code) {
    case "MissingAuthenticationTokenException":
      return new StsError("MissingAuthenticationToken", "Request is missing Authentication Token");
    case "UnrecognizedClientException":
      return expired
        ? new StsError("ExpiredToken", "The security token included in the request is expired")
        : new StsError("InvalidClientTokenId", "The security token included in the request is invalid.");
    case "InvalidSignatureException":
      return new StsError("SignatureDoesNotMatch", error.message);
    default:
      return null;
  }
}

export async function handleSts(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "OPTIONS") {
    res.writeHead(200, {
      "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST", "Access-Control-Max-Age": "86400",
      "Access-Control-Allow-Headers": "content-type, authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request",
    });
    return void res.end();
  }
  let expired = false;
  try {
    if (req.method !== "POST" && req.method !== "GET") throw new StsError("InvalidAction", `${req.method} is not supported; POST the form body.`);
    const body = req.method === "POST" ? await readBody(req, BODY_LIMIT, () => new StsError("MalformedQueryString", "The request body is larger than 64 KiB.")) : Buffer.alloc(0);
    const url = req.url ?? "/";
    // The query protocol's parameters: the form body's, and the query string's (GET, or both).
    const params = new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "");
    if (req.method === "POST") {
      if (!String(req.headers["content-type"] ?? "").startsWith(FORM)) throw new StsError("InvalidAction", `Send the parameters as ${FORM}.`);
      for (const [name, value] of new URLSearchParams(body.toString("utf8"))) params.set(name, value);
    }
    const caller = await verifySignature({ method: req.method, path: url, headers: headerMap(req), body }, {
      services: ["sts"],
      sessionToken: "required",
      find: async (accessKeyId, sessionToken) => {
        const opened = openLocalCredentials(rt.secrets, accessKeyId, sessionToken ?? "");
        if (opened.ok) return { ...opened.credentials, secretAccessKey: localSecretAccessKey(rt.secrets, accessKeyId) };
        expired = opened.problem === "expired";
        return null;
      },
    });
    const action = params.get("Action") ?? "";
    const version = params.get("Version") ?? "";
    if (action !== "GetCallerIdentity" || version !== STS_VERSION) {
      throw new StsError("InvalidAction", action === "GetCallerIdentity" || !action
        ? `Could not find operation ${action || "(none)"} for version ${version || "(none)"}`
        : `Gatehouse's STS answers GetCallerIdentity only, not ${action}.`);
    }
    const identity = callerIdentityOf(caller);
    sendStsResult(res, "GetCallerIdentity", [["Arn", identity.arn], ["UserId", identity.userId], ["Account", identity.account]]);
  } catch (error) {
    const sts = stsErrorOf(error, expired);
    if (sts) return sendStsError(res, sts.code, sts.message);
    rt.log(`error in STS call: ${(error as Error).stack ?? String(error)}`);
    sendStsError(res, "InternalFailure", "An internal error occurred.");
  }
}
