// A console session lives only as long as the sign-in behind it. The console's cookie is a JWT
// that the server cannot recall, so it carries the id of the oidc-provider grant that the admin's
// sign-in to the system pool made, and every request checks that the grant still exists. Whatever
// ends the admin's sessions deletes that grant (sign out everywhere, signing one session out, a
// password reset or an admin setting the password, disabling or deleting the user, signing out of
// the console), so the cookie stops working at once, on every instance.
import { decodeJwt } from "jose";
import type { Db } from "../db/client.ts";
import { deleteGrantArtifacts, findGrant } from "../oidc/artifacts.ts";
import { CONSOLE_CLIENT_ID, SYSTEM_POOL_ID } from "./system-pool.ts";

/** The parts of next-auth's JWT the console relies on. */
export type ConsoleToken = { sub?: unknown; grantId?: unknown };

/**
 * The grant behind a console sign-in, from the access token the system pool issued with it (its
 * `origin_jti` names the grant, lib/oidc/provider.ts). The token came straight from the token
 * endpoint over the back channel, with the ID token next-auth verified, so it is read, not verified.
 */
export function grantIdOf(accessToken: string | undefined): string | null {
  if (!accessToken) return null;
  try {
    const grantId = decodeJwt(accessToken).origin_jti;
    return typeof grantId === "string" && grantId ? grantId : null;
  } catch {
    return null;
  }
}

/** Is the sign-in behind this console session still live: its grant there, unexpired, the admin's and the console's? */
export async function consoleGrantIsLive(db: Db, token: ConsoleToken): Promise<boolean> {
  if (typeof token.sub !== "string" || typeof token.grantId !== "string") return false;
  const row = await findGrant(db, { poolId: SYSTEM_POOL_ID, grantId: token.grantId });
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return false;
  const grant = row.payload as { accountId?: string; clientId?: string };
  return grant.accountId === token.sub && grant.clientId === CONSOLE_CLIENT_ID;
}

/** Signing out of the console ends its grant too, so a copy of the cookie dies with it. */
export async function endConsoleGrant(db: Db, grantId: string): Promise<void> {
  await deleteGrantArtifacts(db, { poolId: SYSTEM_POOL_ID, grantId });
}
