// What a password leaves in the database, computed in one place for every way a password is set
// (sign-up, admin create and set password, forgot password, NEW_PASSWORD_REQUIRED, the config
// file, the first admin, seeded users). It is computed before any transaction opens, because
// argon2 is slow on purpose, and written by insert-user.ts and set-password.ts.
//
// SRP hook: Cognito's SRP sign-in needs a salt and verifier stored whenever a password is set.
// They belong here — add them to PasswordRecord, compute them in computePasswordRecord, map them
// in passwordColumns — and insertUser and setPassword store them with no other change. What the
// options will need then: srp.ts's createVerifier hashes the pool id and the username (never an
// alias), and the verifier is stored encrypted with `secrets`. Every caller knows the username
// before it hashes, except confirmForgotPassword and completeNewPassword (they hold the user id
// and must read it), and seed-users.ts (one record for all its users: per-user verifiers there,
// or none and one at the next sign-in).
import { hashPassword } from "../security/passwords.ts";

export type PasswordRecord = {
  /** argon2id (lib/security/passwords.ts). */
  passwordHash: string;
  /** When the password was set: a temporary one expires from this moment. */
  passwordSetAt: Date;
};

export async function computePasswordRecord(options: { password: string; now?: Date }): Promise<PasswordRecord> {
  return { passwordHash: await hashPassword(options.password), passwordSetAt: options.now ?? new Date() };
}

/** The User columns a record sets; null clears them (a user who must reset their password). */
export function passwordColumns(record: PasswordRecord | null): { passwordHash: string | null; passwordSetAt: Date | null } {
  return record ? { passwordHash: record.passwordHash, passwordSetAt: record.passwordSetAt } : { passwordHash: null, passwordSetAt: null };
}
