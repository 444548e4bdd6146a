// `{PUBLIC_URL}/authorizers/{name}`: the forward-auth endpoint for nginx `auth_request`, Traefik
// `forwardAuth` and Caddy `forward_auth`, any method. The request it judges is the proxy's
// original: X-Original-Method / X-Original-URI (nginx), X-Forwarded-Method / X-Forwarded-Uri
// (Traefik, Caddy), else this request's own. Answers 200 with X-Gatehouse-* headers for the API,
// 401 `{"message":"Unauthorized"}` (COGNITO_USER_POOLS, with the reason in WWW-Authenticate) or
// `{"message":"<AWS's words>"}` (AWS_IAM), 403 `{"message":"<the unmet rule>"}`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { headerMap } from "../http/request-body.ts";
import type { Runtime } from "../runtime.ts";
import { authorizeSignature } from "./authorize-signature.ts";
import { authorizeToken } from "./authorize-token.ts";
import { AUTHORIZER_NAME } from "./config.ts";
import type { Decision } from "./decision.ts";
import { getAuthorizer } from "./registry.ts";
import { authorizerPath } from "./request-path.ts";
import { createTokenCache, type TokenCache } from "./token-cache.ts";

const PREFIX = "/authorizers/";

/** The authorizer's name when `path` (normalised) is its endpoint, else null. */
export function forwardAuthName(path: string): string | null {
  if (!path.startsWith(PREFIX)) return null;
  const name = path.slice(PREFIX.length);
  return AUTHORIZER_NAME.test(name) ? name : null;
}

// One per process, beside the server that uses it (only server.ts answers forward-auth).
let cache: TokenCache | null = null;

/**
 * Every header an allow carries, empty when it does not apply (a token has no role, credentials no
 * scopes): a proxy that copies them onto the API's request (Traefik's authResponseHeaders, Caddy's
 * copy_headers) then always overwrites any a client sent itself.
 */
export const GATEHOUSE_HEADERS = [
  "X-Gatehouse-Sub", "X-Gatehouse-Username", "X-Gatehouse-Groups", "X-Gatehouse-Scopes", "X-Gatehouse-Client-Id", "X-Gatehouse-Claims",
  "X-Gatehouse-Identity-Id", "X-Gatehouse-Identity-Pool-Id", "X-Gatehouse-Role",
] as const;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function send(res: ServerResponse, status: number, body: { message: string }, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

function answer(res: ServerResponse, decision: Decision) {
  switch (decision.status) {
    case 200:
      return send(res, 200, { message: "Allowed" }, Object.fromEntries(GATEHOUSE_HEADERS.map((name) => [name, decision.headers[name] ?? ""])));
    case 401:
      return send(res, 401, { message: decision.message }, decision.wwwAuthenticate ? { "WWW-Authenticate": decision.wwwAuthenticate } : {});
    case 403:
      return send(res, 403, { message: decision.message });
  }
}

export async function handleForwardAuth(rt: Runtime, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const authorizer = await getAuthorizer(rt.db, name);
  if (!authorizer) return send(res, 404, { message: `No authorizer is named ${name}` });
  const method = (first(req.headers["x-original-method"]) ?? first(req.headers["x-forwarded-method"]) ?? req.method ?? "GET").toUpperCase();
  const target = first(req.headers["x-original-uri"]) ?? first(req.headers["x-forwarded-uri"]) ?? req.url ?? "/";
  const path = authorizerPath(target);
  // A path with escapes that do not decode has no reading to match rules against: refused.
  if (path === null) return send(res, 403, { message: "The request path is not valid URL encoding" });

  if (authorizer.type === "COGNITO_USER_POOLS") {
    cache ??= createTokenCache();
    return answer(res, await authorizeToken(rt, { authorizer, cache, method, path, authorization: first(req.headers.authorization) }));
  }
  return answer(res, await authorizeSignature(rt, { authorizer, method, target, path, headers: headerMap(req) }));
}
