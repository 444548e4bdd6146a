// What the Cognito API's Admin and pool-management operations share: they are SigV4-signed with an
// admin API key (checked by the endpoint before they run), name a user pool the admin API could
// reach (never the console's own pool, which ListUserPools hides too), and write every change to
// the audit log as the admin API does, with the key as the actor.
import { z } from "zod";
import { recordAudit } from "../../audit/audit.ts";
import { redact } from "../../admin/api/router.ts";
import { AppError } from "../../errors.ts";
import { getPool, type Pool } from "../../pools/pool.ts";
import type { Runtime } from "../../runtime.ts";
import { operation, type Call, type Operation } from "../call.ts";
import { operationName } from "../protocol.ts";

export const UserPoolId = z.string().min(1).max(55).regex(/^[\w-]+_[0-9a-zA-Z]+$/, "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+");
export const GroupName = z.string().min(1).max(128).regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
export const NextToken = z.string().min(1).max(131072).regex(/^\S+$/, "Member must satisfy regular expression pattern: [\\S]+");

/** The pool a call names. The console's own pool is managed through the admin API and the console only. */
export async function adminPool(rt: Runtime, poolId: string): Promise<Pool> {
  const pool = await getPool(rt.db, poolId);
  if (pool.system) throw new AppError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
  return pool;
}

/** The audit log's actor for a signed call: the key whose signature the endpoint verified, named as the admin API names it. */
function actorOf(call: Call): string {
  if (!call.apiKey) throw new Error("a signed operation ran without a verified API key");
  return `api-key:${call.apiKey.name}`;
}

export type SignedAudit<I> = {
  /** The change's name in the audit log, after `admin.`: the admin API's operationId for the same change, so one audit query finds both doors. */
  type: string;
  /** The pool (user pool or identity pool) the change is in, when the input names one. */
  pool: (input: I) => string | null;
  target: (input: I) => string | null;
};

/**
 * An operation signed with an admin API key (the endpoint checks the signature before it runs).
 * A change (`audit` given) is recorded once it has succeeded, as the admin API records its
 * non-GET routes: `admin.<type>`, the key as actor, the request without passwords or secrets, and
 * which operation made it. The user-pool API's Admin operations and Cognito Identity's signed ones
 * both go through here.
 */
export function auditedSignedOperation<S extends z.ZodType>(op: {
  input: S;
  audit?: SignedAudit<z.infer<S>>;
  run: (call: Call, input: z.infer<S>) => Promise<object>;
}): Operation {
  return operation({
    auth: "signed",
    input: op.input,
    async run(call, input: z.infer<S>) {
      const actor = actorOf(call);
      const result = await op.run(call, input);
      if (op.audit) {
        await recordAudit(call.rt.db, {
          poolId: op.audit.pool(input),
          type: `admin.${op.audit.type}`,
          actorType: "api-key",
          actor,
          target: op.audit.target(input),
          ip: call.context.ip,
          userAgent: call.context.userAgent,
          details: { operation: operationName(call.req), request: redact(input) },
        }, call.rt.log);
      }
      return result;
    },
  });
}

/** A user-pool Admin operation: signed, in the pool its input names. */
export function adminOperation<S extends z.ZodType<{ UserPoolId: string }>>(op: {
  input: S;
  audit?: { type: string; target: (input: z.infer<S>) => string | null };
  run: (call: Call, input: z.infer<S>) => Promise<object>;
}): Operation {
  const audit = op.audit;
  return auditedSignedOperation({ input: op.input, run: op.run, ...(audit ? { audit: { ...audit, pool: (input: z.infer<S>) => input.UserPoolId } } : {}) });
}

/** An operation that names no pool (ListUserPools): signed, and a read. */
export function signedOperation<S extends z.ZodObject>(op: { input: S; run: (call: Call, input: z.infer<S>) => Promise<object> }): Operation {
  return operation({ auth: "signed", input: op.input, run: op.run });
}

/** A Cognito date: seconds since the epoch (the SDKs read them as Dates). */
export function epochSeconds(date: Date | string): number {
  return new Date(date).getTime() / 1000;
}

/**
 * One page of a short list kept in memory (groups, clients, pools, resource servers): sorted by a
 * unique key, continued after the key the token names, so an item removed between pages moves
 * nothing else.
 */
export function pageOf<T>(items: T[], key: (item: T) => string, options: { limit: number; token?: string | undefined }): { page: T[]; next: string | undefined } {
  const after = options.token === undefined ? null : decodeToken(options.token);
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rest = after === null ? sorted : sorted.filter((item) => key(item) > after);
  const page = rest.slice(0, options.limit);
  return { page, next: rest.length > options.limit ? encodeToken(key(page.at(-1)!)) : undefined };
}

export function encodeToken(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeToken(token: string): string {
  if (!/^[\w-]+$/.test(token)) throw new AppError("InvalidParameterException", "The pagination token is not valid.");
  return Buffer.from(token, "base64url").toString("utf8");
}

/**
 * Checks a Cognito request, mapped to the admin API's shape, with the admin API's own schema (the
 * same rules for both doors), answering InvalidParameterException with the first problem found.
 */
export function parseAdminInput<T extends z.ZodType>(schema: T, value: unknown, fieldNames: Record<string, string> = {}): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [head, ...tail] = issue.path.map(String);
  const path = [fieldNames[head ?? ""] ?? head, ...tail].filter(Boolean).join(".");
  throw new AppError("InvalidParameterException", path ? `${path}: ${issue.message}` : issue.message);
}
