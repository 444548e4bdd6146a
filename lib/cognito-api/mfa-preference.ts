// SetUserMFAPreference and AdminSetUserMFAPreference take the same settings and apply the same
// rules (lib/users/mfa-preference.ts): the authenticator app, SMS and email codes. WebAuthn as a
// second factor is not offered: turning it on is refused, leaving it off is a no-op.
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { mfaSettingsOf, setMfaPreference, type MfaChange, type MfaFactor } from "../users/mfa-preference.ts";
import type { UserRow } from "../users/user.ts";

const Settings = z.object({ Enabled: z.boolean().optional(), PreferredMfa: z.boolean().optional() }).optional();

export const MfaPreferenceInput = { SMSMfaSettings: Settings, SoftwareTokenMfaSettings: Settings, EmailMfaSettings: Settings, WebAuthnMfaSettings: Settings };
type Preference = { [K in keyof typeof MfaPreferenceInput]?: z.infer<(typeof MfaPreferenceInput)[K]> };

const FIELDS = [["SoftwareTokenMfaSettings", "SOFTWARE_TOKEN_MFA"], ["SMSMfaSettings", "SMS_MFA"], ["EmailMfaSettings", "EMAIL_OTP"]] as const;

/** Applies the preference; answers what changed (the factors enabled and the preferred one, before and after), or null. */
export async function applyMfaPreference(db: Db, options: { pool: Pool; user: UserRow; preference: Preference }): Promise<Record<string, unknown> | null> {
  const { preference, user, pool } = options;
  const webAuthn = preference.WebAuthnMfaSettings;
  if (webAuthn?.Enabled || webAuthn?.PreferredMfa) throw new AppError("InvalidParameterException", "WEB_AUTHN is not available as an MFA method in this user pool.", { field: "WebAuthnMfaSettings" });
  const changes: Partial<Record<MfaFactor, MfaChange>> = {};
  for (const [field, factor] of FIELDS) {
    const settings = preference[field];
    if (settings) changes[factor] = { enabled: settings.Enabled, preferred: settings.PreferredMfa };
  }
  const before = mfaSettingsOf(user, pool);
  const saved = await setMfaPreference(db, { pool, user, changes });
  const after = mfaSettingsOf(saved, pool);
  if (before.enabled.join() === after.enabled.join() && (user.preferredMfa ?? null) === (saved.preferredMfa ?? null)) return null;
  return { enabled: after.enabled, preferred: saved.preferredMfa ?? null };
}
