// SigV4 on the Cognito API's Admin operations: AWS SDK clients sign them with an admin API key's
// AWS credentials (lib/admin/api-keys.ts), service `cognito-idp`, any region. The expected
// signature is computed by AWS's own signer (@smithy/signature-v4) over exactly the headers the
// client says it signed, with the region and date of its credential scope, and compared in
// constant time. The answers are AWS's: same codes, same words.
import { createHash } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { findApiKeyCredentials } from "../admin/api-keys.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { constantTimeEqual, type Secrets } from "../security/secrets.ts";

export const SIGV4_SERVICE = "cognito-idp";
/** How far X-Amz-Date may be from the server's clock, either way (AWS's 5 minutes). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export type SigV4Deps = { db: Db; secrets: Secrets; now?: () => Date };
export type SigV4Request = {
  method: string;
  /** The request target as received: path and query string, still percent-encoded. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The raw body, exactly as received; or DECLARED_PAYLOAD where the checker never sees the body
   * (a proxy's forward-auth request), so that only a signed X-Amz-Content-Sha256 can vouch for it. */
  body: Uint8Array | typeof DECLARED_PAYLOAD;
};

export const DECLARED_PAYLOAD = Symbol("declared payload");

const ALGORITHM = "AWS4-HMAC-SHA256";
const MESSAGES = {
  missing: "Missing Authentication Token",
  payloadHashNeeded: "The request body is not available to check: sign an X-Amz-Content-Sha256 header with the body's SHA-256.",
  unrecognized: "The security token included in the request is invalid.",
  mismatch:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
};

const unrecognized = () => new AppError("UnrecognizedClientException", MESSAGES.unrecognized);
const invalid = (message = MESSAGES.mismatch) => new AppError("InvalidSignatureException", message);

type Authorization = { accessKeyId: string; date: string; region: string; service: string; terminator: string; signedHeaders: string[]; signature: string };

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/region/service/aws4_request, SignedHeaders=a;b, Signature=hex`, or null. */
function parseAuthorization(header: string): Authorization | null {
  if (header.length > 4096 || !header.startsWith(`${ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const at = part.indexOf("=");
    if (at < 0) return null;
    fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const [credential, signedHeaders, signature] = [fields.get("Credential"), fields.get("SignedHeaders"), fields.get("Signature")];
  if (!credential || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return null;
  const scope = credential.split("/");
  if (scope.length !== 5 || scope.some((s) => !s)) return null;
  const [accessKeyId, date, region, service, terminator] = scope as [string, string, string, string, string];
  if (!/^\d{8}$/.test(date)) return null;
  const headers = signedHeaders.split(";");
  if (headers.length > 64 || headers.some((h) => !/^[a-z0-9-]+$/.test(h))) return null;
  return { accessKeyId, date, region, service, terminator, signedHeaders: headers, signature };
}

/** 20260101T120000Z → Date, or null. */
function parseAmzDate(value: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? null : date;
}

const amzDate = (date: Date) => date.toISOString().replace(/[-:]|\.\d{3}/g, "");

/** AWS's words for a request signed too long ago or too far ahead. */
function assertFresh(signedAt: Date, now: Date, header: string) {
  const earliest = new Date(now.getTime() - MAX_CLOCK_SKEW_MS);
  const latest = new Date(now.getTime() + MAX_CLOCK_SKEW_MS);
  if (signedAt < earliest) throw invalid(`Signature expired: ${header} is now earlier than ${amzDate(earliest)} (${amzDate(now)} - 5 min.)`);
  if (signedAt > latest) throw invalid(`Signature not yet current: ${header} is still later than ${amzDate(latest)} (${amzDate(now)} + 5 min.)`);
}

/** The query string as the signer wants it: decoded names and values, repeated names as lists. */
function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of search.split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    const name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1));
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/** Who signed the request: the live API key whose credentials signed it. Throws AWS's errors. */
export async function verifySigV4(deps: SigV4Deps, request: SigV4Request, service: string = SIGV4_SERVICE): Promise<{ apiKeyId: string; name: string }> {
  const key = await verifySignature(request, {
    services: [service],
    now: deps.now?.(),
    // API keys have no session tokens: a request carrying one was signed with other credentials.
    sessionToken: "forbidden",
    find: (accessKeyId) => findApiKeyCredentials(deps, accessKeyId),
  });
  await key.markUsed();
  return { apiKeyId: key.id, name: key.name };
}

export type SignatureOptions<T> = {
  /** The service names a credential scope may name; "any" for any (API Gateway's clients sign as execute-api, others as they like). */
  services: readonly string[] | "any";
  now?: Date;
  /** Whether the request must carry X-Amz-Security-Token (temporary credentials) or must not (long-term keys). */
  sessionToken: "required" | "forbidden";
  /** The credentials of an access key id (and session token), or null when there are none. */
  find: (accessKeyId: string, sessionToken: string | undefined) => Promise<(T & { secretAccessKey: string }) | null>;
};

/**
 * The one SigV4 check: the Authorization header's form, the date and its freshness, the scope's
 * terminator and service, the credentials `find` returns, the body's hash, and the signature
 * itself recomputed by AWS's signer over exactly the signed headers. Returns what `find` found.
 */
export async function verifySignature<T>(request: SigV4Request, options: SignatureOptions<T>): Promise<T & { secretAccessKey: string; region: string; service: string }> {
  const header = request.headers.authorization;
  if (!header) throw new AppError("MissingAuthenticationTokenException", MESSAGES.missing);
  const auth = parseAuthorization(header);
  const dateHeader = request.headers["x-amz-date"];
  const signedAt = parseAmzDate(dateHeader);
  // The SDKs always sign the host and the date; a signature that covers neither is not one of theirs.
  if (!auth || !signedAt || !auth.signedHeaders.includes("host") || !auth.signedHeaders.includes("x-amz-date")) throw unrecognized();
  const sessionToken = request.headers["x-amz-security-token"];
  if ((sessionToken !== undefined) !== (options.sessionToken === "required")) throw unrecognized();

  if (auth.terminator !== "aws4_request") throw invalid(`Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`);
  if (options.services !== "any" && !options.services.includes(auth.service)) throw invalid(`Credential should be scoped to correct service: '${options.services[0]}'. `);
  if (auth.date !== dateHeader!.slice(0, 8))
    throw invalid(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${dateHeader!.slice(0, 8)}', from '${dateHeader}'.`);
  assertFresh(signedAt, options.now ?? new Date(), dateHeader!);

  const key = await options.find(auth.accessKeyId, sessionToken);
  if (!key) throw unrecognized();

  // The signer takes a payload hash header on trust, so it must be the body's.
  const declaredHash = request.headers["x-amz-content-sha256"];
  if (request.body === DECLARED_PAYLOAD) {
    // Only the signed hash header can vouch for a body the checker never sees.
    if (!declaredHash || !auth.signedHeaders.includes("x-amz-content-sha256") || !/^[0-9a-f]{64}$/.test(declaredHash)) throw invalid(MESSAGES.payloadHashNeeded);
  } else if (declaredHash !== undefined && declaredHash !== createHash("sha256").update(request.body).digest("hex")) throw invalid();

  const at = request.path.indexOf("?");
  let query: Record<string, string | string[]>;
  try {
    query = parseQuery(at < 0 ? "" : request.path.slice(at + 1));
  } catch {
    throw invalid(); // a malformed %-escape: nothing a signer could have signed
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const signer = new SignatureV4({
    service: auth.service, region: auth.region, sha256: Hash.bind(null, "sha256"), applyChecksum: false,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: key.secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method.toUpperCase(), hostname: headers.host ?? "", path: at < 0 ? request.path : request.path.slice(0, at), query, headers,
      body: request.body === DECLARED_PAYLOAD ? undefined : request.body,
    }),
    { signingDate: signedAt, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1] ?? "";
  if (!constantTimeEqual(expected, auth.signature)) throw invalid();
  return { ...key, region: auth.region, service: auth.service };
}
