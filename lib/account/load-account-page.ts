// The account page's data for one request: the signed-in user's view, or where to send them.
import { hostedBranding, type HostedBranding } from "../branding/render.ts";
import { resolveBranding } from "../branding/schema.ts";
import type { Runtime } from "../runtime.ts";
import { accountPath } from "./account-client.ts";
import { accountView, type AccountView } from "./account-view.ts";
import { readFlash } from "./flash.ts";
import { loadAccountSession } from "./session.ts";
import type { Locale } from "../i18n/locales.ts";

export type AccountPage = { kind: "missing" } | { kind: "sign-in"; to: string } | { kind: "view"; view: AccountView };

export async function loadAccountPage(
  rt: Runtime, options: { poolId: string; sessionCookie: string | undefined; flashCookie: string | undefined; flashId: string | undefined; deviceCookie?: string | undefined; /** The page's language (requestLocale). */ locale?: Locale },
): Promise<AccountPage> {
  const entry = await rt.providers.get(options.poolId);
  if (!entry) return { kind: "missing" };
  // Checked here, where the data is read: the session, its grant and the user, on every load.
  const session = await loadAccountSession(rt, { poolId: options.poolId, cookie: options.sessionCookie });
  if (!session) return { kind: "sign-in", to: `${accountPath(options.poolId)}/sign-in` };
  const flash = readFlash(rt, { poolId: options.poolId, cookie: options.flashCookie, id: options.flashId });
  return { kind: "view", view: await accountView(rt, { pool: entry.pool, session, flash, deviceCookie: options.deviceCookie, locale: options.locale }) };
}

export type SignedOutReason = "signed-out" | "everywhere" | "failed";

export type SignedOutView = { poolName: string; branding: HostedBranding; signInUrl: string; reason: SignedOutReason };

export async function loadSignedOutPage(rt: Runtime, options: { poolId: string; reason: SignedOutReason }): Promise<SignedOutView | null> {
  const entry = await rt.providers.get(options.poolId);
  if (!entry) return null;
  return {
    poolName: entry.pool.name,
    branding: hostedBranding(entry.pool.id, resolveBranding(entry.pool.branding)),
    signInUrl: `${accountPath(options.poolId)}/sign-in`,
    reason: options.reason,
  };
}
