// The part every Cognito trigger event shares, as Lambda receives it from Cognito:
// { version, triggerSource, region, userPoolId, userName, callerContext, request, response }.
import type { Pool } from "../pools/pool.ts";

export type CognitoEvent<Req extends object = Record<string, unknown>, Res extends object = Record<string, unknown>> = {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Req;
  response: Res;
};

/** Cognito's region is the part of the pool id before "_" ("eu-west-1_AbC…"); Gatehouse's "local_…" gives "local". */
export function regionOf(poolId: string): string {
  return poolId.split("_")[0] ?? "local";
}

export function cognitoEvent<Req extends object, Res extends object>(
  pool: Pick<Pool, "id">,
  options: { triggerSource: string; userName: string; clientId: string | null; request: Req; response: Res; version?: string },
): CognitoEvent<Req, Res> {
  return {
    version: options.version ?? "1",
    triggerSource: options.triggerSource,
    region: regionOf(pool.id),
    userPoolId: pool.id,
    userName: options.userName,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: options.clientId ?? "CLIENT_ID_NOT_APPLICABLE" },
    request: options.request,
    response: options.response,
  };
}
