// What a password leaves in the database, computed in one place for every way a password is set
// (sign-up, admin create and set password, forgot password, NEW_PASSWORD_REQUIRED, the config
// file, the first admin, seeded users). It is computed before any transaction opens, because
// argon2 is slow on purpose, and written by insert-user.ts and set-password.ts.
//
// Besides the argon2 hash, a password leaves Cognito's SRP salt and verifier (srp.ts), which the
// SRP sign-in needs. A verifier is a password equivalent that is cheap to test, so it is stored
// only encrypted with `secrets` (a key from GATEHOUSE_SECRET): a database dump alone gives nothing.
// It hashes the pool id and the stored username (Cognito's USER_ID_FOR_SRP), never an alias.
import { hashPassword } from "../security/passwords.ts";
import type { Secrets } from "../security/secrets.ts";
import { createVerifier, type SrpVerifier } from "../security/srp.ts";

export type PasswordRecord = {
  /** argon2id (lib/security/passwords.ts). */
  passwordHash: string;
  /** When the password was set: a temporary one expires from this moment. */
  passwordSetAt: Date;
  /** sealSrpVerifier's output; null only for a shared record (the bulk seeder), filled at the first sign-in. */
  srpVerifierEnc: string | null;
};

export type SrpIdentity = {
  poolId: string;
  /** User.username: what Cognito sends as USER_ID_FOR_SRP. */
  username: string;
  secrets: Pick<Secrets, "encrypt">;
};

export async function computePasswordRecord(options: SrpIdentity & { password: string; now?: Date }): Promise<PasswordRecord> {
  return {
    passwordHash: await hashPassword(options.password),
    passwordSetAt: options.now ?? new Date(),
    srpVerifierEnc: computeSealedVerifier(options),
  };
}

/**
 * A record to share between many users (the bulk seeder): the hash only, since a verifier is
 * per username. Each such user gets a verifier at their first password sign-in (verify-sign-in.ts).
 */
export async function computeSharedPasswordRecord(options: { password: string; now?: Date }): Promise<PasswordRecord> {
  return { passwordHash: await hashPassword(options.password), passwordSetAt: options.now ?? new Date(), srpVerifierEnc: null };
}

/**
 * A hash brought from another system (lib/security/password-hashes.ts, already parsed): stored as
 * it came, without a verifier (that needs the password). The user's first password sign-in
 * replaces both with ours (verify-sign-in.ts); until then SRP sign-in meets a decoy and fails.
 */
export function importedPasswordRecord(options: { passwordHash: string; now?: Date }): PasswordRecord {
  return { passwordHash: options.passwordHash, passwordSetAt: options.now ?? new Date(), srpVerifierEnc: null };
}

/** A new salt and verifier for the password, sealed for the database. */
export function computeSealedVerifier(options: SrpIdentity & { password: string }): string {
  const { salt, verifier } = createVerifier({ poolId: options.poolId, username: options.username, password: options.password });
  return options.secrets.encrypt(JSON.stringify({ salt, verifier }));
}

/** The salt and verifier a User.srpVerifierEnc holds. */
export function openSrpVerifier(secrets: Pick<Secrets, "decrypt">, sealed: string): SrpVerifier {
  const { salt, verifier } = JSON.parse(secrets.decrypt(sealed)) as Partial<SrpVerifier>;
  if (typeof salt !== "string" || typeof verifier !== "string") throw new Error("malformed SRP verifier");
  return { salt, verifier };
}

type PasswordColumns = { passwordHash: string | null; passwordSetAt: Date | null; srpVerifierEnc: string | null };

/** The User columns a record sets; null clears them all (a user who must reset their password). */
export function passwordColumns(record: PasswordRecord | null): PasswordColumns {
  return record
    ? { passwordHash: record.passwordHash, passwordSetAt: record.passwordSetAt, srpVerifierEnc: record.srpVerifierEnc }
    : { passwordHash: null, passwordSetAt: null, srpVerifierEnc: null };
}
