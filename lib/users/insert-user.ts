// Inserts a user: every way a user comes to exist (sign-up, admin create, the first admin, the
// config file) ends here, so the clash rules (new-user-rules.ts), the locks that make them hold
// under racing requests, and the columns a new user gets are the same for all of them.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { clashRules, insertLockKeys, type ClashRule, type UserCreator } from "./new-user-rules.ts";
import { passwordColumns, type PasswordRecord } from "./password-record.ts";
import type { UserRow, UserStatus } from "./user.ts";
import { emailTaken, insertUserRow, lockName, phoneNumberTaken, usernameTaken } from "./user.queries.ts";
import type { SplitAttributes } from "./validate-attributes.ts";

export type InsertUserOptions<T> = {
  pool: Pool;
  creator: UserCreator;
  /** The user's sub; generated when not given (email/phone pools use it as the username too). */
  id?: string;
  /** Already checked by newUsername (new-user-rules.ts). */
  username: string;
  attributes: SplitAttributes;
  /** Null for a user who must reset their password before signing in (RESET_REQUIRED). */
  password: PasswordRecord | null;
  status: UserStatus;
  enabled?: boolean;
  /** Runs first in the insert's transaction: a check that must still hold when the user is inserted, or a write that must come before it. */
  first?: (tx: Tx) => Promise<void>;
  /** Groups to join, resolved inside the transaction after the clash checks. */
  groupIds?: (tx: Tx) => Promise<string[]>;
  /** Runs in the insert's transaction, so what it writes commits with the user or not at all. */
  inTransaction?: (tx: Tx, user: UserRow) => Promise<T>;
};

/**
 * One transaction: `first`, lock the new names, refuse a clash, insert, then `inTransaction`.
 * What must share the transaction comes in through those hooks.
 */
export async function insertUser<T = undefined>(db: Tx, options: InsertUserOptions<T>): Promise<{ user: UserRow; after: T | undefined }> {
  const { pool, attributes: attrs, username } = options;
  const id = options.id ?? randomUUID();
  return db.$transaction(async (tx) => {
    await options.first?.(tx);
    const names = { username, email: attrs.email, phoneNumber: attrs.phoneNumber };
    await assertNamesFree(tx, { poolId: pool.id, rules: clashRules(pool, options.creator), names });
    const groupIds = options.groupIds ? await options.groupIds(tx) : [];
    const user = await insertUserRow(tx, {
      id, poolId: pool.id, username, usernameKey: username.toLowerCase(),
      email: attrs.email, emailKey: attrs.email?.toLowerCase() ?? null, emailVerified: attrs.emailVerified,
      phoneNumber: attrs.phoneNumber, phoneVerified: attrs.phoneVerified, attributes: attrs.other,
      ...passwordColumns(options.password), status: options.status, enabled: options.enabled ?? true,
      ...(groupIds.length ? { groups: { create: groupIds.map((groupId) => ({ groupId })) } } : {}),
    });
    const after = options.inTransaction ? await options.inTransaction(tx, user) : undefined;
    return { user, after };
  });
}

type Names = { username: string | null; email: string | null; phoneNumber: string | null };

/**
 * Inside a transaction: locks the names (insertLockKeys), then refuses the first one `rules` find
 * taken by a user other than `exceptUserId`. The locks hold until the transaction ends, so a
 * racing insert or change of the same name waits and then sees this one.
 */
export async function assertNamesFree(db: Tx, options: { poolId: string; rules: ClashRule[]; names: Names; exceptUserId?: string }): Promise<void> {
  const { poolId, names } = options;
  for (const key of insertLockKeys(poolId, names)) await lockName(db, key);
  for (const rule of options.rules) {
    if (await isTaken(db, { poolId, rule, names, exceptUserId: options.exceptUserId })) throw new AppError(rule.code, rule.message, { field: rule.field });
  }
}

/** Whether another user of the pool already has the name `rule` checks. */
async function isTaken(db: Tx, options: { poolId: string; rule: ClashRule; names: Names; exceptUserId?: string | undefined }): Promise<boolean> {
  const { poolId, rule, names, exceptUserId } = options;
  switch (rule.field) {
    case "username":
      return !!names.username && (await usernameTaken(db, { poolId, usernameKey: names.username.toLowerCase(), exceptUserId }));
    case "email":
      return !!names.email && (await emailTaken(db, { poolId, emailKey: names.email.toLowerCase(), verifiedOnly: !!rule.verifiedOnly, exceptUserId }));
    case "phone_number":
      return !!names.phoneNumber && (await phoneNumberTaken(db, { poolId, phoneNumber: names.phoneNumber, verifiedOnly: !!rule.verifiedOnly, exceptUserId }));
  }
}
