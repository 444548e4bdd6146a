// Reading a cookie from a Cookie header, and setting one, for the Node-level handlers (Next.js routes have their own).
import type { ServerResponse } from "node:http";
/** Every value sent under `name` (a browser may send several: one per path that set it), in order. */
export function cookieValues(cookieHeader: string | undefined, name: string): string[] {
  return (cookieHeader ?? "").split(";").flatMap((part) => {
    const eq = part.indexOf("=");
    return eq > 0 && part.slice(0, eq).trim() === name ? [part.slice(eq + 1).trim()] : [];
  });
}

/**
 * Adds an HttpOnly, SameSite=Lax cookie (Secure behind https) to the response, beside any the
 * handler set before.
 */
export function appendCookie(res: ServerResponse, cookie: { name: string; value: string; path: string; maxAgeSeconds: number; secure: boolean }): void {
  const line = [
    `${cookie.name}=${cookie.value}`, `Path=${cookie.path}`, `Max-Age=${cookie.maxAgeSeconds}`, "HttpOnly", "SameSite=Lax", ...(cookie.secure ? ["Secure"] : []),
  ].join("; ");
  const existing = res.getHeader("Set-Cookie");
  res.setHeader("Set-Cookie", [...(existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)]), line]);
}
