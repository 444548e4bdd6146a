// The account page's cookies (its session, a sign-in in progress, the message after a change):
// JSON sealed with the key for secrets at rest (AES-256-GCM), each tagged with its kind and pool,
// so a value is read back only as what it was made for, in the pool it was made in.
import { z } from "zod";
import type { Secrets } from "../security/secrets.ts";
import { accountPath } from "./account-client.ts";

export type CookieKind = "session" | "sign-in" | "flash";

/** A cookie to set (or, with maxAge 0, to remove) on the response; the route hands it to Next. */
export type CookieOut = { name: string; value: string; path: string; maxAge: number; httpOnly: true; sameSite: "lax"; secure: boolean };

export function cookieName(kind: CookieKind, poolId: string): string {
  return `gh_account_${kind === "sign-in" ? "signin" : kind}_${poolId}`;
}

export function sealCookie(secrets: Secrets, options: { kind: CookieKind; poolId: string; data: object; maxAge: number; secure: boolean }): CookieOut {
  const exp = Math.floor(Date.now() / 1000) + options.maxAge;
  return {
    name: cookieName(options.kind, options.poolId),
    value: secrets.encrypt(JSON.stringify({ kind: options.kind, poolId: options.poolId, exp, data: options.data })),
    // Only the pool's account page ever receives it.
    path: accountPath(options.poolId),
    maxAge: options.maxAge,
    httpOnly: true,
    sameSite: "lax",
    secure: options.secure,
  };
}

export function clearCookie(options: { kind: CookieKind; poolId: string; secure: boolean }): CookieOut {
  return { name: cookieName(options.kind, options.poolId), value: "", path: accountPath(options.poolId), maxAge: 0, httpOnly: true, sameSite: "lax", secure: options.secure };
}

const Envelope = z.object({ kind: z.string(), poolId: z.string(), exp: z.number(), data: z.unknown() });

/** The cookie's data, or null: not sealed by us, of another kind or pool, expired, or not of the shape. */
export function openCookie<T>(secrets: Secrets, options: { kind: CookieKind; poolId: string; value: string | undefined; schema: z.ZodType<T> }): T | null {
  if (!options.value) return null;
  try {
    const envelope = Envelope.parse(JSON.parse(secrets.decrypt(options.value)));
    if (envelope.kind !== options.kind || envelope.poolId !== options.poolId || envelope.exp <= Date.now() / 1000) return null;
    const data = options.schema.safeParse(envelope.data);
    return data.success ? data.data : null;
  } catch {
    return null;
  }
}
