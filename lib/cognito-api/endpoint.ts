// `POST {PUBLIC_URL}/`: Cognito's user-pool API (protocol.ts has the wire, operations.ts the table).
// Every call is read and validated here, then handed to its operation; an AppError becomes
// Cognito's error answer, anything else InternalErrorException (and is logged).
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAppError } from "../errors.ts";
import { clientIp } from "../hosted-ui/http.ts";
import { isUnavailable } from "../http/unavailable.ts";
import type { Runtime } from "../runtime.ts";
import type { Call } from "./call.ts";
import { OPERATIONS } from "./operations.ts";
import { answerPreflight, operationName, readBody, sendError, sendResult } from "./protocol.ts";
import { parseInput } from "./validation.ts";
import { verifySigV4 } from "./sigv4.ts";

export { isCognitoApiCall } from "./protocol.ts";

export async function handleCognitoApi(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "OPTIONS") return answerPreflight(res);
  try {
    const name = operationName(req);
    const op = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name]! : null;
    const { raw, json } = await readBody(req);
    if (!op) return sendError(res, "UnknownOperationException", "");
    // Admin operations are SigV4-signed with an admin API key's AWS credentials: checked before the input is even read.
    const apiKey = op.auth === "signed" ? await verifySigV4(rt, { method: req.method ?? "POST", path: req.url ?? "/", headers: lowerCaseHeaders(req), body: raw }) : null;
    const call: Call = { rt, req, res, raw, apiKey, context: { ip: clientIp(req, rt.env.trustProxy), userAgent: req.headers["user-agent"] ?? null } };
    const input = parseInput(op.input, json);
    sendResult(res, await op.run(call, input));
  } catch (error) {
    if (isAppError(error)) return sendError(res, error.code, error.message);
    if (isUnavailable(error)) return sendError(res, "ServiceUnavailableException", "The service is temporarily unavailable. Try again shortly.");
    rt.log(`error in Cognito API call ${String(req.headers["x-amz-target"])}: ${(error as Error).stack ?? error}`);
    sendError(res, "InternalErrorException", "An internal error occurred.");
  }
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  return out;
}
