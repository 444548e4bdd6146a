// SetUserMFAPreference and AdminSetUserMFAPreference take the same settings and apply the same
// rules (lib/users/mfa-preference.ts): Gatehouse's factor is the authenticator app (TOTP); SMS,
// email and WebAuthn do not exist yet, so turning one of them on is refused and off is a no-op.
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { setSoftwareTokenMfa } from "../users/mfa-preference.ts";
import type { UserRow } from "../users/user.ts";

const Settings = z.object({ Enabled: z.boolean().optional(), PreferredMfa: z.boolean().optional() }).optional();

export const MfaPreferenceInput = { SMSMfaSettings: Settings, SoftwareTokenMfaSettings: Settings, EmailMfaSettings: Settings, WebAuthnMfaSettings: Settings };
type Preference = { [K in keyof typeof MfaPreferenceInput]?: z.infer<(typeof MfaPreferenceInput)[K]> };

const UNOFFERED = [["SMSMfaSettings", "SMS_MFA"], ["EmailMfaSettings", "EMAIL_OTP"], ["WebAuthnMfaSettings", "WEB_AUTHN"]] as const;

/** Applies the preference; answers whether the authenticator was turned on or off by it. */
export async function applyMfaPreference(db: Db, options: { pool: Pool; user: UserRow; preference: Preference }): Promise<boolean> {
  const { preference, user } = options;
  for (const [field, factor] of UNOFFERED) {
    const settings = preference[field];
    if (settings?.Enabled || settings?.PreferredMfa) throw new AppError("InvalidParameterException", `${factor} is not available in this user pool.`, { field });
  }
  const totp = preference.SoftwareTokenMfaSettings;
  if (totp?.PreferredMfa && totp.Enabled === false) throw new AppError("InvalidParameterException", "SOFTWARE_TOKEN_MFA cannot be preferred while it is disabled.");
  // Preferring the authenticator turns it on; an absent Enabled leaves it as it is.
  const enabled = totp?.Enabled ?? (totp?.PreferredMfa ? true : undefined);
  if (enabled === undefined) return false;
  const before = user.totpEnabled && !!user.totpSecretEnc;
  await setSoftwareTokenMfa(db, { pool: options.pool, user, enabled });
  return before !== enabled;
}
