// What the account page shows of where and when the user signed in: their live sessions (from
// oidc-provider's storage, as the console lists them) and their recent sign-ins and failed
// attempts (from the audit log). Sessions do not keep the browser that made them; the sign-in
// that opened each one does, so a session takes its device and address from that audit entry.
import type { Db } from "../db/client.ts";
import { listUserSessions } from "../admin/users/list-user-sessions.ts";
import { findSessions } from "../oidc/artifacts.ts";
import { findClientNames, findSignInAuditEvents, type SignInAuditRow } from "./account.queries.ts";
import type { UserRow } from "../users/user.ts";
import { ACCOUNT_CLIENT_ID, isBuiltInClientId } from "./account-client.ts";
import type { Locale } from "../i18n/locales.ts";
import { accountClientName, describeDevice, signInOutcome } from "./account-wording.ts";

export type AccountSessionView = {
  id: string; current: boolean; signedInAt: string | null; device: string; ip: string | null; apps: string[]; mfa: boolean;
};

export type SignInView = { id: string; at: string; ok: boolean; outcome: string; ip: string | null; device: string; app: string };

const SIGN_IN_TYPES = ["SignIn", "SignInFailed", "UserLockedOut"];
const HISTORY_LENGTH = 20;
/** How far apart a sign-in's audit entry and the session it opened may be. */
const MATCH_SECONDS = 60;

type AuditRow = SignInAuditRow;

async function signInEvents(db: Db, options: { poolId: string; user: UserRow; take: number; onlySuccess?: boolean }): Promise<AuditRow[]> {
  const { user } = options;
  // Failures before the account was known (a wrong password) name what was typed, not the sub.
  const names = [user.email, user.username, user.phoneNumber].filter((n): n is string => !!n);
  return findSignInAuditEvents(db, { poolId: options.poolId, userId: user.id, names, types: options.onlySuccess ? ["SignIn"] : SIGN_IN_TYPES, take: options.take });
}

async function appNames(db: Db, poolId: string, clientIds: string[], locale: Locale | undefined): Promise<Map<string, string>> {
  const ids = [...new Set(clientIds)].filter((id) => id !== ACCOUNT_CLIENT_ID);
  const rows = ids.length ? await findClientNames(db, { poolId, clientIds: ids }) : [];
  return new Map([[ACCOUNT_CLIENT_ID, accountClientName(locale)], ...rows.map((r) => [r.clientId, r.name] as [string, string])]);
}

export async function listAccountSessions(db: Db, options: { poolId: string; user: UserRow; currentGrantId: string; locale?: Locale }): Promise<AccountSessionView[]> {
  const { sessions } = await listUserSessions(db, { poolId: options.poolId, username: options.user.username });
  if (!sessions.length) return [];
  const events = await signInEvents(db, { poolId: options.poolId, user: options.user, take: 200, onlySuccess: true });
  const names = await appNames(db, options.poolId, sessions.flatMap((s) => s.apps.map((a) => a.clientId)), options.locale);
  const grants = await findSessions(db, { poolId: options.poolId, ids: sessions.map((s) => s.id) });
  const current = new Set(grants
    .filter((g) => Object.values((g.payload as { authorizations?: Record<string, { grantId?: string }> }).authorizations ?? {}).some((a) => a.grantId === options.currentGrantId))
    .map((g) => g.id));
  return sessions.map((session) => {
    const at = session.signedInAt ? new Date(session.signedInAt).getTime() : null;
    const opened = at === null ? undefined : events
      .filter((e) => Math.abs(e.createdAt.getTime() - at) <= MATCH_SECONDS * 1000)
      .sort((a, b) => Math.abs(a.createdAt.getTime() - at) - Math.abs(b.createdAt.getTime() - at))[0];
    return {
      id: session.id,
      current: current.has(session.id),
      signedInAt: session.signedInAt,
      device: describeDevice(opened?.userAgent, options.locale),
      ip: opened?.ip ?? null,
      apps: session.apps.map((a) => names.get(a.clientId) ?? (isBuiltInClientId(a.clientId) ? accountClientName(options.locale) : a.name) ?? a.clientId),
      mfa: session.mfa,
    };
  });
}

export async function listRecentSignIns(db: Db, options: { poolId: string; user: UserRow; locale?: Locale }): Promise<SignInView[]> {
  const events = await signInEvents(db, { ...options, take: HISTORY_LENGTH });
  const names = await appNames(db, options.poolId, events.map((e) => e.target ?? "").filter(Boolean), options.locale);
  return events.map((e) => ({
    id: e.id,
    at: e.createdAt.toISOString(),
    ok: e.type === "SignIn",
    outcome: signInOutcome(e.type, options.locale),
    ip: e.ip,
    device: describeDevice(e.userAgent, options.locale),
    app: (e.target && names.get(e.target)) ?? e.target ?? "",
  }));
}
