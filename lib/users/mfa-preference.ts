// A user's second factors as Cognito reports and changes them (GetUser's UserMFASettingList and
// PreferredMfaSetting; SetUserMFAPreference): the authenticator app (SOFTWARE_TOKEN_MFA), codes by
// SMS (SMS_MFA) and by email (EMAIL_OTP). A factor counts only where the pool offers it
// (pool.mfaMethods). The authenticator is verified once a code proved its secret (totpSecretEnc);
// SMS and email codes go only to a verified phone number or email address, so turning them on
// needs one. The sign-in engine asks for them (lib/auth-flow/steps/after-password.ts, mfaStep).
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { MfaMethod } from "../pools/config-schema.ts";
import type { Pool } from "../pools/pool.ts";
import type { UserRow } from "./user.ts";
import { updateUserIf } from "./user.queries.ts";

/** Cognito's names of the second factors, in the order Gatehouse lists them. */
export const MFA_FACTORS = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"] as const;
export type MfaFactor = (typeof MFA_FACTORS)[number];

const METHOD_OF: Record<MfaFactor, MfaMethod> = { SOFTWARE_TOKEN_MFA: "TOTP", SMS_MFA: "SMS", EMAIL_OTP: "EMAIL" };

export function isMfaFactor(value: string): value is MfaFactor {
  return (MFA_FACTORS as readonly string[]).includes(value);
}

export type MfaUser = Pick<UserRow, "totpSecretEnc" | "totpEnabled" | "smsMfaEnabled" | "emailMfaEnabled" | "preferredMfa" | "email" | "emailVerified" | "phoneNumber" | "phoneVerified">;

/** The factors the pool's methods allow (whether MFA is asked for at all is pool.mfa's business). */
export function factorsOffered(pool: Pick<Pool, "mfaMethods">): MfaFactor[] {
  return MFA_FACTORS.filter((factor) => pool.mfaMethods.includes(METHOD_OF[factor]));
}

/** Whether the user could receive the factor: a verified authenticator, phone number or email. */
export function factorReady(user: MfaUser, factor: MfaFactor): boolean {
  switch (factor) {
    case "SOFTWARE_TOKEN_MFA": return !!user.totpSecretEnc;
    case "SMS_MFA": return !!user.phoneNumber && user.phoneVerified;
    case "EMAIL_OTP": return !!user.email && user.emailVerified;
  }
}

/** Whether the user turned the factor on (and can still receive it). */
export function factorEnabled(user: MfaUser, factor: MfaFactor): boolean {
  const on = factor === "SOFTWARE_TOKEN_MFA" ? user.totpEnabled : factor === "SMS_MFA" ? user.smsMfaEnabled : user.emailMfaEnabled;
  return on && factorReady(user, factor);
}

export type MfaSettings = { enabled: MfaFactor[]; preferred: MfaFactor | null };

/**
 * What GetUser reports: the factors turned on that the pool offers, and the preferred one (the
 * only one, where the user has a single factor, as the authenticator always was).
 */
export function mfaSettingsOf(user: MfaUser, pool: Pick<Pool, "mfaMethods">): MfaSettings {
  const enabled = factorsOffered(pool).filter((factor) => factorEnabled(user, factor));
  const chosen = user.preferredMfa && isMfaFactor(user.preferredMfa) && enabled.includes(user.preferredMfa) ? user.preferredMfa : null;
  return { enabled, preferred: chosen ?? (enabled.length === 1 ? enabled[0]! : null) };
}

/** Cognito's refusal of a factor the user cannot turn on, in its words where Cognito has them. */
function cannotEnable(pool: Pool, user: MfaUser & Pick<UserRow, "totpPendingEnc">, factor: MfaFactor): AppError | null {
  if (!factorsOffered(pool).includes(factor)) {
    const name = factor === "SMS_MFA" ? "SMS" : factor === "EMAIL_OTP" ? "Email" : "Software token";
    return new AppError("InvalidParameterException", `${name} MFA is not enabled for this user pool.`);
  }
  if (factor === "SOFTWARE_TOKEN_MFA" && !user.totpSecretEnc) {
    return new AppError("InvalidParameterException", user.totpPendingEnc ? "User has not verified software token mfa" : "User has not set up software token mfa");
  }
  if (factor === "SMS_MFA" && !factorReady(user, factor)) {
    return new AppError("InvalidParameterException", user.phoneNumber ? "User has not verified phone number." : "User does not have a phone number.");
  }
  if (factor === "EMAIL_OTP" && !factorReady(user, factor)) {
    return new AppError("InvalidParameterException", user.email ? "User has not verified email address." : "User does not have an email address.");
  }
  return null;
}

const COLUMN = { SOFTWARE_TOKEN_MFA: "totpEnabled", SMS_MFA: "smsMfaEnabled", EMAIL_OTP: "emailMfaEnabled" } as const;

export type MfaChange = { enabled?: boolean | undefined; preferred?: boolean | undefined };

/**
 * Applies SetUserMFAPreference's settings, one entry per factor, at once: turning on needs the
 * factor offered and ready; preferring one turns it on and makes it the only preferred one; where
 * the pool requires MFA, a change that would leave the user no factor is refused, as Cognito does
 * not let users out of a required second factor. Answers the user as saved.
 */
export async function setMfaPreference(db: Tx, options: { pool: Pool; user: UserRow; changes: Partial<Record<MfaFactor, MfaChange>> }): Promise<UserRow> {
  const { pool, user, changes } = options;
  const preferredNow = Object.entries(changes).filter(([, change]) => change?.preferred).map(([factor]) => factor as MfaFactor);
  if (preferredNow.length > 1) throw new AppError("InvalidParameterException", "Only one MFA method can be preferred.");
  const data: Partial<Record<(typeof COLUMN)[MfaFactor], boolean>> & { preferredMfa?: string | null } = {};
  const after = { ...user };
  for (const factor of MFA_FACTORS) {
    const change = changes[factor];
    if (!change) continue;
    if (change.preferred && change.enabled === false) throw new AppError("InvalidParameterException", `${factor} cannot be preferred while it is disabled.`);
    // Preferring a factor turns it on; an absent Enabled leaves it as it is.
    const enabled = change.enabled ?? (change.preferred ? true : undefined);
    if (enabled) {
      const refusal = cannotEnable(pool, user, factor);
      if (refusal) throw refusal;
    }
    if (enabled !== undefined) {
      data[COLUMN[factor]] = enabled;
      after[COLUMN[factor]] = enabled;
    }
    if (change.preferred) data.preferredMfa = after.preferredMfa = factor;
    else if ((change.preferred === false || enabled === false) && user.preferredMfa === factor) data.preferredMfa = after.preferredMfa = null;
  }
  if (pool.mfa === "ON" && mfaSettingsOf(user, pool).enabled.length > 0 && mfaSettingsOf(after, pool).enabled.length === 0) {
    throw new AppError("InvalidParameterException", "MFA is required in this user pool: the last MFA method cannot be turned off.");
  }
  if (Object.keys(data).length === 0) return user;
  // Only while the authenticator is the one checked above (an admin may have removed it meanwhile).
  const saved = await updateUserIf(db, { id: user.id, totpSecretEnc: user.totpSecretEnc }, data);
  if (!saved) throw new AppError("InvalidParameterException", "User has not set up software token mfa");
  return saved;
}

/** For the account page: turn one factor on or off. */
export function setMfaFactor(db: Db, options: { pool: Pool; user: UserRow; factor: MfaFactor; enabled: boolean }): Promise<UserRow> {
  return setMfaPreference(db, { pool: options.pool, user: options.user, changes: { [options.factor]: { enabled: options.enabled } } });
}

/** For the account page: make one factor the preferred one (turning it on), or clear the preference (null). */
export function setPreferredMfa(db: Db, options: { pool: Pool; user: UserRow; factor: MfaFactor | null }): Promise<UserRow> {
  const { user } = options;
  if (options.factor === null) {
    const current = user.preferredMfa && isMfaFactor(user.preferredMfa) ? user.preferredMfa : null;
    return current ? setMfaPreference(db, { pool: options.pool, user, changes: { [current]: { preferred: false } } }) : Promise.resolve(user);
  }
  return setMfaPreference(db, { pool: options.pool, user, changes: { [options.factor]: { preferred: true } } });
}

/** The authenticator alone (kept for callers of the TOTP-only days). */
export function setSoftwareTokenMfa(db: Db, options: { pool: Pool; user: UserRow; enabled: boolean }): Promise<UserRow> {
  return setMfaFactor(db, { ...options, factor: "SOFTWARE_TOKEN_MFA" });
}
