// The account page's session: a sealed cookie scoped to /{pool}/account that names the user and
// the oidc-provider grant their sign-in through the pool's hosted UI made for the account client.
// Every request checks that grant (as the console does, lib/admin/console-session.ts): whatever
// ends the user's sessions deletes it (signing out here or at the pool, sign out everywhere, an
// admin's global sign-out, disabling or deleting the user, a password reset), so the cookie stops
// working at once, on every instance. The cookie also carries the page's CSRF token.
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { noteRevocation } from "../tokens/revocations.ts";
import type { Runtime } from "../runtime.ts";
import { constantTimeEqual } from "../security/secrets.ts";
import { deleteGrantArtifacts, findGrant } from "../oidc/artifacts.ts";
import { findPoolUser } from "../auth-flow/auth-flow.queries.ts";
import type { UserRow } from "../users/user.ts";
import { ACCOUNT_CLIENT_ID, ACCOUNT_SESSION_SECONDS } from "./account-client.ts";
import { clearCookie, openCookie, sealCookie, type CookieOut } from "./sealed-cookie.ts";

const SessionData = z.object({ sub: z.string(), grantId: z.string(), csrf: z.string().min(16), authTime: z.number() });
export type AccountSessionData = z.infer<typeof SessionData>;

export type AccountSession = AccountSessionData & { user: UserRow };

export function secureCookies(rt: Runtime): boolean {
  return rt.env.publicUrl.startsWith("https://");
}

export function sessionCookie(rt: Runtime, poolId: string, data: AccountSessionData): CookieOut {
  return sealCookie(rt.secrets, { kind: "session", poolId, data, maxAge: ACCOUNT_SESSION_SECONDS, secure: secureCookies(rt) });
}

export function clearSessionCookie(rt: Runtime, poolId: string): CookieOut {
  return clearCookie({ kind: "session", poolId, secure: secureCookies(rt) });
}

/** Is this grant the live sign-in of `sub` to the pool's account client? */
async function grantIsLive(db: Db, options: { poolId: string; sub: string; grantId: string }): Promise<boolean> {
  const row = await findGrant(db, { poolId: options.poolId, grantId: options.grantId });
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return false;
  const grant = row.payload as { accountId?: string; clientId?: string };
  return grant.accountId === options.sub && grant.clientId === ACCOUNT_CLIENT_ID;
}

/** The signed-in user behind the cookie, or null: no cookie, another pool's, its grant ended, or the user disabled or gone. */
export async function loadAccountSession(rt: Runtime, options: { poolId: string; cookie: string | undefined }): Promise<AccountSession | null> {
  const data = openCookie(rt.secrets, { kind: "session", poolId: options.poolId, value: options.cookie, schema: SessionData });
  if (!data || !(await grantIsLive(rt.db, { poolId: options.poolId, sub: data.sub, grantId: data.grantId }))) return null;
  const user = await findPoolUser(rt.db, { poolId: options.poolId, userId: data.sub });
  if (!user || !user.enabled) return null;
  return { ...data, user };
}

/** A form's CSRF token against the session's, in constant time. */
export function csrfMatches(session: AccountSessionData, token: string | undefined): boolean {
  return !!token && constantTimeEqual(session.csrf, token);
}

/** Signing out of the account page ends its grant, so a copy of the cookie dies with it. */
export async function endAccountGrant(db: Db, options: { poolId: string; grantId: string }): Promise<void> {
  await deleteGrantArtifacts(db, { poolId: options.poolId, grantId: options.grantId });
  await noteRevocation(options.poolId);
}
