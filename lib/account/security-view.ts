// What the account page's security sections show: SMS and email sign-in codes and the preferred
// second factor (as GetUser reports them), passkeys (never their keys), how many recovery codes are
// left (and a new set, once), and the remembered devices, "this browser" among them when its
// device cookie names one.
import { deviceCookieParameters, deviceCookieName } from "../devices/device-cookie.ts";
import { deviceName, listDevices } from "../devices/index.ts";
import { tracksDevices } from "../devices/devices.ts";
import { remainingRecoveryCodes } from "../mfa/recovery-codes.ts";
import { listPasskeys } from "../passkeys/index.ts";
import type { Pool } from "../pools/pool.ts";
import type { Runtime } from "../runtime.ts";
import { factorEnabled, factorReady, factorsOffered, mfaSettingsOf, type MfaFactor } from "../users/mfa-preference.ts";
import type { UserRow } from "../users/user.ts";
import type { Locale } from "../i18n/locales.ts";
import { describeDevice } from "./account-wording.ts";
import type { AccountFlash } from "./flash.ts";

export type CodeFactorView = {
  factor: "SMS_MFA" | "EMAIL_OTP";
  /** The phone number or email the codes go to, if the user has one. */
  address: string | null;
  /** A verified address: the factor can be turned on. */
  ready: boolean;
  enabled: boolean;
  /** Whether turning it off is allowed (not the last factor where the pool requires MFA). */
  removable: boolean;
};

export type SecurityView = {
  mfa: { offered: boolean; factors: CodeFactorView[]; enabled: MfaFactor[]; preferred: MfaFactor | null };
  passkeys: {
    offered: boolean;
    list: { id: string; name: string; createdAt: string; lastUsedAt: string | null; synced: boolean; securityKey: boolean }[];
    /** Where the browser fetches the options for navigator.credentials.create(). */
    optionsUrl: string;
  };
  recovery: { offered: boolean; remaining: number; codes: string[] | null };
  devices: {
    offered: boolean;
    /** Whether a remembered device skips the second factor in this pool. */
    skipsMfa: boolean;
    list: { key: string; name: string; lastSignInAt: string | null; ip: string | null; remembered: boolean; current: boolean }[];
  };
};

/** Whether the user may turn off `factor` (or remove the authenticator): not their last one where the pool requires MFA. */
export function factorRemovable(user: UserRow, pool: Pool, factor: MfaFactor): boolean {
  return pool.mfa !== "ON" || mfaSettingsOf(user, pool).enabled.some((other) => other !== factor);
}

export async function securityView(
  rt: Runtime, options: { pool: Pool; user: UserRow; flash: AccountFlash | null; deviceCookie: string | undefined; actionBase: string; locale?: Locale },
): Promise<SecurityView> {
  const { pool, user } = options;
  const offered = factorsOffered(pool);
  const settings = mfaSettingsOf(user, pool);
  const devicesOffered = tracksDevices(pool);
  const [passkeys, remaining, devices] = await Promise.all([
    listPasskeys(rt.db, { userId: user.id }),
    remainingRecoveryCodes(rt.db, { userId: user.id }),
    devicesOffered ? listDevices(rt.db, { userId: user.id }).then((page) => page.devices) : Promise.resolve([]),
  ]);
  const thisDevice = options.deviceCookie ? deviceCookieParameters(`${deviceCookieName(pool.id)}=${options.deviceCookie}`, pool.id).DEVICE_KEY : undefined;
  const codeFactors = (["SMS_MFA", "EMAIL_OTP"] as const).filter((factor) => offered.includes(factor));
  return {
    mfa: {
      offered: pool.mfa !== "OFF" && codeFactors.length > 0,
      factors: codeFactors.map((factor) => ({
        factor,
        address: factor === "SMS_MFA" ? user.phoneNumber : user.email,
        ready: factorReady(user, factor),
        enabled: factorEnabled(user, factor),
        removable: factorRemovable(user, pool, factor),
      })),
      enabled: settings.enabled,
      preferred: settings.preferred,
    },
    passkeys: {
      offered: pool.signInMethods.includes("PASSKEY") || passkeys.length > 0,
      list: passkeys.map((p) => ({
        id: p.credentialId, name: p.friendlyName, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        synced: p.backedUp, securityKey: p.attachment === "cross-platform",
      })),
      optionsUrl: `${options.actionBase}/passkey-options`,
    },
    recovery: {
      // Recovery codes stand in for a second factor: offered to those who have one (or still hold codes).
      offered: settings.enabled.length > 0 || remaining > 0,
      remaining,
      codes: options.flash?.action === "recovery-generate" && options.flash.codes ? options.flash.codes : null,
    },
    devices: {
      offered: devicesOffered,
      skipsMfa: pool.skipMfaOnRememberedDevices,
      list: devices.map((d) => {
        const name = deviceName(d);
        return {
          key: d.key,
          // A name a client gave, else the browser it was made in (the hosted UI names it so already).
          name: name && /Mozilla\/|AppleWebKit|\(/.test(name) ? describeDevice(name, options.locale) : name || describeDevice(d.lastUserAgent, options.locale),
          lastSignInAt: (d.lastAuthenticatedAt ?? d.createdAt).toISOString(),
          ip: d.lastIp,
          remembered: d.rememberedStatus === "remembered",
          current: !!thisDevice && d.key === thisDevice,
        };
      }),
    },
  };
}
