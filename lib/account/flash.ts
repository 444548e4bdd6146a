// The message the account page shows after a change: sealed in a short-lived cookie with an id
// that the redirect's URL carries, so it shows on that page load (and its reload) and not later.
import { z } from "zod";
import type { Runtime } from "../runtime.ts";
import { randomToken } from "../security/secrets.ts";
import { openCookie, sealCookie, type CookieOut } from "./sealed-cookie.ts";
import { secureCookies } from "./session.ts";

export const SECTIONS = ["profile", "contact", "password", "authenticator", "mfa", "passkeys", "recovery", "devices", "sessions", "history", "page"] as const;
export type Section = (typeof SECTIONS)[number];

const Flash = z.object({
  id: z.string(), section: z.enum(SECTIONS),
  /** The form it answers, whose fields it may be about. */
  action: z.string().optional(),
  kind: z.enum(["error", "notice"]), message: z.string(),
  /** The field the error is about, which takes focus and is described by it. */
  field: z.string().optional(),
  /** What the user typed (never a password or code), to fill the form again after an error. */
  values: z.record(z.string(), z.string()).optional(),
  /** New recovery codes, shown on this page load (and its reload within the cookie's two minutes) and never again: the cookie is sealed. */
  codes: z.array(z.string().max(16)).max(10).optional(),
});
export type AccountFlash = z.infer<typeof Flash>;

export function flashCookie(rt: Runtime, poolId: string, flash: Omit<AccountFlash, "id">): { id: string; cookie: CookieOut } {
  const id = randomToken(9);
  return { id, cookie: sealCookie(rt.secrets, { kind: "flash", poolId, data: { ...flash, id }, maxAge: 120, secure: secureCookies(rt) }) };
}

export function readFlash(rt: Runtime, options: { poolId: string; cookie: string | undefined; id: string | undefined }): AccountFlash | null {
  const flash = openCookie(rt.secrets, { kind: "flash", poolId: options.poolId, value: options.cookie, schema: Flash });
  return flash && options.id && flash.id === options.id ? flash : null;
}
