// A user's MFA settings as Cognito reports and changes them (GetUser's UserMFASettingList and
// PreferredMfaSetting; SetUserMFAPreference). Gatehouse's one factor is TOTP: verified once a code
// from the authenticator proved its secret (totpSecretEnc), asked for at sign-in while enabled
// (totpEnabled), and always where the pool requires MFA (lib/auth-flow/steps/after-password.ts).
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import type { UserRow } from "./user.ts";

export type MfaSettings = { enabled: "SOFTWARE_TOKEN_MFA"[]; preferred: "SOFTWARE_TOKEN_MFA" | null };

export function mfaSettingsOf(user: Pick<UserRow, "totpSecretEnc" | "totpEnabled">): MfaSettings {
  const totp = !!user.totpSecretEnc && user.totpEnabled;
  return { enabled: totp ? ["SOFTWARE_TOKEN_MFA"] : [], preferred: totp ? "SOFTWARE_TOKEN_MFA" : null };
}

/**
 * Turns the user's authenticator on or off for sign-in. On needs a verified one (Cognito's
 * InvalidParameterException, in its words); off is refused where the pool requires MFA, as
 * Cognito does not let users out of a required factor.
 */
export async function setSoftwareTokenMfa(db: Db, options: { pool: Pool; user: UserRow; enabled: boolean }): Promise<UserRow> {
  const { pool, user, enabled } = options;
  if (enabled && !user.totpSecretEnc) {
    throw new AppError("InvalidParameterException", user.totpPendingEnc ? "User has not verified software token mfa" : "User has not set up software token mfa");
  }
  if (!enabled && pool.mfa === "ON") throw new AppError("InvalidParameterException", "MFA is required in this user pool: software token MFA cannot be turned off.");
  if (user.totpEnabled === enabled) return user;
  // Only while the authenticator is the one checked above (an admin may have removed it meanwhile).
  const [saved] = await db.user.updateManyAndReturn({ where: { id: user.id, totpSecretEnc: user.totpSecretEnc }, data: { totpEnabled: enabled } });
  if (!saved) throw new AppError("InvalidParameterException", "User has not set up software token mfa");
  return saved;
}
