// Forgot password (a code to the user's verified address, then a new password) and the new
// password a user with a temporary one must choose.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { messageLocale } from "../i18n/message-locale.ts";

import { afterAnswer } from "../messaging/after-answer.ts";
import { renderCodeMessage } from "../messaging/templates.ts";
import { sendUserMessage } from "../messaging/send-user-message.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { assertPasswordMeetsPolicy } from "./assert-password-meets-policy.ts";
import { checkCode, countCodeSend, issueCode, spendCode } from "./codes.ts";
import { findUserByLogin } from "./find-user.ts";
import { computePasswordRecord } from "./password-record.ts";
import { setPassword } from "./set-password.ts";
import { temporaryPasswordValidityMs } from "./temporary-password.ts";
import type { UserDeps } from "./sign-up.ts";
import type { UserRow } from "./user.ts";
import { findPoolUser, findPoolUsername } from "./user.queries.ts";
import { runPostConfirmation, type TriggerContext } from "../triggers/sign-up-triggers.ts";
import { migrateUser } from "../triggers/user-migration.ts";
import { migrateOnForgotPassword } from "../migration/cognito-source.ts";

/** Where the reset page says the code went. Never the account's own address: it would tell who has one. */
export const RESET_CODE_DESTINATION = "the email or phone number on the account";

/** Where a reset code goes: the verified email, else the verified phone number (an unverified address may be anyone's). */
export function resetCodeAddress(user: Pick<UserRow, "email" | "emailVerified" | "phoneNumber" | "phoneVerified">): string | null {
  return user.email && user.emailVerified ? user.email : user.phoneNumber && user.phoneVerified ? user.phoneNumber : null;
}

/**
 * Sends a reset code when the account exists and has a verified address. The answer is the same
 * either way, so the page cannot be used to learn who has an account: the hourly cap on codes
 * counts a name with no account as it counts an account, and the code is made and sent after the
 * answer, so neither the database writes nor SMTP show in how long it takes.
 */
export async function forgotPassword(deps: UserDeps, options: { pool: Pool; login: string; trigger?: TriggerContext }): Promise<{ userId: string | null }> {
  const { pool, login } = options;
  let user = await findUserByLogin(deps.db, pool, login);
  if (!user && pool.migrateFrom) {
    // The live Cognito pool first (as at sign-in): its user comes in RESET_REQUIRED and gets the code.
    const migration = await migrateOnForgotPassword(deps, { pool, login });
    user = migration.kind === "migrated" ? migration.user : migration.kind === "taken" ? await findUserByLogin(deps.db, pool, login) : null;
  }
  if (!user && pool.triggers.userMigration && options.trigger) {
    // A name with no account may be in a legacy store: the trigger's user is created RESET_REQUIRED and gets the code.
    const migration = await migrateUser(deps, { pool, source: "UserMigration_ForgotPassword", login, password: null, context: options.trigger });
    user = migration.kind === "migrated" ? migration.user : migration.kind === "taken" ? await findUserByLogin(deps.db, pool, login) : null;
  }
  const destination = user ? resetCodeAddress(user) : null;
  const target = user && user.enabled && destination ? user : null;
  await countCodeSend(deps.counters, {
    purpose: "FORGOT_PASSWORD",
    account: target ? { userId: target.id } : { poolId: pool.id, unknownLogin: login },
    login: { poolId: pool.id, login },
  });
  if (!target || !destination) return { userId: null };
  afterAnswer(deps.log, `reset code for user ${target.id}`, async () => {
    // The code is stored before it is sent, so a code that arrives always works.
    const { code, expiresAt } = await issueCode(deps.db, { userId: target.id, purpose: "FORGOT_PASSWORD" });
    const text = renderCodeMessage("FORGOT_PASSWORD", { locale: messageLocale({ user: target, requestLocale: deps.requestLocale, pool }), poolName: pool.name, code });
    await sendUserMessage(deps, { pool, user: target, to: destination, kind: "ForgotPassword", text, code, expiresAt });
  });
  return { userId: target.id };
}

export async function confirmForgotPassword(deps: UserDeps, options: { pool: Pool; userId: string; code: string; password: string; trigger: TriggerContext }): Promise<void> {
  assertPasswordMeetsPolicy(options.pool, options.password);
  const { userId } = options;
  const codeId = await checkCode(deps, { userId, purpose: "FORGOT_PASSWORD", code: options.code });
  const username = await usernameOf(deps.db, options.pool, userId);
  if (username === null) throw expiredCode();
  const password = await computePasswordRecord({ poolId: options.pool.id, username, secrets: deps.secrets, password: options.password });
  await deps.db.$transaction(async (tx) => {
    await spendCode(tx, codeId);
    // The code proved the address, so a reset confirms the user whatever their status; it also
    // clears a lockout, and ends every session the old password opened.
    const saved = await setPassword(tx, { poolId: options.pool.id, userId, password, status: "CONFIRMED", clearLockout: true, endSessions: true });
    // Deleted meanwhile: the code is not spent, and the answer is a missing user's (as confirmSignUp's).
    if (!saved) throw expiredCode();
  });
  // After the write: a handler's error reaches the caller, the new password stays.
  if (options.pool.triggers.postConfirmation) {
    const user = await findPoolUser(deps.db, { poolId: options.pool.id, userId });
    if (user) await runPostConfirmation(deps, { pool: options.pool, source: "PostConfirmation_ConfirmForgotPassword", user, context: options.trigger });
  }
}

/**
 * NEW_PASSWORD_REQUIRED: replaces a temporary password that has not expired meanwhile. The caller has
 * loaded the user: their stored username is what the SRP verifier hashes.
 */
export async function completeNewPassword(deps: { db: Db; secrets: Secrets }, options: { pool: Pool; userId: string; username: string; password: string }) {
  assertPasswordMeetsPolicy(options.pool, options.password);
  const { username } = options;
  const password = await computePasswordRecord({ poolId: options.pool.id, username, secrets: deps.secrets, password: options.password });
  // The same expiry as assertTemporaryPasswordValid, checked again in the update itself.
  const validSince = new Date(Date.now() - temporaryPasswordValidityMs(options.pool));
  const saved = await setPassword(deps.db, {
    poolId: options.pool.id, userId: options.userId, password, status: "CONFIRMED", clearLockout: false, endSessions: false,
    onlyIf: { status: "FORCE_CHANGE_PASSWORD", OR: [{ passwordSetAt: null }, { passwordSetAt: { gt: validSince } }] },
  });
  if (!saved) throw signInExpired();
}

const expiredCode = () => new AppError("ExpiredCodeException", "That code has expired. Request a new code.", { field: "code" });
const signInExpired = () => new AppError("NotAuthorizedException", "This sign-in has expired. Sign in again.");

/** The stored username the SRP verifier hashes (USER_ID_FOR_SRP), where only the user id is known; null once deleted. */
async function usernameOf(db: Db, pool: Pool, userId: string): Promise<string | null> {
  return findPoolUsername(db, { poolId: pool.id, userId });
}
