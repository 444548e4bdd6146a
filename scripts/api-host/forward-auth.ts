// Asks Gatehouse's forward-auth endpoint, `{gatehouse}/authorizers/{name}`, about a request, the
// way nginx's auth_request does: a GET carrying the request's headers plus X-Original-Method,
// X-Original-URI and X-Forwarded-Host (the endpoint judges the original method from its header;
// a GET keeps the refusal's body, which a HEAD would lose, and sends no request body along: for a
// SigV4-signed body the signed x-amz-content-sha256 vouches, which the host then checks itself).
import type { IncomingHttpHeaders } from "node:http";
import type { HttpAnswer } from "./response.ts";
import type { Verdict } from "./event.ts";

export type Decision = { allowed: true; verdict: Verdict } | { allowed: false; answer: HttpAnswer };

/** Not forwarded: hop-by-hop headers, and what describes a body the endpoint does not get. */
const NOT_FORWARDED = new Set([
  "host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "expect",
  "content-length", "proxy-authorization", "proxy-authenticate",
]);

const list = (value: string | null, separator: string) => (value ?? "").split(separator).map((s) => s.trim()).filter(Boolean);

function decodeClaims(value: string | null): Record<string, unknown> {
  if (!value) return {};
  const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

export async function askGatehouse(options: {
  gatehouse: string; authorizer: string; method: string; url: string; headers: IncomingHttpHeaders; sourceIp: string;
}): Promise<Decision> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(options.headers)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // The signed length of a body the endpoint never sees (its SigV4 check reads it for AWS_IAM).
  if (options.headers["content-length"]) headers.set("x-original-content-length", options.headers["content-length"]);
  headers.set("x-original-method", options.method);
  headers.set("x-original-uri", options.url);
  if (options.headers.host) headers.set("x-forwarded-host", options.headers.host);
  headers.set("x-forwarded-proto", "http");
  // Several headers of the name join as Node's toString does: with commas.
  const forwardedFor = [options.headers["x-forwarded-for"] ?? []].flat().join(",");
  headers.set("x-forwarded-for", forwardedFor ? `${forwardedFor}, ${options.sourceIp}` : options.sourceIp);
  const response = await fetch(`${options.gatehouse}/authorizers/${encodeURIComponent(options.authorizer)}`, { method: "GET", headers, redirect: "manual" });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status === 401 || response.status === 403) {
    // Passed through unchanged, as API Gateway answers its authorizer's refusals.
    const passed: [string, string][] = [["content-type", response.headers.get("content-type") ?? "application/json"]];
    const challenge = response.headers.get("www-authenticate");
    if (challenge) passed.push(["www-authenticate", challenge]);
    return { allowed: false, answer: { status: response.status, headers: passed, body } };
  }
  if (response.status !== 200) throw new Error(`Gatehouse's /authorizers/${options.authorizer} answered ${response.status}: ${body.toString("utf8").slice(0, 300)}`);
  const claims = decodeClaims(response.headers.get("x-gatehouse-claims"));
  const identityId = response.headers.get("x-gatehouse-identity-id");
  const roleArn = response.headers.get("x-gatehouse-role");
  if (identityId && roleArn) {
    return { allowed: true, verdict: { kind: "iam", identityId, identityPoolId: response.headers.get("x-gatehouse-identity-pool-id"), roleArn, claims } };
  }
  const scopes = list(response.headers.get("x-gatehouse-scopes"), " ");
  return { allowed: true, verdict: { kind: "jwt", claims, scopes: scopes.length > 0 ? scopes : list(typeof claims.scope === "string" ? claims.scope : null, " ") } };
}
