// The user migration trigger, as Cognito's: a password sign-in (UserMigration_Authentication) or a
// forgot password (UserMigration_ForgotPassword) for a name with no account asks the trigger, which
// may answer the user's attributes from a legacy store; the user is then created here, through
// insertUser (its clash rules and locks), with the password just checked by the trigger, so the
// same request goes on to sign them in or send their reset code. Two racing first sign-ins make
// one account: the second insert finds the name taken and the caller signs in against it.
//
// The rest of the answer as Cognito reads it: `messageAction` SUPPRESS skips the welcome message
// a migrated user otherwise gets (on `desiredDeliveryMediums`, EMAIL by default), and
// `forceAliasCreation` moves an email or phone number another user holds as an alias to the
// migrated user (the other user can no longer sign in with it) instead of refusing the migration.
import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import type { UserRow } from "../users/user.ts";
import { updateUserCountIf } from "../users/user.queries.ts";
import { cognitoEvent } from "./events.ts";
import { createMigratedUser, type Migration } from "../migration/create-migrated-user.ts";
import type { SplitAttributes } from "../users/validate-attributes.ts";
import { afterAnswer } from "../messaging/after-answer.ts";
import { renderWelcome } from "../messaging/templates.ts";
import { messageLocale } from "../i18n/message-locale.ts";
import type { Locale } from "../i18n/locales.ts";
import type { Sender } from "../messaging/sender.ts";
import type { Tx } from "../db/client.ts";
import { invokeTrigger, triggerFailed, type TriggerDeps } from "./invoke.ts";
import type { TriggerContext } from "./sign-up-triggers.ts";

export type { Migration };

type MigrationResponse = {
  userAttributes?: unknown; finalUserStatus?: unknown; messageAction?: unknown; desiredDeliveryMediums?: unknown; forceAliasCreation?: unknown;
};

export async function migrateUser(
  deps: TriggerDeps & { secrets: Secrets; sender: Sender; requestLocale?: Locale | undefined },
  options: { pool: Pool; source: "UserMigration_Authentication" | "UserMigration_ForgotPassword"; login: string; password: string | null; context: TriggerContext },
): Promise<Migration> {
  const { pool, login, context } = options;
  if (!pool.triggers.userMigration) return { kind: "none" };
  const request: Record<string, unknown> = {
    ...(options.password !== null ? { password: options.password } : {}),
    validationData: context.validationData ?? {},
    ...(context.clientMetadata ? { clientMetadata: context.clientMetadata } : {}),
  };
  const answered = await invokeTrigger(deps, pool, "userMigration", cognitoEvent(pool, {
    triggerSource: options.source, userName: login, clientId: context.clientId, request,
    response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null } as MigrationResponse,
  }));
  const response = (answered?.response ?? {});
  // No attributes: the legacy store does not know the name (the caller answers as for any unknown name).
  if (response.userAttributes === null || response.userAttributes === undefined) return { kind: "none" };
  const attributes = stringMap(response.userAttributes);
  const status = migratedStatus(options.source, response.finalUserStatus);
  if (response.messageAction !== null && response.messageAction !== undefined && response.messageAction !== "SUPPRESS" && response.messageAction !== "RESEND") {
    throw triggerFailed("userMigration", "messageAction must be SUPPRESS or RESEND");
  }
  const mediums = deliveryMediums(response.desiredDeliveryMediums);
  if (response.forceAliasCreation !== null && response.forceAliasCreation !== undefined && typeof response.forceAliasCreation !== "boolean") {
    throw triggerFailed("userMigration", "forceAliasCreation must be true or false");
  }

  const migration = await createMigratedUser(deps, {
    pool, login, attributes, enforceRequired: true,
    password: status === "CONFIRMED" ? options.password : null,
    status: status === "CONFIRMED" && options.password !== null ? "CONFIRMED" : "RESET_REQUIRED",
    // A migrated user must come with valid attributes, as Cognito requires.
    invalid: (message) => triggerFailed("userMigration", message),
    ...(response.forceAliasCreation === true ? { releaseAlias: (tx: Tx, field: "email" | "phone_number", split: SplitAttributes) => releaseAlias(tx, pool, field, split) } : {}),
  });
  if (migration.kind !== "migrated") return migration;
  const { user } = migration;
  if (response.messageAction !== "SUPPRESS") sendWelcome(deps, pool, user, mediums);
  return { kind: "migrated", user };
}

/** desiredDeliveryMediums: EMAIL and/or SMS; EMAIL when not given, as Cognito. */
function deliveryMediums(value: unknown): ("EMAIL" | "SMS")[] {
  if (value === null || value === undefined) return ["EMAIL"];
  if (!Array.isArray(value) || value.length === 0 || value.some((m) => m !== "EMAIL" && m !== "SMS")) {
    throw triggerFailed("userMigration", "desiredDeliveryMediums must be a list of EMAIL and SMS");
  }
  return [...new Set(value as ("EMAIL" | "SMS")[])];
}

/**
 * Takes an alias from the users who hold it: where users have usernames, their address stays but is
 * no longer verified (an unverified address is not an alias); where the address is the sign-in
 * name itself, it is removed from them.
 */
async function releaseAlias(db: Tx, pool: Pool, field: "email" | "phone_number", attrs: { email: string | null; phoneNumber: string | null }) {
  const keepAddress = usernameIsChosen(pool);
  if (field === "email" && attrs.email) {
    await updateUserCountIf(db, { poolId: pool.id, emailKey: attrs.email.toLowerCase() }, keepAddress ? { emailVerified: false } : { email: null, emailKey: null, emailVerified: false });
  } else if (field === "phone_number" && attrs.phoneNumber) {
    await updateUserCountIf(db, { poolId: pool.id, phoneNumber: attrs.phoneNumber }, keepAddress ? { phoneVerified: false } : { phoneNumber: null, phoneVerified: false });
  }
}

/** The welcome a migrated user gets unless the trigger suppressed it, after the answer (as codes are sent). */
function sendWelcome(deps: TriggerDeps & { sender: Sender; requestLocale?: Locale | undefined }, pool: Pool, user: UserRow, mediums: ("EMAIL" | "SMS")[]) {
  const to = mediums.flatMap((m) => (m === "EMAIL" ? (user.email ? [user.email] : []) : user.phoneNumber ? [user.phoneNumber] : []));
  const text = renderWelcome({
    locale: messageLocale({ user, requestLocale: deps.requestLocale, pool }), poolName: pool.name,
    name: user.email ?? user.phoneNumber ?? user.username, mustReset: user.status !== "CONFIRMED",
  });
  for (const address of to) {
    afterAnswer(deps.log, `welcome message for migrated user ${user.id}`, () => deps.sender.send({ poolId: pool.id, to: address, ...text }));
  }
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw triggerFailed("userMigration", "userAttributes must be an object of strings");
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (name === "username") continue; // the name the user typed is the username; Lambda code often echoes it
    if (typeof v !== "string") throw triggerFailed("userMigration", `Attribute ${name} must be a string`);
    out[name] = v;
  }
  return out;
}

/** The migrated user's status: CONFIRMED (sign-in only) or RESET_REQUIRED; a forgot password always resets. */
function migratedStatus(source: string, finalUserStatus: unknown): "CONFIRMED" | "RESET_REQUIRED" {
  if (finalUserStatus !== null && finalUserStatus !== undefined && finalUserStatus !== "CONFIRMED" && finalUserStatus !== "RESET_REQUIRED") {
    throw triggerFailed("userMigration", "finalUserStatus must be CONFIRMED or RESET_REQUIRED");
  }
  if (source === "UserMigration_ForgotPassword") return "RESET_REQUIRED";
  return finalUserStatus === "RESET_REQUIRED" ? "RESET_REQUIRED" : "CONFIRMED";
}
