// Who is calling the admin API: an API key (`Authorization: Bearer ghk_...`) or an admin's
// console session cookie, checked against the server on every call (a revoked sign-in or a
// removed admin stops at once). Session calls that change something must come from the console's own
// origin, so another site cannot make an admin's browser call the API (CSRF).
import { getToken } from "next-auth/jwt";
import type { Runtime } from "../../runtime.ts";
import { verifyApiKey } from "../api-keys.ts";
import { consoleAuthSecret } from "../auth-options.ts";
import { consoleGrantIsLive } from "../console-session.ts";
import { findAdmin } from "../system-pool.ts";
import { errorResponse } from "./error-response.ts";

export type Caller = { type: "admin" | "api-key"; id: string; name: string };

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // ignore a malformed cookie rather than failing the request
    }
  }
  return out;
}

/** A console session's standing: its admin, or why it gives none. */
export type ConsoleSession = { admin: Caller } | { admin: null; reason: "ended" | "not-admin" };

/**
 * The console session in these cookies, or null when there is none (no cookie, or one that does
 * not decode or has expired). A session whose sign-in was revoked has "ended" (lib/admin/console-session.ts);
 * one whose user is no longer an enabled admin is "not-admin".
 */
export async function sessionAdmin(rt: Runtime, cookieHeader: string | null): Promise<ConsoleSession | null> {
  const token = await getToken({
    req: { cookies: parseCookies(cookieHeader), headers: {} } as never,
    secret: consoleAuthSecret(rt),
    secureCookie: rt.env.publicUrl.startsWith("https://"),
  });
  if (!token?.sub) return null;
  const [live, admin] = await Promise.all([consoleGrantIsLive(rt.db, token), findAdmin(rt.db, token.sub)]);
  if (!live) return { admin: null, reason: "ended" };
  if (!admin) return { admin: null, reason: "not-admin" };
  return { admin: { type: "admin", id: admin.sub, name: admin.email ?? admin.username } };
}

const SIGN_IN_AGAIN = { "www-authenticate": 'Bearer realm="gatehouse-admin"' };

export async function authenticate(rt: Runtime, request: Request): Promise<Caller | Response> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme, key] = authorization.split(" ");
    const record = scheme?.toLowerCase() === "bearer" && key ? await verifyApiKey(rt.db, key) : null;
    if (!record) return errorResponse(401, { code: "NotAuthorizedException", message: "The API key is not valid or has been revoked." }, SIGN_IN_AGAIN);
    return { type: "api-key", id: record.id, name: `api-key:${record.name}` };
  }
  const cookie = request.headers.get("cookie");
  const session = cookie ? await sessionAdmin(rt, cookie) : null;
  if (!session?.admin) {
    if (session?.reason === "not-admin") return errorResponse(403, { code: "ForbiddenException", message: "This account may not use the admin API." });
    const hadSession = session?.reason === "ended" || (cookie && /next-auth\.session-token/.test(cookie));
    return hadSession
      ? errorResponse(401, { code: "NotAuthorizedException", message: "The console session has ended. Sign in again." }, SIGN_IN_AGAIN)
      : errorResponse(401, { code: "NotAuthorizedException", message: "Send an API key as `Authorization: Bearer ghk_...`, or sign in to the console." }, SIGN_IN_AGAIN);
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    const origin = request.headers.get("origin");
    if (origin !== new URL(rt.env.publicUrl).origin) return errorResponse(403, { code: "ForbiddenException", message: "Cross-site requests cannot use the console session." });
  }
  return session.admin;
}
