// An admin creates a user (Cognito's AdminCreateUser): with a temporary password the user must
// change at first sign-in (generated when none is given, optionally sent in an invitation), or
// with a permanent password (the first-admin set-up and imports), or with a password hash from
// another system (CONFIRMED; replaced by ours at their first sign-in).
import { randomInt, randomUUID } from "node:crypto";
import type { AuditIn } from "../../audit/audit.ts";
import type { Db, Tx } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Sender } from "../../messaging/sender.ts";
import { renderInvitation } from "../../messaging/templates.ts";
import { messageLocale } from "../../i18n/message-locale.ts";

import { sendUserMessage } from "../../messaging/send-user-message.ts";
import type { PasswordPolicy } from "../../pools/config-schema.ts";
import { usernameIsChosen, type Pool } from "../../pools/pool.ts";
import { assertPasswordMeetsPolicy } from "../../users/assert-password-meets-policy.ts";
import { insertUser } from "../../users/insert-user.ts";
import { newUsername } from "../../users/new-user-rules.ts";
import { computePasswordRecord, importedPasswordRecord } from "../../users/password-record.ts";
import { temporaryPasswordExpiresAt } from "../../users/temporary-password.ts";
import { deliveryAddress, type UserRow } from "../../users/user.ts";
import { validateAttributes } from "../../users/validate-attributes.ts";
import type { Secrets } from "../../security/secrets.ts";
import { findGroupsByName } from "../groups.queries.ts";
import { NO_TRIGGER_CONTEXT, runPreSignUp, type TriggerContext } from "../../triggers/sign-up-triggers.ts";

export type CreateUserOptions = {
  pool: Pool;
  username?: string | undefined;
  attributes: Record<string, string>;
  /** A permanent password makes the user CONFIRMED; otherwise FORCE_CHANGE_PASSWORD. */
  password?: { value: string; permanent: boolean } | undefined;
  /**
   * Instead of a password: a hash from another system, parsed by PasswordHashInputSchema. The user
   * is CONFIRMED and signs in with their old password (no temporary password, no invitation).
   */
  passwordHash?: string | undefined;
  groups?: string[] | undefined;
  sendInvitation?: boolean | undefined;
  /** Where the invitation goes (Cognito's DesiredDeliveryMediums); by default the email, else the phone. */
  deliverVia?: readonly DeliveryMedium[] | undefined;
  signInUrl?: string | null | undefined;
  /** For the pre sign-up trigger (PreSignUp_AdminCreateUser): AdminCreateUser's ValidationData and ClientMetadata. */
  trigger?: TriggerContext | undefined;
  /** Runs first in the insert's transaction: a rule that must still hold when the user is inserted (the first admin's). */
  first?: ((tx: Tx) => Promise<void>) | undefined;
  /** Writes the change's audit row in the insert's transaction. */
  audit?: AuditIn | undefined;
};

export type DeliveryMedium = "EMAIL" | "SMS";

export type CreatedUser = { user: UserRow; temporaryPassword: string | null; invitationSentTo: string | null };

export async function createUser(deps: { db: Db; sender: Sender; secrets: Secrets; log: (line: string) => void }, options: CreateUserOptions): Promise<CreatedUser> {
  const { pool } = options;
  const attrs = validateAttributes(pool, options.attributes, { enforceRequired: true });
  const id = randomUUID();
  // Email/phone pools: the sign-in name is the email or phone; the username is generated.
  const username = newUsername(pool, { creator: "admin", requested: options.username, id, attributes: attrs });
  if (options.password && options.passwordHash) throw new AppError("InvalidParameterException", "Give a password or a passwordHash, not both.", { field: "passwordHash" });
  const imported = options.passwordHash;
  // A user brought in with their hash keeps the password they had: the pool's policy is not theirs to meet now.
  const permanent = (options.password?.permanent ?? false) || !!imported;
  const password = imported ? null : (options.password?.value ?? generateTemporaryPassword(pool.passwordPolicy));
  if (password !== null) assertPasswordMeetsPolicy(pool, password);
  // Before anything is written: a refusal leaves nothing half-made. An admin's user is never
  // auto-confirmed by the trigger (they still have a temporary password to change), as in Cognito.
  await runPreSignUp(deps, { pool, source: "PreSignUp_AdminCreateUser", userName: username, attributes: options.attributes, context: options.trigger ?? NO_TRIGGER_CONTEXT });
  const record = password === null
    ? importedPasswordRecord({ passwordHash: imported! })
    : await computePasswordRecord({ poolId: pool.id, username, secrets: deps.secrets, password });

  const { user } = await insertUser(deps.db, {
    pool, creator: "admin", id, username, attributes: attrs, password: record, status: permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
    groupIds: (tx) => resolveGroupIds(tx, pool.id, options.groups ?? []),
    ...(options.first ? { first: options.first } : {}),
    ...(options.audit ? { inTransaction: (tx: Tx, created: UserRow) => options.audit!(tx, { user: created }) } : {}),
  });

  let invitationSentTo: string | null = null;
  if (options.sendInvitation && !permanent && password !== null) {
    const to = invitationAddress(user, options.deliverVia);
    if (to) {
      const shownName = user.email && !usernameIsChosen(pool) ? user.email : user.username;
      const text = renderInvitation({ locale: messageLocale({ user, pool }), poolName: pool.name, username: shownName, temporaryPassword: password, signInUrl: options.signInUrl ?? null, validityDays: pool.passwordPolicy.temporaryPasswordValidityDays });
      await sendUserMessage(deps, { pool, user, to, kind: "AdminCreateUser", text, code: password, username: shownName, expiresAt: temporaryPasswordExpiresAt(pool, user) });
      invitationSentTo = to;
    }
  }
  return { user, temporaryPassword: permanent ? null : password, invitationSentTo };
}

/** Where an invitation goes: the first medium asked for that the user has an address for, or by default the email, else the phone. */
export function invitationAddress(user: Pick<UserRow, "email" | "phoneNumber">, deliverVia?: readonly DeliveryMedium[]): string | null {
  if (!deliverVia?.length) return deliveryAddress(user);
  if (deliverVia.includes("EMAIL") && user.email) return user.email;
  if (deliverVia.includes("SMS") && user.phoneNumber) return user.phoneNumber;
  return null;
}

export async function resolveGroupIds(db: Tx, poolId: string, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const groups = await findGroupsByName(db, poolId, names);
  const missing = names.filter((name) => !groups.some((g) => g.name === name));
  if (missing.length) throw new AppError("ResourceNotFoundException", `Group ${missing.join(", ")} does not exist in this pool.`, { field: "groups" });
  return groups.map((g) => g.id);
}

/** A password that meets the policy: at least 12 characters with every character class. */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const sets = ["abcdefghijkmnopqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "!#%+=?@"];
  const all = sets.join("");
  const length = Math.max(12, policy.minLength);
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
