// What an admin does to one user: look them up, edit attributes, enable/disable, set a password,
// sign them out everywhere, change groups, delete (second factors: user-factors.ts). Names follow Cognito's Admin* calls.
import type { AuditIn } from "../../audit/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Sender } from "../../messaging/sender.ts";
import { renderInvitation } from "../../messaging/templates.ts";
import { messageLocale } from "../../i18n/message-locale.ts";

import { sendUserMessage } from "../../messaging/send-user-message.ts";
import { PasswordPolicySchema } from "../../pools/config-schema.ts";
import { usernameIsChosen, type Pool, type SignInAlias } from "../../pools/pool.ts";
import { assertPasswordMeetsPolicy } from "../../users/assert-password-meets-policy.ts";
import { deleteUserAccount } from "../../users/delete-user.ts";
import { computePasswordRecord } from "../../users/password-record.ts";
import { temporaryPasswordExpiresAt } from "../../users/temporary-password.ts";
import { setPassword } from "../../users/set-password.ts";
import { setUserEnabled as writeUserEnabled } from "../../users/set-user-enabled.ts";
import { signOutUser } from "../../users/sign-out-user.ts";
import { updateUserAttributes as writeUserAttributes } from "../../users/update-attributes.ts";
import { userAttributes, type UserRow } from "../../users/user.ts";
import { aliasShape, looksLikeEmail, looksLikePhone } from "../../users/username-rules.ts";
import { generateTemporaryPassword, invitationAddress, resolveGroupIds, type DeliveryMedium } from "./create-user.ts";
import { toUserSummary, type UserSummary } from "./search-users.ts";
import type { Secrets } from "../../security/secrets.ts";
import { replaceMemberships } from "../groups.queries.ts";
import { addressHeldByOther, findPoolSignInAliases, findUserById, findUserGroupsAndPolicy, findUsersByAddress } from "./user-admin.queries.ts";
import { findUserByUsernameKey } from "../../users/user.queries.ts";

export type UserDetail = UserSummary & { attributes: Record<string, string>; groups: string[]; lockedUntil: string | null; failedAttempts: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A user by username (case-insensitive), sub, or (as Cognito's Admin* calls allow) an email
 * or phone number that belongs to exactly one user. */
export async function findUserRow(db: Db, poolId: string, username: string): Promise<UserRow> {
  const key = username.toLowerCase();
  const byAlias = async () => {
    const where = key.includes("@") ? { poolId, emailKey: key } : /^\+\d+$/.test(key) ? { poolId, phoneNumber: key } : null;
    if (!where) return null;
    const found = await findUsersByAddress(db, where, 2);
    return found.length === 1 ? found[0]! : null;
  };
  const byName = await findUserByUsernameKey(db, { poolId, usernameKey: key });
  if (byName) await assertNotAnotherUsersAlias(db, poolId, key, byName.id);
  const user = byName ?? (UUID.test(key) ? await findUserById(db, { poolId, id: key }) : null) ?? (await byAlias());
  if (!user) throw new AppError("UserNotFoundException", `User ${username} does not exist.`);
  return user;
}

/**
 * A username shaped like an email (phone number) where that is a sign-in alias can only be a row
 * from before such usernames were refused. If the address belongs to another user, the name could
 * mean either account: refuse rather than act on the wrong one (the sub is unambiguous).
 */
async function assertNotAnotherUsersAlias(db: Db, poolId: string, key: string, userId: string) {
  if (!looksLikeEmail(key) && !looksLikePhone(key)) return;
  const aliases = await findPoolSignInAliases(db, poolId);
  const shape = aliases ? aliasShape({ signInAliases: aliases as SignInAlias[] }, key) : null;
  if (!shape) return;
  if (await addressHeldByOther(db, { poolId, exceptUserId: userId, address: shape === "email" ? { emailKey: key } : { phoneNumber: key } })) {
    throw new AppError("InvalidParameterException", `${key} is one user's username and another user's ${shape === "email" ? "email" : "phone number"}. Name the user by their sub instead.`, { field: "username" });
  }
}

export async function getUser(db: Db, poolId: string, username: string): Promise<UserDetail> {
  const user = await findUserRow(db, poolId, username);
  return toDetail(db, user);
}

async function toDetail(db: Db, user: UserRow): Promise<UserDetail> {
  // One round trip for the groups and the password policy (the temporary password's expiry).
  const { groups, passwordPolicy } = await findUserGroupsAndPolicy(db, user.id);
  return {
    ...toUserSummary({ passwordPolicy: PasswordPolicySchema.parse(passwordPolicy) }, user),
    attributes: userAttributes(user),
    groups: groups.sort(),
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
    failedAttempts: user.failedAttempts,
  };
}

/** Sets the given attributes; an empty string removes one. Required and immutable ones are kept. */
export async function updateUserAttributes(db: Db, options: { pool: Pool; username: string; attributes: Record<string, string>; audit?: AuditIn | undefined }): Promise<UserDetail> {
  const user = await findUserRow(db, options.pool.id, options.username);
  const { user: saved } = await writeUserAttributes(db, { pool: options.pool, user, attributes: options.attributes, audit: options.audit });
  return toDetail(db, saved);
}

/** Disabling also ends every session and refresh token, so the user is out at once. */
export async function setUserEnabled(db: Db, options: { poolId: string; username: string; enabled: boolean; audit?: AuditIn | undefined }): Promise<UserDetail> {
  const user = await findUserRow(db, options.poolId, options.username);
  const saved = await writeUserEnabled(db, { poolId: options.poolId, userId: user.id, enabled: options.enabled, audit: options.audit });
  return toDetail(db, saved);
}

/** Sets a password (Cognito's AdminSetUserPassword). A temporary one is generated when none is
 * given, must be changed at the next sign-in, and can be sent to the user. */
export async function setUserPassword(
  deps: { db: Db; sender: Sender; secrets: Secrets },
  options: {
    pool: Pool; username: string; password?: string | undefined; permanent: boolean; notify: boolean; deliverVia?: readonly DeliveryMedium[] | undefined; signInUrl?: string | null;
    audit?: AuditIn | undefined;
  },
): Promise<{ user: UserDetail; temporaryPassword: string | null; sentTo: string | null }> {
  const { pool } = options;
  const user = await findUserRow(deps.db, pool.id, options.username);
  if (options.permanent && !options.password) throw new AppError("InvalidParameterException", "Give the permanent password.", { field: "password" });
  const password = options.password ?? generateTemporaryPassword(pool.passwordPolicy);
  assertPasswordMeetsPolicy(pool, password);
  const record = await computePasswordRecord({ poolId: pool.id, username: user.username, secrets: deps.secrets, password });
  const saved = await deps.db.$transaction(async (tx) => {
    const row = await setPassword(tx, {
      poolId: pool.id, userId: user.id, password: record, status: options.permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD", clearLockout: true, endSessions: false,
    });
    if (row) await options.audit?.(tx);
    return row;
  });
  if (!saved) throw new AppError("UserNotFoundException", `User ${options.username} does not exist.`);
  // Ends the sessions the old password opened, and any sign-in in progress.
  await signOutEverywhere(deps.db, { poolId: pool.id, username: user.id });
  let sentTo: string | null = null;
  if (options.notify && !options.permanent) {
    const to = invitationAddress(saved, options.deliverVia);
    if (to) {
      const shownName = saved.email && !usernameIsChosen(pool) ? saved.email : saved.username;
      const text = renderInvitation({
        locale: messageLocale({ user: saved, pool }), poolName: pool.name, username: shownName, temporaryPassword: password,
        signInUrl: options.signInUrl ?? null, validityDays: pool.passwordPolicy.temporaryPasswordValidityDays, resent: true,
      });
      await sendUserMessage(deps, {
        pool, user: saved, to, kind: "AdminCreateUser", text, code: password, username: shownName,
        expiresAt: temporaryPasswordExpiresAt(pool, saved),
      });
      sentTo = to;
    }
  }
  return { user: await toDetail(deps.db, saved), temporaryPassword: options.permanent ? null : password, sentTo };
}


/** Ends every session, grant and refresh token of the user (Cognito's AdminUserGlobalSignOut),
 * and any sign-in they have in progress. Access tokens already issued stop working at userInfo. */
export async function signOutEverywhere(db: Db, options: { poolId: string; username: string; audit?: AuditIn | undefined }): Promise<{ revoked: number }> {
  const user = await findUserRow(db, options.poolId, options.username);
  const { audit } = options;
  const target = { poolId: options.poolId, userId: user.id };
  // Only the admin API's call is audited; the others (the Cognito API, …) keep their statements.
  if (!audit) return { revoked: await signOutUser(db, target) };
  return db.$transaction(async (tx) => {
    const result = { revoked: await signOutUser(tx, target) };
    await audit(tx, result);
    return result;
  });
}

export async function setUserGroups(db: Db, options: { poolId: string; username: string; groups: string[]; audit?: AuditIn | undefined }): Promise<UserDetail> {
  const user = await findUserRow(db, options.poolId, options.username);
  const groupIds = await resolveGroupIds(db, options.poolId, [...new Set(options.groups)]);
  await db.$transaction(async (tx) => {
    await replaceMemberships(tx, { userId: user.id, groupIds });
    await options.audit?.(tx);
  });
  return toDetail(db, user);
}

export async function deleteUser(db: Db, options: { poolId: string; username: string; audit?: AuditIn | undefined }): Promise<void> {
  const user = await findUserRow(db, options.poolId, options.username);
  await deleteUserAccount(db, { poolId: options.poolId, userId: user.id, audit: options.audit });
}
