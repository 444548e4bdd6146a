// The user migration trigger, as Cognito's: a password sign-in (UserMigration_Authentication) or a
// forgot password (UserMigration_ForgotPassword) for a name with no account asks the trigger, which
// may answer the user's attributes from a legacy store; the user is then created here, through
// insertUser (its clash rules and locks), with the password just checked by the trigger, so the
// same request goes on to sign them in or send their reset code. Two racing first sign-ins make
// one account: the second insert finds the name taken and the caller signs in against it.
import { randomUUID } from "node:crypto";
import { isAppError } from "../errors.ts";
import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { insertUser } from "../users/insert-user.ts";
import { newUsername } from "../users/new-user-rules.ts";
import { computePasswordRecord } from "../users/password-record.ts";
import type { UserRow } from "../users/user.ts";
import { looksLikeEmail, looksLikePhone } from "../users/username-rules.ts";
import { validateAttributes } from "../users/validate-attributes.ts";
import { cognitoEvent } from "./events.ts";
import { invokeTrigger, triggerFailed, type TriggerDeps } from "./invoke.ts";
import type { TriggerContext } from "./sign-up-triggers.ts";

/** What became of the name: a new user, no user (the trigger did not know them), or an account another request made meanwhile. */
export type Migration = { kind: "migrated"; user: UserRow } | { kind: "none" } | { kind: "taken" };

type MigrationResponse = {
  userAttributes?: unknown; finalUserStatus?: unknown; messageAction?: unknown; desiredDeliveryMediums?: unknown; forceAliasCreation?: unknown;
};

export async function migrateUser(
  deps: TriggerDeps & { secrets: Secrets },
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
  const response = (answered?.response ?? {}) as MigrationResponse;
  // No attributes: the legacy store does not know the name (the caller answers as for any unknown name).
  if (response.userAttributes === null || response.userAttributes === undefined) return { kind: "none" };
  const attributes = stringMap(response.userAttributes);
  const status = migratedStatus(options.source, response.finalUserStatus);
  if (response.messageAction !== null && response.messageAction !== undefined && response.messageAction !== "SUPPRESS" && response.messageAction !== "RESEND") {
    throw triggerFailed("userMigration", "messageAction must be SUPPRESS or RESEND");
  }

  // Where the email (phone) is the sign-in name, the name typed is that address.
  const chosen = usernameIsChosen(pool);
  if (!chosen && pool.signInAliases.includes("email") && looksLikeEmail(login)) attributes.email ??= login;
  else if (!chosen && pool.signInAliases.includes("phone") && looksLikePhone(login)) attributes.phone_number ??= login;
  const id = randomUUID();
  let username: string;
  let split;
  try {
    split = validateAttributes(pool, attributes, { enforceRequired: true });
    username = newUsername(pool, { creator: "admin", requested: chosen ? login : undefined, id, attributes: split });
  } catch (error) {
    // A migrated user must come with valid attributes, as Cognito requires.
    if (isAppError(error)) throw triggerFailed("userMigration", error.message);
    throw error;
  }
  const password = status === "CONFIRMED" && options.password !== null
    ? await computePasswordRecord({ poolId: pool.id, username, secrets: deps.secrets, password: options.password })
    : null;
  try {
    const { user } = await insertUser(deps.db, { pool, creator: "admin", id, username, attributes: split, password, status: password ? "CONFIRMED" : "RESET_REQUIRED" });
    return { kind: "migrated", user };
  } catch (error) {
    if (isAppError(error) && (error.code === "UsernameExistsException" || error.code === "AliasExistsException")) return { kind: "taken" };
    throw error;
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
