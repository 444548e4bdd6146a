import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { CustomAttribute } from "./attributes.ts";
import { PasskeySettingsSchema, PasswordPolicySchema, type MfaMethod, type PasskeySettings, type PasswordPolicy, type SignInMethod } from "./config-schema.ts";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales.ts";
import { storedTriggersOf, type StoredTriggers } from "../triggers/config.ts";
import { storedIdentityProvidersOf, type StoredIdentityProvider } from "../federation/config.ts";
import { storedMigrateFromOf, type StoredMigrateFrom } from "../migration/config.ts";
import { findPoolRow } from "./pool.queries.ts";

export type SignInAlias = "username" | "email" | "phone";
export type MfaMode = "OFF" | "OPTIONAL" | "ON";
export type DeviceTracking = "OFF" | "USER_OPT_IN" | "ALWAYS";

export type Pool = {
  id: string;
  name: string;
  system: boolean;
  signInAliases: SignInAlias[];
  autoVerifiedAttributes: string[];
  requiredAttributes: string[];
  selfSignUp: boolean;
  mfa: MfaMode;
  /** The second factors offered (TOTP, SMS, EMAIL). */
  mfaMethods: MfaMethod[];
  /** The first factors of a choice-based sign-in (USER_AUTH). */
  signInMethods: SignInMethod[];
  passkeys: PasskeySettings;
  deviceTracking: DeviceTracking;
  skipMfaOnRememberedDevices: boolean;
  passwordPolicy: PasswordPolicy;
  customAttributes: CustomAttribute[];
  /** The published branding as stored (lib/branding/schema.ts resolves it). */
  branding: unknown;
  /** Cognito's LambdaConfig, secrets sealed (lib/triggers). */
  triggers: StoredTriggers;
  /** Identity providers (lib/federation), secrets sealed. */
  identityProviders: StoredIdentityProvider[];
  /** The language of pages and messages when the user names none we have (lib/i18n). */
  defaultLanguage: Locale;
  /** The live Cognito user pool users move in from (lib/migration), its client secret sealed; null: off. */
  migrateFrom: StoredMigrateFrom | null;
};

/** Whether users choose a username (alias mode) or sign up with their email/phone (Cognito's username attributes). */
export function usernameIsChosen(pool: Pool): boolean {
  return pool.signInAliases.includes("username");
}

type PoolRow = Awaited<ReturnType<Db["userPool"]["findUnique"]>> & {};

export function toPool(row: PoolRow): Pool {
  return {
    id: row.id,
    name: row.name,
    system: row.system,
    signInAliases: row.signInAliases as SignInAlias[],
    autoVerifiedAttributes: row.autoVerifiedAttributes,
    requiredAttributes: row.requiredAttributes,
    selfSignUp: row.selfSignUp,
    mfa: row.mfa as MfaMode,
    mfaMethods: row.mfaMethods as MfaMethod[],
    signInMethods: row.signInMethods as SignInMethod[],
    passkeys: PasskeySettingsSchema.parse(row.passkeys ?? {}),
    deviceTracking: row.deviceTracking as DeviceTracking,
    skipMfaOnRememberedDevices: row.skipMfaOnRememberedDevices,
    passwordPolicy: PasswordPolicySchema.parse(row.passwordPolicy),
    customAttributes: row.customAttributes as CustomAttribute[],
    branding: row.branding,
    triggers: storedTriggersOf(row.triggers),
    identityProviders: storedIdentityProvidersOf(row.identityProviders),
    defaultLanguage: isLocale(row.defaultLanguage) ? row.defaultLanguage : DEFAULT_LOCALE,
    migrateFrom: storedMigrateFromOf(row.migrateFrom),
  };
}

export async function findPool(db: Db, id: string): Promise<Pool | null> {
  const row = await findPoolRow(db, id);
  return row ? toPool(row) : null;
}

export async function getPool(db: Db, id: string): Promise<Pool> {
  const pool = await findPool(db, id);
  if (!pool) throw new AppError("ResourceNotFoundException", `User pool ${id} does not exist.`);
  return pool;
}
