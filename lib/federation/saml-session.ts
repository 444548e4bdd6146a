// Single logout that the app starts (Cognito's /logout with a SAML IdP whose IDPSignout is "true"):
// once the session here has ended, the browser goes on to the IdP with a signed LogoutRequest for
// the user's SAML session there, and comes back (the IdP's LogoutResponse at /saml2/logout) to
// where the app asked to land. What the round trip needs is kept server-side, in a short-lived
// row (the AuthFlow table, under an `slo.` id) that only the RelayState names.
import type { Db } from "../db/client.ts";
import type { Pool } from "../pools/pool.ts";
import { createAuthFlow, deleteAuthFlow, findAuthFlow, setAuthFlowData } from "../auth-flow/flow-records.queries.ts";
import { findNewestIdentityAt } from "./federation.queries.ts";
import { randomToken, type Secrets } from "../security/secrets.ts";
import { beginSamlLogout } from "./saml.ts";

const SLO_TTL_MS = 10 * 60 * 1000;

export type PendingLogout = { id: string; url: string };

/**
 * For a user signing out whose sign-in came from a SAML IdP with single logout: the IdP's signed
 * LogoutRequest URL (RelayState = the pending row's id). Null when no such IdP is involved.
 */
export async function prepareSamlLogout(
  deps: { db: Db; secrets: Pick<Secrets, "encrypt" | "decrypt"> }, options: { publicUrl: string; pool: Pool; userId: string },
): Promise<PendingLogout | null> {
  const { pool } = options;
  const idps = pool.identityProviders.filter((p) => p.type === "SAML" && p.details.IDPSignout === "true");
  if (idps.length === 0) return null;
  const identity = await findNewestIdentityAt(deps.db, { poolId: pool.id, userId: options.userId, providerNames: idps.map((p) => p.name) });
  if (!identity) return null;
  const idp = idps.find((p) => p.name === identity.providerName)!;
  const id = `slo.${randomToken(24)}`;
  const begun = await beginSamlLogout(deps, {
    publicUrl: options.publicUrl, poolId: pool.id, idp, nameId: identity.providerUserId,
    nameIdFormat: identity.samlNameIdFormat, sessionIndex: identity.samlSessionIndex, relayState: id,
  }).catch(() => null);
  if (!begun) return null;
  await createAuthFlow(deps.db, {
    interactionUid: id, poolId: pool.id, clientId: "", step: "DONE", csrf: "", expiresAt: new Date(Date.now() + SLO_TTL_MS), data: { requestId: begun.requestId, url: begun.url },
  });
  return { id, url: begun.url };
}

/** The cookie that tells the logout's confirmation (route-protocol.ts) to go on to the IdP. */
export function samlLogoutCookieName(poolId: string): string {
  return `gh_slo_${poolId}`;
}

/** The IdP's LogoutRequest URL of a pending logout, or null. */
export async function pendingLogoutUrl(db: Db, options: { poolId: string; id: string }): Promise<string | null> {
  if (!/^slo\.[\w-]+$/.test(options.id)) return null;
  const row = await findAuthFlow(db, options.id);
  if (!row || row.poolId !== options.poolId || row.expiresAt.getTime() < Date.now()) return null;
  return (row.data as { url?: string }).url ?? null;
}

/** Where the browser goes once the IdP has answered: the app's logout URL the session's end would have gone to. */
export async function recordLogoutReturn(db: Db, options: { id: string; returnTo: string }): Promise<void> {
  const row = await findAuthFlow(db, options.id);
  if (!row) return;
  await setAuthFlowData(db, options.id, { ...(row.data as object), returnTo: options.returnTo });
}

/** Takes the pending logout the IdP's LogoutResponse names (its RelayState), once; null when there is none. */
export async function takeLogoutReturn(db: Db, options: { poolId: string; relayState: string | null; inResponseTo: string | null }): Promise<string | null> {
  const id = options.relayState;
  if (!id || !/^slo\.[\w-]+$/.test(id)) return null;
  let row = await findAuthFlow(db, id);
  // Where to return is written just after the confirmation's answer left; the IdP is rarely faster.
  if (row && !(row.data as { returnTo?: string }).returnTo) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    row = await findAuthFlow(db, id);
  }
  await deleteAuthFlow(db, id);
  if (!row || row.poolId !== options.poolId || row.expiresAt.getTime() < Date.now()) return null;
  const data = row.data as { requestId?: string; returnTo?: string };
  if (options.inResponseTo && data.requestId && options.inResponseTo !== data.requestId) return null;
  return data.returnTo ?? null;
}
