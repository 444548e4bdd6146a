// A user's MFA settings as Cognito reports them (AdminGetUser's UserMFASettingList) and sets them
// (AdminSetUserMFAPreference, and SetUserMFAPreference for the user themselves). Gatehouse's second factor is an authenticator app (TOTP); a user
// who has verified one may turn it off (unless the pool requires MFA: the sign-in asks anyway,
// see lib/auth-flow/steps/after-password.ts) and on again. SMS, email and WebAuthn factors do not
// exist yet, so they can be turned off (a no-op) but not on.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { UserRow } from "./user.ts";

export type MfaFactorSettings = { Enabled?: boolean | undefined; PreferredMfa?: boolean | undefined };

export type MfaPreference = {
  softwareToken?: MfaFactorSettings | undefined;
  /** SMS, email and WebAuthn, by Cognito's names for them. */
  others?: { name: "SMS_MFA" | "EMAIL_OTP" | "WEB_AUTHN"; settings: MfaFactorSettings | undefined }[];
};

/** The factors the user has turned on, and the one preferred, in Cognito's names. */
export function mfaSettingsOf(user: Pick<UserRow, "totpSecretEnc" | "totpEnabled">): { enabled: string[]; preferred: string | null } {
  const totp = !!user.totpSecretEnc && user.totpEnabled;
  return { enabled: totp ? ["SOFTWARE_TOKEN_MFA"] : [], preferred: totp ? "SOFTWARE_TOKEN_MFA" : null };
}

export async function setMfaPreference(db: Db, options: { user: UserRow; preference: MfaPreference }): Promise<void> {
  const { user, preference } = options;
  for (const other of preference.others ?? []) {
    if (other.settings?.Enabled || other.settings?.PreferredMfa) throw new AppError("InvalidParameterException", `${other.name} is not supported by Gatehouse yet.`);
  }
  const totp = preference.softwareToken;
  if (!totp) return;
  if (totp.PreferredMfa && totp.Enabled === false) throw new AppError("InvalidParameterException", "A factor that is not enabled cannot be preferred.");
  const enabled = totp.Enabled ?? (totp.PreferredMfa ? true : undefined);
  if (enabled === undefined) return;
  if (enabled && !user.totpSecretEnc) throw new AppError("InvalidParameterException", "User has not verified software token mfa");
  await db.user.update({ where: { id: user.id }, data: { totpEnabled: enabled } });
}
