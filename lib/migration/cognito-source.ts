// Users move in from a live Cognito user pool (the pool's `migrateFrom`) without a password reset.
// A password sign-in for a name with no account here is tried at the old pool (InitiateAuth
// USER_PASSWORD_AUTH); when the old pool takes the password, the user is created here with it, their
// attributes and their groups (createMigratedUser), and the sign-in goes on as any other. A user
// imported ahead of time (scripts/import-cognito.ts) has no password yet: their first password
// sign-in is checked at the old pool the same way and the password is stored on success.
//
// What the user is given:
// - `sub`: the old pool's sub, so tokens keep the same subject for the apps; a fresh one only if
//   that id is already a user here (the same Gatehouse standing in for the old pool, or the old pool
//   moved into two pools). The old sub is also recorded as the `custom:cognito_sub` attribute.
// - status: CONFIRMED with the password typed; FORCE_CHANGE_PASSWORD when the old pool had a
//   temporary password (the typed one stays temporary: NEW_PASSWORD_REQUIRED follows here);
//   UNCONFIRMED when not confirmed there; RESET_REQUIRED, without a password, when the old pool
//   wants a reset or the user only asked for one (forgot password).
// - attributes: the standard ones, and the custom ones this pool declares (others are dropped);
//   groups with the old precedence, description and role ARN (existing groups here are kept as they are).
// - never MFA settings or refresh tokens (Cognito cannot export them): this pool's MFA rules apply
//   from the next sign-in. A second factor the old pool asks for is passed through once.
//
// A wrong password, an unknown or a disabled name there: "none", which the caller answers exactly
// as for any unknown name (and counts toward the name's lockout).
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { isStandardAttribute } from "../pools/attributes.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { computePasswordRecord, passwordColumns } from "../users/password-record.ts";
import type { UserRow, UserStatus } from "../users/user.ts";
import { findPoolUser, updateUserIf } from "../users/user.queries.ts";
import { userIdTaken } from "./migration.queries.ts";
import { createMigratedUser, type Migration } from "./create-migrated-user.ts";
import { OldPoolError, oldPoolOf, type OldPool, type OldSignIn, type OldUser, type PassedChallenge } from "./old-pool.ts";

/** Where the old sub is recorded on a migrated user. */
export const OLD_SUB_ATTRIBUTE = "custom:cognito_sub";

export type SourceDeps = { db: Db; secrets: Pick<Secrets, "encrypt" | "decrypt">; log: (line: string) => void };

/** A second factor the old pool asks for: what the flow keeps (sealed) until the user's code comes. */
export type OldPoolChallenge = {
  challengeName: PassedChallenge;
  /** The old pool's Session for RespondToAuthChallenge. */
  session: string;
  /** The old pool's username. */
  username: string;
  /** The name typed. */
  login: string;
  /** The password typed, sealed with GATEHOUSE_SECRET: it becomes the user's once the code is right. */
  passwordEnc: string;
  /** A user imported ahead of time whose password this is; null: the user is created. */
  userId: string | null;
  /** Where the old pool sent an SMS or email code, masked by it. */
  destination: string | null;
};

export type CognitoMigration = Migration | { kind: "challenge"; challenge: OldPoolChallenge };

/** The generic failure a user sees when the old pool cannot be asked; the log has the reason. */
function unreachable(deps: SourceDeps, error: unknown): never {
  if (!(error instanceof OldPoolError)) throw error;
  deps.log(`migrateFrom: ${error.message}`);
  throw new AppError("InternalErrorException", "An unexpected error occurred.");
}

function oldPool(deps: SourceDeps, pool: Pool): OldPool {
  if (!pool.migrateFrom) throw new Error("the pool has no migrateFrom");
  return oldPoolOf(pool.migrateFrom, deps.secrets);
}

/** A password sign-in of a name with no account here. */
export async function migrateOnSignIn(deps: SourceDeps, options: { pool: Pool; login: string; password: string }): Promise<CognitoMigration> {
  const { pool, login, password } = options;
  try {
    const old = oldPool(deps, pool);
    const answer = await old.signIn(login, password);
    return await settle(deps, { pool, old, login, password, answer, userId: null });
  } catch (error) {
    return unreachable(deps, error);
  }
}

/** A forgot password of a name with no account here: the old pool's user comes in RESET_REQUIRED, without a password. */
export async function migrateOnForgotPassword(deps: SourceDeps, options: { pool: Pool; login: string }): Promise<Migration> {
  try {
    const found = await oldPool(deps, options.pool).getUser(options.login);
    if (!found) return { kind: "none" };
    return await create(deps, { pool: options.pool, old: oldPool(deps, options.pool), login: options.login, found, status: "RESET_REQUIRED", password: null });
  } catch (error) {
    return unreachable(deps, error);
  }
}

/**
 * A user imported ahead of time, without a password: the password typed is checked at the old pool
 * and, when right, stored. "refused" is a wrong password (the caller counts it on the account).
 * Only a user who came from the old pool (its sub recorded) is checked there, and only against that
 * same old user: an account made here without a password (a passkey-only sign-up) whose name an old
 * user happens to share never gets that user's password.
 */
export async function adoptOldPassword(
  deps: SourceDeps, options: { pool: Pool; user: UserRow; login: string; password: string },
): Promise<{ kind: "adopted"; user: UserRow } | { kind: "refused" } | { kind: "challenge"; challenge: OldPoolChallenge }> {
  const { pool, user, login, password } = options;
  const recordedSub = (user.attributes as Record<string, unknown>)[OLD_SUB_ATTRIBUTE];
  if (typeof recordedSub !== "string") return { kind: "refused" };
  let answer: OldSignIn;
  try {
    const old = oldPool(deps, pool);
    answer = await old.signIn(login, password);
    if (answer.kind !== "refused" && answer.kind !== "reset-required") {
      const same = await old.getUser("username" in answer ? answer.username : login);
      if (same?.attributes.sub !== recordedSub) return { kind: "refused" };
    }
  } catch (error) {
    return unreachable(deps, error);
  }
  switch (answer.kind) {
    case "ok": case "unconfirmed": case "new-password": {
      const stored = await storePassword(deps, pool, user, password);
      return stored ? { kind: "adopted", user: stored } : { kind: "refused" };
    }
    case "challenge":
      return { kind: "challenge", challenge: passed(deps, answer, login, password, user.id) };
    case "reset-required": case "refused":
      return { kind: "refused" };
  }
}

/**
 * The user's code for the old pool's challenge, forwarded once. Right: the user is created (or the
 * imported user gets the password) as after a plain sign-in. Wrong: "refused", which the caller
 * answers as a wrong code.
 */
export async function answerOldPoolChallenge(deps: SourceDeps, options: { pool: Pool; challenge: OldPoolChallenge; code: string }): Promise<Migration | { kind: "refused" }> {
  const { pool, challenge } = options;
  const password = deps.secrets.decrypt(challenge.passwordEnc);
  try {
    const old = oldPool(deps, pool);
    const answer = await old.respond({ username: challenge.username, challengeName: challenge.challengeName, session: challenge.session, code: options.code });
    if (answer.kind === "refused") return { kind: "refused" };
    if (answer.kind === "challenge") throw new OldPoolError(`Cognito user pool ${pool.migrateFrom?.userPoolId}: asked for ${answer.challengeName} again after a second factor`);
    if (challenge.userId) {
      const user = await findPoolUser(deps.db, { poolId: pool.id, userId: challenge.userId });
      const stored = user ? await storePassword(deps, pool, user, password) : null;
      return stored ? { kind: "migrated", user: stored } : { kind: "taken" };
    }
    const settled = await settle(deps, { pool, old, login: challenge.login, password, answer, userId: null });
    return settled.kind === "challenge" ? { kind: "none" } : settled;
  } catch (error) {
    return unreachable(deps, error);
  }
}

function passed(deps: SourceDeps, answer: Extract<OldSignIn, { kind: "challenge" }>, login: string, password: string, userId: string | null): OldPoolChallenge {
  return {
    challengeName: answer.challengeName, session: answer.session, username: answer.username, login,
    passwordEnc: deps.secrets.encrypt(password), userId, destination: answer.destination,
  };
}

async function settle(
  deps: SourceDeps, options: { pool: Pool; old: OldPool; login: string; password: string; answer: OldSignIn; userId: null },
): Promise<CognitoMigration> {
  const { pool, old, login, password, answer } = options;
  switch (answer.kind) {
    case "refused":
      return { kind: "none" };
    case "challenge":
      return { kind: "challenge", challenge: passed(deps, answer, login, password, null) };
    case "ok": case "new-password": {
      const found = await old.getUser(answer.username);
      if (!found) return { kind: "none" };
      return create(deps, { pool, old, login, found, status: answer.kind === "ok" ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD", password });
    }
    case "unconfirmed": {
      const found = await old.getUser(login);
      if (!found) return { kind: "none" };
      return create(deps, { pool, old, login, found, status: "UNCONFIRMED", password });
    }
    case "reset-required": {
      const found = await old.getUser(login);
      if (!found) return { kind: "none" };
      return create(deps, { pool, old, login, found, status: "RESET_REQUIRED", password: null });
    }
  }
}

async function create(
  deps: SourceDeps, options: { pool: Pool; old: OldPool; login: string; found: OldUser; status: UserStatus; password: string | null },
): Promise<Migration> {
  const { pool, found } = options;
  const sub = found.attributes.sub;
  const groups = await options.old.groupsOf(found.username);
  const idFree = !!sub && !(await userIdTaken(deps.db, { userId: sub }));
  const made = await createMigratedUser(deps, {
    pool, login: options.login, username: found.username, attributes: keptAttributes(pool, found.attributes),
    ...(sub ? { recorded: { [OLD_SUB_ATTRIBUTE]: sub } } : {}), ...(idFree ? { id: sub } : {}),
    // The old pool had them as they are; this pool's required attributes apply to new sign-ups.
    enforceRequired: false,
    status: options.status, password: options.password, enabled: found.enabled, groups,
  });
  if (made.kind === "migrated") deps.log(`migrateFrom: ${found.username} moved in from ${pool.migrateFrom?.userPoolId} to ${pool.id} (${options.status}${idFree ? ", same sub" : ", new sub: the old one is taken here"})`);
  return made;
}

/** The attributes this pool can hold: the standard ones (sub aside) and the custom ones it declares. */
export function keptAttributes(pool: Pool, attributes: Record<string, string>): Record<string, string> {
  const declared = new Set(pool.customAttributes.map((a) => `custom:${a.name}`));
  return Object.fromEntries(Object.entries(attributes).filter(([name]) =>
    name !== "sub" && name !== OLD_SUB_ATTRIBUTE && (isStandardAttribute(name) || name === "email_verified" || name === "phone_number_verified" || declared.has(name))));
}

/** Stores a password for a user who has none yet (a password set meanwhile wins). */
async function storePassword(deps: SourceDeps, pool: Pool, user: UserRow, password: string): Promise<UserRow | null> {
  const record = await computePasswordRecord({ poolId: pool.id, username: user.username, secrets: deps.secrets, password });
  return updateUserIf(deps.db, { id: user.id, poolId: pool.id, passwordHash: null }, passwordColumns(record));
}
