// A signed-in user sets up an authenticator app (Cognito's AssociateSoftwareToken and
// VerifySoftwareToken with an access token; the account page): a new secret waits, sealed, in
// totpPendingEnc until a code from the app proves it, then becomes the user's authenticator, on
// for sign-in. Removing it is the user's own unless the pool requires MFA and it is their last factor.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { clearPendingTotp, deleteTotp, promotePendingTotp, setPendingTotp } from "./mfa.queries.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { mfaSettingsOf } from "../users/mfa-preference.ts";
import type { UserRow } from "../users/user.ts";
import { createTotpSecret, verifyTotpCode } from "./totp.ts";

/** A new pending secret for the user (replacing any earlier pending one); the authenticator in use stays until the new one is proved. */
export async function startTotpAssociation(deps: { db: Db; secrets: Secrets }, options: { user: UserRow }): Promise<string> {
  const secret = createTotpSecret();
  await setPendingTotp(deps.db, { userId: options.user.id, pendingEnc: deps.secrets.encrypt(secret) });
  return secret;
}

/** The pending secret, in the clear, to show as a QR code; null when none is waiting. */
export function pendingTotpSecret(secrets: Secrets, user: Pick<UserRow, "totpPendingEnc">): string | null {
  return user.totpPendingEnc ? secrets.decrypt(user.totpPendingEnc) : null;
}

/** Proves the pending secret with a code from the app and makes it the user's authenticator. */
export async function confirmTotpAssociation(deps: { db: Db; secrets: Secrets }, options: { user: UserRow; code: string }): Promise<void> {
  const { user } = options;
  if (!user.totpPendingEnc) throw new AppError("InvalidParameterException", "No software token is being associated: call AssociateSoftwareToken first.");
  const step = await verifyTotpCode({ secret: deps.secrets.decrypt(user.totpPendingEnc), code: options.code });
  if (step === null) throw new AppError("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA", { field: "code" });
  // Only the secret that was checked is promoted (a newer association wins).
  if (!(await promotePendingTotp(deps.db, { userId: user.id, pendingEnc: user.totpPendingEnc, step }))) throw new AppError("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA", { field: "code" });
}

/** Drops a pending secret that was never proved. */
export async function cancelTotpAssociation(db: Db, options: { user: UserRow }): Promise<void> {
  await clearPendingTotp(db, { userId: options.user.id, pendingEnc: options.user.totpPendingEnc });
}

/**
 * Removes the user's authenticator. Where the pool requires MFA it must not be the user's last
 * second factor (they would have to set one up again at once); an SMS or email code still on is enough.
 */
export async function removeTotp(db: Db, options: { pool: Pool; user: UserRow }): Promise<void> {
  const { pool, user } = options;
  if (pool.mfa === "ON" && !mfaSettingsOf(user, pool).enabled.some((factor) => factor !== "SOFTWARE_TOKEN_MFA")) {
    throw new AppError("InvalidParameterException", "MFA is required in this user pool: software token MFA cannot be turned off.");
  }
  await deleteTotp(db, { userId: user.id, clearPreferred: user.preferredMfa === "SOFTWARE_TOKEN_MFA" });
}
