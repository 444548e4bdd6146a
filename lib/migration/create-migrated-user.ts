// Creates a user who moves in from elsewhere, the one way both sources do it: the user migration
// trigger (lib/triggers/user-migration.ts) and a live Cognito user pool (cognito-source.ts). The
// user is inserted through insertUser, so the clash rules and locks hold: two racing first sign-ins
// make one account, and the second finds the name "taken" (its caller then signs in against it).
// Groups the old pool had are created here if missing (with their precedence, description and role)
// inside the same transaction, so a user never exists without the memberships they came with.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client.ts";
import { isAppError } from "../errors.ts";
import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { ensureGroupId } from "../admin/groups.queries.ts";
import { insertUser } from "../users/insert-user.ts";
import { newUsername } from "../users/new-user-rules.ts";
import { computePasswordRecord, type PasswordRecord } from "../users/password-record.ts";
import type { UserRow, UserStatus } from "../users/user.ts";
import { looksLikeEmail, looksLikePhone } from "../users/username-rules.ts";
import { validateAttributes, type SplitAttributes } from "../users/validate-attributes.ts";
import type { OldGroup } from "./old-pool.ts";

/** What became of the name: a new user, no user (the source did not know them), or an account another request made meanwhile. */
export type Migration = { kind: "migrated"; user: UserRow } | { kind: "none" } | { kind: "taken" };

export type MigratedUser = {
  pool: Pool;
  /** The name the user typed (with email/phone usernames, that address becomes the attribute if missing). */
  login: string;
  /** Where usernames are chosen: the username to keep (the typed name when not given). */
  username?: string;
  attributes: Record<string, string>;
  /** Attributes the source gives but the pool's schema does not check (the recorded old sub). */
  recorded?: Record<string, string>;
  enforceRequired: boolean;
  status: UserStatus;
  /** The password as typed (hashed here) or already hashed; null for none (RESET_REQUIRED, or a pre-imported user). */
  password: string | PasswordRecord | null;
  /** The sub to give the user (kept from the old pool); a fresh one when not given. */
  id?: string;
  enabled?: boolean;
  groups?: OldGroup[];
  /** Makes the error for attributes the pool refuses (the trigger names itself in it). */
  invalid?: (message: string) => Error;
  /** Runs where an alias the user brings is held by someone else, inside a transaction, before a second insert (the trigger's forceAliasCreation). */
  releaseAlias?: (tx: Tx, field: "email" | "phone_number", attributes: SplitAttributes) => Promise<void>;
};

export async function createMigratedUser(deps: { db: Db; secrets: Pick<Secrets, "encrypt"> }, options: MigratedUser): Promise<Migration> {
  const { pool, login } = options;
  const attributes = { ...options.attributes };
  const chosen = usernameIsChosen(pool);
  if (!chosen && pool.signInAliases.includes("email") && looksLikeEmail(login)) attributes.email ??= login;
  else if (!chosen && pool.signInAliases.includes("phone") && looksLikePhone(login)) attributes.phone_number ??= login;
  const id = options.id ?? randomUUID();
  let username: string;
  let split: SplitAttributes;
  try {
    split = validateAttributes(pool, attributes, { enforceRequired: options.enforceRequired });
    username = newUsername(pool, { creator: "admin", requested: chosen ? options.username ?? login : undefined, id, attributes: split });
  } catch (error) {
    if (isAppError(error) && options.invalid) throw options.invalid(error.message);
    throw error;
  }
  if (options.recorded) split = { ...split, other: { ...split.other, ...options.recorded } };
  const password = typeof options.password === "string"
    ? await computePasswordRecord({ poolId: pool.id, username, secrets: deps.secrets, password: options.password })
    : options.password;
  const groupIds = options.groups?.length ? (tx: Tx) => ensureGroups(tx, pool.id, options.groups!) : undefined;
  const insert = (creator: "admin" | "config", first?: (tx: Tx) => Promise<void>) => insertUser(deps.db, {
    pool, creator, id, username, attributes: split, password, status: options.status, enabled: options.enabled ?? true, ...(groupIds ? { groupIds } : {}),
    ...(first ? { first } : {}),
  });
  try {
    return { kind: "migrated", user: (await insert("admin")).user };
  } catch (error) {
    const aliasTaken = isAppError(error) && error.code === "AliasExistsException" && (error.field === "email" || error.field === "phone_number");
    if (aliasTaken && options.releaseAlias) {
      const release = options.releaseAlias;
      // The alias moves: the other holder loses it, then the user is inserted with the username check alone.
      try {
        const field = error.field;
        const { user } = await insert("config", (tx) => release(tx, field, split));
        return { kind: "migrated", user };
      } catch (retry) {
        if (isAppError(retry) && retry.code === "UsernameExistsException") return { kind: "taken" };
        throw retry;
      }
    }
    if (isAppError(error) && (error.code === "UsernameExistsException" || error.code === "AliasExistsException")) return { kind: "taken" };
    throw error;
  }
}

/**
 * The ids of the pool's groups of these names, creating the missing ones as the old pool had them.
 * Existing groups keep their settings: the pool's own edits win over the old pool's.
 */
export async function ensureGroups(db: Tx, poolId: string, groups: OldGroup[]): Promise<string[]> {
  const ids: string[] = [];
  for (const group of groups) {
    ids.push(await ensureGroupId(db, { poolId, name: group.name, description: group.description, precedence: group.precedence, roleArn: group.roleArn }));
  }
  return ids;
}
