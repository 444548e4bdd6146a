// A handler's return value turned into the HTTP answer as API Gateway's HTTP API does it for
// payload format 2.0 (AWS's "Lambda function response for format 2.0").
export type HttpAnswer = { status: number; headers: [string, string][]; body: Buffer };

export const INTERNAL_ERROR: HttpAnswer = jsonAnswer(500, { message: "Internal Server Error" });
/** What API Gateway answers when the integration does not answer within its 30 seconds. */
export const SERVICE_UNAVAILABLE: HttpAnswer = jsonAnswer(503, { message: "Service Unavailable" });

export function jsonAnswer(status: number, body: unknown): HttpAnswer {
  return { status, headers: [["content-type", "application/json"]], body: Buffer.from(JSON.stringify(body)) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/**
 * With a `statusCode`, the result is the response: `headers` (scalars), `cookies` (each its own
 * Set-Cookie), `body` (a string, base64 when `isBase64Encoded`). `multiValueHeaders` is ignored,
 * as API Gateway ignores it in 2.0 (its team's answer in aws/serverless-java-container#377).
 * Without one, API Gateway assumes 200, application/json, and the result itself as the body: a
 * string as it is, anything else as its JSON. A malformed response is a 500, as there.
 * Returns null when the result is malformed.
 */
export function answerFor(result: unknown): HttpAnswer | null {
  if (!isRecord(result) || !("statusCode" in result)) {
    const body = typeof result === "string" ? result : JSON.stringify(result ?? null);
    return { status: 200, headers: [["content-type", "application/json"]], body: Buffer.from(body) };
  }
  const { statusCode, headers = {}, cookies = [], body = "", isBase64Encoded = false } = result;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return null;
  if (!isRecord(headers) || !Object.values(headers).every(isScalar)) return null;
  if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === "string")) return null;
  if (typeof body !== "string" || typeof isBase64Encoded !== "boolean") return null;
  const out: [string, string][] = Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]);
  for (const cookie of cookies) out.push(["set-cookie", cookie]);
  return { status: statusCode, headers: out, body: isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8") };
}
