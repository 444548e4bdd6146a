// Cognito's `Session`: a flow's state sealed into an opaque string, for doors that keep nothing
// themselves (the Cognito JSON API). AES-256-GCM with a key derived from GATEHOUSE_SECRET, bound to
// the pool and the app client (a session from one client is refused by another), valid three
// minutes as Cognito's. A session that has moved its flow on is spent (spendSession): it cannot be
// answered again, on any instance, while it would still be valid.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Counters } from "../security/rate-limit.ts";
import type { Secrets } from "../security/secrets.ts";
import type { FlowState } from "./contract.ts";
import { sessionExpired } from "./errors.ts";

export const SESSION_TTL_SECONDS = 180;
const VERSION = "s2";

type Sealed = { state: FlowState; exp: number; jti: string };

function key(secrets: Secrets): Buffer {
  return Buffer.from(secrets.derive("auth-flow-session/v1"), "base64url");
}

const binding = (poolId: string, clientId: string) => Buffer.from(`${VERSION}:${poolId}:${clientId}`, "utf8");

export function sealSession(secrets: Secrets, state: FlowState, now = Date.now()): string {
  const payload: Sealed = { state, exp: Math.floor(now / 1000) + SESSION_TTL_SECONDS, jti: randomBytes(12).toString("base64url") };
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secrets), iv);
  cipher.setAAD(binding(state.poolId, state.clientId));
  // Deflated first: an SRP challenge's numbers are hex, and Cognito's Session is at most 2,048 characters.
  const body = Buffer.concat([cipher.update(deflateRawSync(Buffer.from(JSON.stringify(payload), "utf8"))), cipher.final()]);
  const bound = Buffer.from(`${state.poolId}:${state.clientId}`, "utf8").toString("base64url");
  return [VERSION, bound, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/**
 * The pool and client a session claims to belong to, unverified: for operations that take a
 * Session without a ClientId (AssociateSoftwareToken, VerifySoftwareToken). openSession then
 * checks the claim (it is the seal's additional data).
 */
export function sessionBinding(session: string): { poolId: string; clientId: string } | null {
  const [version, bound] = session.split(".");
  if (version !== VERSION || !bound) return null;
  const [poolId, clientId, ...rest] = Buffer.from(bound, "base64url").toString("utf8").split(":");
  return poolId && clientId && !rest.length ? { poolId, clientId } : null;
}

/**
 * The state in a session that this pool and client issued, unexpired and unspent; otherwise
 * NotAuthorizedException, as Cognito answers ("Invalid session for the user, session is expired.").
 */
export async function openSession(
  deps: { secrets: Secrets; counters: Counters },
  session: string,
  options: { poolId: string; clientId: string; now?: number },
): Promise<{ state: FlowState; jti: string }> {
  const opened = unseal(deps.secrets, session, options.poolId, options.clientId);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (!opened || opened.exp <= now) throw sessionExpired();
  if ((await deps.counters.peek(spentKey(opened.jti))).count > 0) throw sessionExpired();
  return { state: opened.state, jti: opened.jti };
}

/** Marks a session used: call it once the flow has moved on (a new session, or tokens, handed out). */
export async function spendSession(counters: Counters, jti: string): Promise<void> {
  await counters.hit(spentKey(jti), SESSION_TTL_SECONDS + 60);
}

const spentKey = (jti: string) => `flow-session-spent:${jti}`;

function unseal(secrets: Secrets, session: string, poolId: string, clientId: string): Sealed | null {
  const [version, _bound, iv, tag, body, ...rest] = session.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined || rest.length) return null;
  try {
    const authTag = Buffer.from(tag, "base64url");
    if (authTag.length !== 16) return null;
    const decipher = createDecipheriv("aes-256-gcm", key(secrets), Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(binding(poolId, clientId));
    decipher.setAuthTag(authTag);
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
    const payload = JSON.parse(inflateRawSync(plain, { maxOutputLength: 64 * 1024 }).toString("utf8")) as Sealed;
    return payload.state.poolId === poolId && payload.state.clientId === clientId ? payload : null;
  } catch {
    return null;
  }
}
