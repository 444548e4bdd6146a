// STS GetCallerIdentity for Gatehouse's local credentials: who they stand for, in AWS's words. The
// role's id is AROA-style, derived from its ARN (a hash, no secret), so it is the same on every
// instance and every installation, as a real role's id is stable for the role.
import { createHash } from "node:crypto";
import { awsStyleId } from "../../security/aws-keys.ts";
import { assumedRoleArn, type OpenedCredentials } from "../local-credentials.ts";
import { ROLE_SESSION_NAME } from "../credentials.ts";

/** `AROA` and 17 base32 characters of the ARN's SHA-256: the shape of an IAM role's unique id. */
export function roleIdOf(roleArn: string): string {
  return awsStyleId("AROA", 17, createHash("sha256").update(roleArn).digest());
}

export type CallerIdentity = { userId: string; account: string; arn: string };

export function callerIdentityOf(credentials: Pick<OpenedCredentials, "roleArn">): CallerIdentity {
  const account = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(credentials.roleArn)?.[1] ?? "000000000000";
  return { userId: `${roleIdOf(credentials.roleArn)}:${ROLE_SESSION_NAME}`, account, arn: assumedRoleArn(credentials.roleArn, ROLE_SESSION_NAME) };
}
