// `POST {PUBLIC_URL}/`: Cognito's user-pool API and Cognito Identity's (identity pools) API on
// one endpoint, told apart by X-Amz-Target's prefix as AWS's two services are by their hosts
// (protocol.ts has the wire; operations.ts and lib/identity-pools/api/operations.ts the tables).
// Every call is read and validated here, then handed to its operation; an AppError becomes
// Cognito's error answer, anything else InternalErrorException (and is logged).
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAppError } from "../errors.ts";
import { clientIp } from "../hosted-ui/http.ts";
import { headerMap } from "../http/request-body.ts";
import { isUnavailable } from "../http/unavailable.ts";
import type { Runtime } from "../runtime.ts";
import { IDENTITY_OPERATIONS } from "../identity-pools/api/operations.ts";
import type { Call, Operation } from "./call.ts";
import { OPERATIONS } from "./operations.ts";
import { answerPreflight, IDENTITY_TARGET_PREFIX, readBody, sendError, sendResult, TARGET_PREFIX, targetOf, type TargetPrefix } from "./protocol.ts";
import { parseInput } from "./validation.ts";
import { SIGV4_SERVICE, verifySigV4 } from "./sigv4.ts";

/** Each service's operations and the service name its signed calls are scoped to, as AWS's SDKs sign them. */
const SERVICES: Record<TargetPrefix, { operations: Record<string, Operation>; signingService: string }> = {
  [TARGET_PREFIX]: { operations: OPERATIONS, signingService: SIGV4_SERVICE },
  [IDENTITY_TARGET_PREFIX]: { operations: IDENTITY_OPERATIONS, signingService: "cognito-identity" },
};

export { isCognitoApiCall } from "./protocol.ts";

export async function handleCognitoApi(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "OPTIONS") return answerPreflight(res);
  try {
    const { prefix, name } = targetOf(req);
    const service = SERVICES[prefix];
    const op = Object.hasOwn(service.operations, name) ? service.operations[name]! : null;
    const { raw, json } = await readBody(req);
    if (!op) return sendError(res, "UnknownOperationException", "");
    // Admin operations are SigV4-signed with an admin API key's AWS credentials: checked before the input is even read.
    const apiKey = op.auth === "signed" ? await verifySigV4(rt, { method: req.method ?? "POST", path: req.url ?? "/", headers: headerMap(req), body: raw }, service.signingService) : null;
    const call: Call = { rt, req, res, raw, apiKey, context: { ip: clientIp(req, rt.env.trustProxy), userAgent: req.headers["user-agent"] ?? null } };
    const input = parseInput(op.input, json);
    sendResult(res, await op.run(call, input));
  } catch (error) {
    if (isAppError(error)) return sendError(res, error.code, error.message);
    if (isUnavailable(error)) return sendError(res, "ServiceUnavailableException", "The service is temporarily unavailable. Try again shortly.");
    rt.log(`error in Cognito API call ${String(req.headers["x-amz-target"])}: ${(error as Error).stack ?? String(error)}`);
    sendError(res, "InternalErrorException", "An internal error occurred.");
  }
}
