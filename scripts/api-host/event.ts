// The request as API Gateway's HTTP API hands it to a Lambda integration: payload format 2.0, route
// `$default`, stage `$default`, with what the authorizer learnt in `requestContext.authorizer`.
// Shapes follow AWS's documented example and events captured from real APIs (aws-lambda-go's
// events/testdata/apigw-v2-request-jwt-authorizer.json and -iam.json).
import { createHash, randomBytes } from "node:crypto";
import { assumedRoleArn } from "../../lib/identity-pools/local-credentials.ts";

/** What Gatehouse's forward-auth endpoint said about an allowed request. */
export type Verdict =
  | { kind: "jwt"; claims: Record<string, unknown>; scopes: string[] }
  | { kind: "iam"; identityId: string; identityPoolId: string | null; roleArn: string; claims: Record<string, unknown> };

export type IncomingRequest = {
  method: string;
  /** Path and query exactly as sent (`request.url`). */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value… with repeats kept apart. */
  rawHeaders: string[];
  httpVersion: string;
  sourceIp: string;
  body: Buffer;
};

export type ApiGatewayEvent = {
  version: "2.0";
  routeKey: "$default";
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    authorizer: { jwt: { claims: Record<string, string>; scopes: string[] | null } } | { iam: IamAuthorizer };
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: "$default";
    stage: "$default";
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
};

type IamAuthorizer = {
  accessKey: string | null;
  accountId: string | null;
  callerId: string;
  cognitoIdentity: { amr: string[]; identityId: string; identityPoolId: string | null };
  principalOrgId: null;
  userArn: string;
  userId: string;
};

/** The account API Gateway reports as the API's owner; there is none locally. */
export const LOCAL_ACCOUNT_ID = "000000000000";
export const LOCAL_API_ID = "gatehouse";

/**
 * API Gateway's JWT authorizer hands every claim over as a string: numbers and booleans as their
 * text, and anything structured in Go's `%v` form (arrays `[a b]`, objects `map[k:v]` with sorted
 * keys, null `<nil>`), so `cognito:groups` arrives as `"[admins staff]"`, not as an array. Handlers
 * written against real API Gateway parse that; we give them the same strings.
 */
export function apiGatewayClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, goText(value)]));
}

function goText(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return `[${value.map(goText).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goText(v)}`).join(" ")}]`;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only a function or a symbol is left; claims never hold one
  return String(value);
}

/**
 * HTTP APIs pass a body as text only for text/*, application/json, application/xml and
 * application/javascript; anything else, a missing Content-Type and form posts included, arrives
 * base64-encoded (checked against real AWS in ministackorg/ministack#766; AWS's docs only say
 * "binary").
 */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type.startsWith("text/") || ["application/json", "application/xml", "application/javascript"].includes(type);
}

/** Header names lower-cased, repeated values joined with a comma (no space), cookies taken out. */
function headersOf(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === "cookie") cookies.push(...value.split(";").map((c) => c.trim()).filter(Boolean));
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Repeated parameters joined with commas, values decoded, as `queryStringParameters` shows them. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  return parameters;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** `26/Nov/2026:22:03:58 +0000`, the format of `requestContext.time`. */
function requestTime(now: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(now.getUTCDate())}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}:${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} +0000`;
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`: 16 base64 characters. */
export function newRequestId(): string {
  return randomBytes(11).toString("base64");
}

/** The access key id a SigV4-signed request names (header or presigned query). */
function accessKeyOf(headers: Record<string, string>, query: Record<string, string> | undefined): string | null {
  const credential = /Credential=([^/,\s]+)\//.exec(headers.authorization ?? "")?.[1] ?? query?.["X-Amz-Credential"]?.split("/")[0];
  return credential ?? null;
}

/**
 * `authorizer.iam` as API Gateway fills it for credentials from an identity pool. AWS's role
 * unique id (AROA…) is not known locally, so a stable stand-in is derived from the role's ARN.
 */
function iamAuthorizer(verdict: Extract<Verdict, { kind: "iam" }>, accessKey: string | null): IamAuthorizer {
  const roleId = "AROA" + createHash("sha256").update(verdict.roleArn).digest("hex").slice(0, 17).toUpperCase();
  const userId = `${roleId}:CognitoIdentityCredentials`;
  const amr = Array.isArray(verdict.claims.amr) ? verdict.claims.amr.map(String) : [];
  return {
    accessKey, accountId: /^arn:[\w-]+:iam::(\d{12}):/.exec(verdict.roleArn)?.[1] ?? null, callerId: userId,
    cognitoIdentity: { amr, identityId: verdict.identityId, identityPoolId: verdict.identityPoolId },
    principalOrgId: null, userArn: assumedRoleArn(verdict.roleArn), userId,
  };
}

export function buildEvent(options: { request: IncomingRequest; verdict: Verdict; requestId: string; now?: Date }): ApiGatewayEvent {
  const { request, verdict } = options;
  const now = options.now ?? new Date();
  const queryAt = request.url.indexOf("?");
  const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? "" : request.url.slice(queryAt + 1);
  const { headers, cookies } = headersOf(request.rawHeaders);
  const queryStringParameters = queryParameters(rawQueryString);
  // What API Gateway adds on its way in.
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${request.sourceIp}` : request.sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-amzn-trace-id"] = `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
  const domainName = (headers.host ?? "localhost").replace(/:\d+$/, "");
  const authorizer = verdict.kind === "jwt"
    ? { jwt: { claims: apiGatewayClaims(verdict.claims), scopes: verdict.scopes.length > 0 ? verdict.scopes : null } }
    : { iam: iamAuthorizer(verdict, accessKeyOf(headers, queryStringParameters)) };
  const text = isTextContentType(headers["content-type"]);
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      authorizer,
      domainName,
      domainPrefix: domainName.split(".")[0]!,
      http: { method: request.method, path: rawPath, protocol: `HTTP/${request.httpVersion}`, sourceIp: request.sourceIp, userAgent: headers["user-agent"] ?? "" },
      requestId: options.requestId,
      routeKey: "$default",
      stage: "$default",
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(request.body.length > 0 ? { body: text ? request.body.toString("utf8") : request.body.toString("base64") } : {}),
    isBase64Encoded: request.body.length > 0 && !text,
  };
}
