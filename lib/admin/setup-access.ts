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
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "via"];

/**
 * A request from a browser on this machine: a loopback socket with no proxy's forwarding headers.
 * A reverse proxy on the same host connects from loopback too, but adds those headers.
 */
export function isLocalRequest(remoteAddress: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (!remoteAddress || !LOOPBACK.test(remoteAddress)) return false;
  return FORWARDING_HEADERS.every((name) => headers[name] === undefined);
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
