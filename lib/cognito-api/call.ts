// What every operation receives: the runtime, the HTTP pair (the token issuer builds its provider
// context on it), and who is asking (rate limits and the audit log).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { RequestContext } from "../auth-flow/contract.ts";
import type { Runtime } from "../runtime.ts";

export type Call = {
  rt: Runtime;
  req: IncomingMessage;
  res: ServerResponse;
  context: RequestContext;
  /** The request body as received, for signature checks. */
  raw: Buffer;
  /** For `signed` operations: the admin API key whose AWS credentials signed the call (the audit log's actor). */
  apiKey: { apiKeyId: string; name: string } | null;
};

/**
 * One operation: who may call it (anyone; the holder of an access token, which the operation
 * checks itself; or an admin key's SigV4 signature, checked before it runs), its input schema and
 * what it does.
 */
export type Operation<S extends z.ZodType = z.ZodType> = {
  auth: "public" | "signed";
  input: S;
  run: (call: Call, input: z.infer<S>) => Promise<object>;
};

export const operation = <S extends z.ZodType>(op: Operation<S>): Operation => op;
