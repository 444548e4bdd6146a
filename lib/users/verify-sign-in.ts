// The password step of sign-in and the lockout every step shares. Unknown user and wrong password
// give the same answer; after five failures in a row (passwords and MFA codes alike) a user is
// locked out, for 30 seconds and then twice as long each time (up to 15 minutes), as Cognito does.
// A name that matches no account locks the same way (its failures are kept in the shared counters,
// for a day), and a locked sign-in still verifies the password, so neither the answer nor its
// timing tells a locked account from a name nobody has. A password is checked against whatever
// hash the user has (ours, or one imported from another system: verify-stored-password.ts), and a
// hash that is not ours is replaced at that sign-in by ours and an SRP verifier.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { clearUserFailures, findPoolUser, incrementFailedAttempts, lockUserUntil, updateUserCountIf } from "./user.queries.ts";
import { hashPassword } from "../security/passwords.ts";
import { verifyStoredPassword, type StoredPasswordVerdict } from "../security/verify-stored-password.ts";
import type { Counters } from "../security/rate-limit.ts";
import type { Secrets } from "../security/secrets.ts";
import { normaliseLogin } from "./codes.ts";
import { findUserByLogin } from "./find-user.ts";
import { computeSealedVerifier, openSrpVerifier } from "./password-record.ts";
import { createHmac } from "node:crypto";
import { usernameIsChosen } from "../pools/pool.ts";
import { createDecoyVerifier, isValidClientPublic, startServerSession, verifyClaim, type SrpVerifier } from "../security/srp.ts";
import { aliasShape } from "./username-rules.ts";
import type { UserRow } from "./user.ts";
import type { Migration } from "../migration/create-migrated-user.ts";
import type { OldPoolChallenge } from "../migration/cognito-source.ts";

export const LOCKOUT_THRESHOLD = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;
/** How long the failures of a name with no account are remembered (an account's, until it signs in). */
const UNKNOWN_NAME_MEMORY_SECONDS = 24 * 3600;

export function lockSeconds(failedAttempts: number): number {
  if (failedAttempts < LOCKOUT_THRESHOLD) return 0;
  return Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failedAttempts - LOCKOUT_THRESHOLD));
}

const WRONG = "Incorrect username or password.";
// Cognito's messages; the hosted UI words them for people (lib/hosted-ui/wording.ts).
const PASSWORD_LOCKED = "Password attempts exceeded";

const locked = (seconds: number, message = PASSWORD_LOCKED) => new AppError("TooManyFailedAttemptsException", message, { retryAfterSeconds: seconds });

function secondsLocked(user: Pick<UserRow, "lockedUntil">): number {
  return user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000) : 0;
}

/** Refuses a user who is locked out, with `message` and how long to wait. */
export function assertNotLocked(user: Pick<UserRow, "lockedUntil">, message = PASSWORD_LOCKED): void {
  const wait = secondsLocked(user);
  if (wait > 0) throw locked(wait, message);
}

/**
 * Counts one failed step of a sign-in (a wrong password or MFA code) toward the user's lockout,
 * and throws `message` if the user is now locked. The count is cleared only when a sign-in
 * completes, so starting a new sign-in after each wrong MFA code gains nothing.
 */
export async function recordFailedAttempt(db: Db, userId: string, message = PASSWORD_LOCKED): Promise<void> {
  const failedAttempts = await incrementFailedAttempts(db, userId);
  const seconds = lockSeconds(failedAttempts);
  if (seconds > 0) {
    await lockUserUntil(db, userId, new Date(Date.now() + seconds * 1000));
    throw locked(seconds, message);
  }
}

/** A sign-in completed: the failures before it no longer count. */
export async function clearFailedAttempts(db: Db, userId: string): Promise<void> {
  await clearUserFailures(db, userId);
}

/** The lockout of a sign-in name that matches no account: a failure count and a lock, both expiring. */
function unknownNameLockout(counters: Counters, pool: Pool, login: string) {
  const name = `${pool.id}:${normaliseLogin(login)}`;
  const failures = `signin-fail:${name}`;
  const lock = `signin-lock:${name}`;
  return {
    async secondsLocked(): Promise<number> {
      const seen = await counters.peek(lock);
      return seen.count > 0 ? seen.resetInSeconds : 0;
    },
    /** As recordFailedAttempt: a failure while not locked counts, and the fifth one locks. */
    async recordFailure(): Promise<void> {
      const { count } = await counters.hit(failures, UNKNOWN_NAME_MEMORY_SECONDS);
      const seconds = lockSeconds(count);
      if (seconds > 0) {
        await counters.hit(lock, seconds);
        throw locked(seconds);
      }
    },
  };
}

/** The old Cognito pool asked for a second factor (lib/migration/cognito-source.ts): passed on to the user once. */
export type PassedOn = { kind: "challenge"; challenge: OldPoolChallenge };

/**
 * What a password sign-in may do around the proof: `beforeProof` runs once the name is looked up
 * and before the proof is judged (the pre authentication trigger), and refuses by throwing.
 */
export type ProofHooks = {
  beforeProof?: ((user: UserRow | null) => Promise<void>) | undefined;
  /**
   * For a name with no account: the migration sources (the live Cognito pool, the user migration
   * trigger), which may create the user with this password ("migrated": signed in without a second
   * check), find the name taken by a racing migration ("taken": the password is then checked against
   * that account as any other), or pass on the old pool's second factor ("challenge").
   */
  migrate?: (() => Promise<Migration | PassedOn>) | undefined;
  /**
   * For an account imported without a password (scripts/import-cognito.ts): the password is checked
   * where the user came from, and stored when right ("adopted"); "refused" is a wrong password.
   */
  adopt?: ((user: UserRow) => Promise<{ kind: "adopted"; user: UserRow } | { kind: "refused" } | PassedOn>) | undefined;
};

export async function verifySignInPassword(
  deps: { db: Db; counters: Counters; secrets: Secrets },
  options: { pool: Pool; login: string; password: string } & ProofHooks,
): Promise<UserRow | PassedOn> {
  let found = await findUserByLogin(deps.db, options.pool, options.login);
  // A locked name is not sent to the legacy store (the lockout answers below), and a refusal from
  // it counts toward the name's lockout as a wrong password does: migration is no way around it.
  const unknown = unknownNameLockout(deps.counters, options.pool, options.login);
  if (!found && options.migrate && (await unknown.secondsLocked()) === 0) {
    let migration: Migration | PassedOn;
    try {
      migration = await options.migrate();
    } catch (error) {
      await unknown.recordFailure();
      throw error;
    }
    if (migration.kind === "challenge") return migration;
    if (migration.kind === "migrated") {
      if (options.beforeProof) await options.beforeProof(migration.user);
      return migration.user;
    }
    if (migration.kind === "taken") found = await findUserByLogin(deps.db, options.pool, options.login);
  }
  if (options.beforeProof) await options.beforeProof(found);
  // An imported account without a password, not locked and enabled: the old pool judges the
  // password; a refusal counts on the account as any wrong password.
  if (found && found.passwordHash === null && options.adopt && secondsLocked(found) === 0 && found.enabled
    && (found.status === "CONFIRMED" || found.status === "UNCONFIRMED" || found.status === "FORCE_CHANGE_PASSWORD")) {
    const adopted = await options.adopt(found);
    if (adopted.kind === "challenge") return adopted;
    const user = found;
    const proved = adopted.kind === "adopted" ? adopted.user : null;
    await judgeKnownUser(deps.db, user, () => proved !== null);
    return proved!;
  }
  let verdict: StoredPasswordVerdict = { ok: false, needsRehash: false };
  const check = async () => (verdict = await verifyStoredPassword(found?.passwordHash, options.password)).ok;
  const user = await judgeProof(deps, { pool: options.pool, login: options.login, user: found, check });
  if (verdict.needsRehash) return replaceImportedHash(deps, options.pool, user, options.password);
  if (user.srpVerifierEnc === null) return { ...user, srpVerifierEnc: await storeMissingVerifier(deps, options.pool, user, options.password) };
  return user;
}

/**
 * The one answer to a sign-in proof (a password, an SRP claim): a lockout, a wrong proof (counted
 * toward the account's lockout, or the typed name's when it has no account), a disabled user, or
 * the user. The proof is checked even when locked (the answer ignores it), so a lockout takes as
 * long as any other answer; a name with no account is checked against nothing for the same reason.
 */
async function judgeProof(
  deps: { db: Db; counters: Counters },
  options: { pool: Pool; login: string; user: UserRow | null; check: () => boolean | Promise<boolean> },
): Promise<UserRow> {
  const { user } = options;
  if (user) await judgeKnownUser(deps.db, user, options.check);
  else {
    const unknown = unknownNameLockout(deps.counters, options.pool, options.login);
    const wait = await unknown.secondsLocked();
    await options.check();
    if (wait > 0) throw locked(wait);
    await unknown.recordFailure();
    throw new AppError("NotAuthorizedException", WRONG);
  }
  if (!user.enabled) throw new AppError("NotAuthorizedException", "User is disabled.");
  return user;
}

/** A known user's proof under the lockout every sign-in step shares. */
async function judgeKnownUser(db: Db, user: UserRow, check: () => boolean | Promise<boolean>): Promise<void> {
  const wait = secondsLocked(user);
  const ok = await check();
  if (wait > 0) throw locked(wait);
  if (!ok) {
    await recordFailedAttempt(db, user.id);
    throw new AppError("NotAuthorizedException", WRONG);
  }
}

/**
 * The password of a known user, under the same lockout: a signed-in user proving their password
 * again (ChangePassword's PreviousPassword, the account page). An imported hash is checked by its
 * format but left for the next sign-in to replace: ChangePassword replaces it anyway, only over
 * the hash it checked.
 */
export async function verifyUserPassword(db: Db, user: UserRow, password: string): Promise<void> {
  await judgeKnownUser(db, user, async () => (await verifyStoredPassword(user.passwordHash, password)).ok);
}

/**
 * A user whose password predates SRP verifiers (an imported hash, a seeded user, an account made
 * before they were stored) gets one now that the password has been seen. Written only while still
 * missing, so a password changed meanwhile keeps the verifier it set.
 */
async function storeMissingVerifier(deps: { db: Db; secrets: Secrets }, pool: Pool, user: UserRow, password: string): Promise<string | null> {
  const sealed = computeSealedVerifier({ poolId: pool.id, username: user.username, secrets: deps.secrets, password });
  const stored = await updateUserCountIf(deps.db, { id: user.id, srpVerifierEnc: null, passwordHash: user.passwordHash }, { srpVerifierEnc: sealed });
  return stored ? sealed : null;
}

/**
 * A hash brought from another system (or argon2id with other parameters) is replaced, once its
 * password has been seen, by our argon2id hash and a fresh SRP verifier together, so SRP sign-in
 * works from now on. Written only over the hash that was checked: a password changed meanwhile
 * keeps what it set. passwordSetAt stays: the password itself has not changed.
 */
async function replaceImportedHash(deps: { db: Db; secrets: Secrets }, pool: Pool, user: UserRow, password: string): Promise<UserRow> {
  const passwordHash = await hashPassword(password);
  const srpVerifierEnc = computeSealedVerifier({ poolId: pool.id, username: user.username, secrets: deps.secrets, password });
  const replaced = await updateUserCountIf(deps.db, { id: user.id, passwordHash: user.passwordHash }, { passwordHash, srpVerifierEnc });
  return replaced ? { ...user, passwordHash, srpVerifierEnc } : user;
}

/** What a PASSWORD_VERIFIER challenge of USER_SRP_AUTH keeps on the server (sealed in the flow's Session). */
export type SrpChallenge = {
  /** The name as typed (an alias or the username), for the lockout of names with no account. */
  login: string;
  userIdForSrp: string;
  A: string;
  /** The server's secret exponent. */
  b: string;
  B: string;
  secretBlock: string;
};

const invalidSrpA = () => new AppError("InvalidParameterException", "SRP_A is not a valid value.");

/**
 * Opens an SRP sign-in: the salt and B for the user a name refers to. A name with no account, or
 * an account with no verifier yet (an imported hash: it gets one at its next password sign-in),
 * gets a decoy salt and verifier, so the challenge looks the same; its claim can never succeed.
 */
export async function startSrpSignIn(
  deps: { db: Db; secrets: Secrets },
  options: { pool: Pool; login: string; A: string },
): Promise<{ user: UserRow | null; challenge: SrpChallenge; salt: string }> {
  if (!isValidClientPublic(options.A)) throw invalidSrpA();
  const user = await findUserByLogin(deps.db, options.pool, options.login);
  const userIdForSrp = user?.username ?? decoyUserIdForSrp(deps.secrets, options.pool, options.login);
  const { salt, verifier } = verifierOf(deps.secrets, options.pool, user, userIdForSrp);
  const server = startServerSession({ verifier });
  return { user, salt, challenge: { login: options.login, userIdForSrp, A: options.A, b: server.b, B: server.B, secretBlock: server.secretBlock } };
}

/**
 * Checks the client's PASSWORD_VERIFIER answer of an SRP sign-in, with the same lockout and the
 * same answers as verifySignInPassword: a locked, an unknown and a wrong sign-in look alike.
 */
export async function verifySrpSignIn(
  deps: { db: Db; counters: Counters; secrets: Secrets },
  options: { pool: Pool; userId: string | null; challenge: SrpChallenge; claim: { secretBlock: string; signature: string; timestamp: string } },
): Promise<UserRow> {
  const { pool, challenge, claim } = options;
  const user = options.userId ? await findPoolUser(deps.db, { poolId: pool.id, userId: options.userId }) : null;
  return judgeProof(deps, {
    pool, login: challenge.login, user,
    check: () => {
      const { salt, verifier } = verifierOf(deps.secrets, pool, user, challenge.userIdForSrp);
      return verifyClaim({
        poolId: pool.id, userIdForSrp: challenge.userIdForSrp, salt, verifier, A: challenge.A, b: challenge.b, B: challenge.B,
        secretBlock: challenge.secretBlock, claimedSecretBlock: claim.secretBlock, timestamp: claim.timestamp, signature: claim.signature,
      }) && !!user?.srpVerifierEnc && user.username === challenge.userIdForSrp;
    },
  });
}

function verifierOf(secrets: Secrets, pool: Pool, user: UserRow | null, userIdForSrp: string): SrpVerifier {
  if (user?.srpVerifierEnc) return openSrpVerifier(secrets, user.srpVerifierEnc);
  return createDecoyVerifier({ poolId: pool.id, username: userIdForSrp, key: secrets.derive("srp-decoy/v1") });
}

/**
 * The USER_ID_FOR_SRP of a name with no account: the name itself where usernames are chosen, else
 * a stable UUID-shaped id, as a real account's generated username would be.
 */
function decoyUserIdForSrp(secrets: Secrets, pool: Pool, login: string): string {
  if (usernameIsChosen(pool) && !aliasShape(pool, login.trim())) return login.trim();
  const hex = createHmac("sha256", secrets.derive("srp-decoy/v1")).update(`${pool.id}\u0000${normaliseLogin(login)}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
