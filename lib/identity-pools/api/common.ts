// What the operations of Cognito Identity's API share: its field constraints (AWS's API reference),
// and, for the signed ones, the audit of a change as the user-pool side's adminOperation records
// it, with the identity pool (when the call names one) as the audit row's pool.
import { z } from "zod";
import { auditedSignedOperation } from "../../cognito-api/admin/common.ts";
import { operation, type Call, type Operation } from "../../cognito-api/call.ts";

export const IdentityPoolId = z.string().min(1).max(55).regex(/^[\w-]+:[0-9a-f-]+$/, "Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+");
export const IdentityId = z.string().min(1).max(55).regex(/^[\w-]+:[0-9a-f-]+$/, "Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+");
/** Provider name → token (or, for the developer provider, the user's identifier). */
export const Logins = z.record(z.string().min(1).max(128), z.string().min(1).max(50_000)).refine((m) => Object.keys(m).length <= 10, "Member must have length less than or equal to 10");
export const RoleArn = z.string().min(20).max(2048).regex(/^arn:[A-Za-z0-9-]+:iam::\d+:role\/[\w+=,.@/-]+$/, "Member must satisfy regular expression pattern: arn:[A-Za-z0-9-]+:iam::\\d+:role/[\\w+=,.@/-]+");
export const NextToken = z.string().min(1).max(65_535).regex(/^\S+$/, "Member must satisfy regular expression pattern: [\\S]+");
export const MaxResults = z.number().int().min(1).max(60);
export const DeveloperUserIdentifier = z.string().min(1).max(1024);
export const DeveloperProviderName = z.string().min(1).max(128).regex(/^[\w._-]+$/, "Member must satisfy regular expression pattern: [\\w._-]+");

/**
 * An operation signed with an admin API key (the endpoint checks the signature, scoped to
 * `cognito-identity`, before it runs). A change (`audit` given) is recorded once it has succeeded,
 * as `admin.<type>` in the identity pool the input names; where the admin API makes the same change
 * its operationId is the type (createIdentityPool, …), so one audit query finds both doors.
 */
export const signedIdentityOperation = auditedSignedOperation;

/** An operation anyone may call (AWS's unauthenticated ones: the caller proves itself with Logins). */
export function publicIdentityOperation<S extends z.ZodType>(op: { input: S; run: (call: Call, input: z.infer<S>) => Promise<object> }): Operation {
  return operation({ auth: "public", input: op.input, run: op.run });
}

export { decodeToken, encodeToken, epochSeconds } from "../../cognito-api/admin/common.ts";
