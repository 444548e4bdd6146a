// Who may use the first-run set-up page while no admin exists. Until then anyone who reaches it
// could make themselves the admin, so (as Keycloak does) it is open only to a browser on the
// server itself, or to whoever has the set-up link Gatehouse prints in its log at start.
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Secrets } from "../security/secrets.ts";

/** Set by server.ts on every request (a client's own value is replaced): "1" for a local browser. */
export const LOCAL_REQUEST_HEADER = "x-gatehouse-local";

/** The set-up token: derived from GATEHOUSE_SECRET, so every instance and restart prints the same. */
export function setupToken(secrets: Secrets): string {
  return secrets.derive("first-admin-setup/v1").slice(0, 32);
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "via"];
/** The names a browser on this machine uses for it, with any port. */
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * A request from a browser on this machine: a loopback socket, no proxy's forwarding headers, and a
 * `Host` that names this machine. A reverse proxy on the same host connects from loopback too; most
 * add forwarding headers, and one that passes the public `Host` on is caught by the last rule.
 * nginx's plain `proxy_pass` adds neither but speaks HTTP/1.0, which no browser does.
 */
export function isLocalRequest(remoteAddress: string | undefined, headers: IncomingHttpHeaders, httpVersion: string): boolean {
  if (!remoteAddress || !LOOPBACK.test(remoteAddress)) return false;
  if (httpVersion === "1.0" || httpVersion === "0.9") return false;
  if (!FORWARDING_HEADERS.every((name) => headers[name] === undefined)) return false;
  return LOCAL_HOST.test(headers.host ?? "");
}

function setupTokenMatches(secrets: Secrets, given: string | null | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(setupToken(secrets));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** May this request use the set-up page? `local` is the LOCAL_REQUEST_HEADER server.ts set. */
export function setupAllowed(secrets: Secrets, options: { local: string | null; token: string | null | undefined }): boolean {
  return options.local === "1" || setupTokenMatches(secrets, options.token);
}
