// An admin's view of a user's second factors and what they change about them: the MFA factors
// turned on (authenticator app, SMS, email) and the preferred one, their passkeys, remembered
// devices and recovery codes. Each goes through the function the user's own door uses (the
// account page, the Cognito API): lib/users/mfa-preference.ts, lib/passkeys, lib/devices,
// lib/mfa/recovery-codes.ts. "Reset MFA" (resetUserMfa) leaves the user with no second factor
// at all, in one transaction; passkeys stay, as they are a first factor too.
import type { AuditIn } from "../../audit/audit.ts";
import type { Db } from "../../db/client.ts";
import { describeUserAgent } from "../../http/user-agent.ts";
import { forgetDevice, listDevices, type PublicDevice } from "../../devices/index.ts";
import { deletePasskey, listPasskeys, type PasskeyDescription } from "../../passkeys/index.ts";
import { RECOVERY_CODE_COUNT, remainingRecoveryCodes } from "../../mfa/recovery-codes.ts";
import type { Pool } from "../../pools/pool.ts";
import { clearMfaColumns, countConfirmedDevices, countPasskeys, deleteDevices, deleteRecoveryCodes, findUserRowById } from "./user-factors.queries.ts";
import { factorEnabled, factorReady, factorsOffered, MFA_FACTORS, mfaSettingsOf, setMfaPreference, type MfaChange, type MfaFactor } from "../../users/mfa-preference.ts";
import { getUser, findUserRow, type UserDetail } from "./manage-user.ts";

export type FactorState = {
  factor: MfaFactor;
  /** The pool's mfaMethods include it. */
  offered: boolean;
  /** Turned on and receivable (a verified authenticator, phone number or email). */
  enabled: boolean;
  /** Could be turned on: the authenticator is verified, or the phone number or email is. */
  ready: boolean;
};

export type UserMfa = {
  mfa: Pool["mfa"];
  factors: FactorState[];
  /** As GetUser reports: the factors on (that the pool offers), and the preferred one. */
  enabled: MfaFactor[];
  preferred: MfaFactor | null;
  recoveryCodes: { remaining: number; total: number };
  passkeys: number;
  devices: number;
};

/** What the user page's "Sign-in security" card and GET …/mfa show. */
export async function getUserMfa(db: Db, options: { pool: Pool; username: string }): Promise<UserMfa> {
  const { pool } = options;
  const user = await findUserRow(db, pool.id, options.username);
  const offered = factorsOffered(pool);
  const settings = mfaSettingsOf(user, pool);
  const [remaining, passkeys, devices] = await Promise.all([
    remainingRecoveryCodes(db, { userId: user.id }),
    countPasskeys(db, user.id),
    countConfirmedDevices(db, user.id),
  ]);
  return {
    mfa: pool.mfa,
    factors: MFA_FACTORS.map((factor) => ({ factor, offered: offered.includes(factor), enabled: offered.includes(factor) && factorEnabled(user, factor), ready: factorReady(user, factor) })),
    enabled: settings.enabled,
    preferred: settings.preferred,
    recoveryCodes: { remaining, total: RECOVERY_CODE_COUNT },
    passkeys,
    devices,
  };
}

/** Cognito's AdminSetUserMFAPreference: the same rules as the user's own SetUserMFAPreference. */
export async function setUserMfaPreference(db: Db, options: { pool: Pool; username: string; changes: Partial<Record<MfaFactor, MfaChange>>; audit?: AuditIn | undefined }): Promise<UserMfa> {
  const user = await findUserRow(db, options.pool.id, options.username);
  await db.$transaction(async (tx) => {
    await setMfaPreference(tx, { pool: options.pool, user, changes: options.changes });
    await options.audit?.(tx);
  });
  return getUserMfa(db, options);
}

export type AdminPasskey = Omit<PasskeyDescription, "createdAt" | "lastUsedAt"> & { createdAt: string; lastUsedAt: string | null };

export async function listUserPasskeys(db: Db, options: { poolId: string; username: string }): Promise<{ passkeys: AdminPasskey[] }> {
  const user = await findUserRow(db, options.poolId, options.username);
  const passkeys = await listPasskeys(db, { userId: user.id });
  return { passkeys: passkeys.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null })) };
}

/** Removes one passkey of the user (ResourceNotFoundException for one that is not theirs). */
export async function deleteUserPasskey(db: Db, options: { poolId: string; username: string; credentialId: string; audit?: AuditIn | undefined }): Promise<{ passkeys: AdminPasskey[] }> {
  const user = await findUserRow(db, options.poolId, options.username);
  await db.$transaction(async (tx) => {
    await deletePasskey(tx, { userId: user.id, credentialId: options.credentialId });
    await options.audit?.(tx);
  });
  return listUserPasskeys(db, options);
}

export type AdminDevice = {
  deviceKey: string; name: string | null; remembered: boolean; lastIp: string | null;
  lastAuthenticatedAt: string | null; createdAt: string; updatedAt: string;
};

function toAdminDevice(device: PublicDevice): AdminDevice {
  const named = (device.attributes as Record<string, unknown> | null)?.device_name;
  return {
    deviceKey: device.key, name: typeof named === "string" ? named : device.lastUserAgent ? describeUserAgent(device.lastUserAgent) : null, remembered: device.rememberedStatus === "remembered", lastIp: device.lastIp,
    lastAuthenticatedAt: device.lastAuthenticatedAt?.toISOString() ?? null, createdAt: device.createdAt.toISOString(), updatedAt: device.updatedAt.toISOString(),
  };
}

/** The user's confirmed devices, newest first (as AdminListDevices; all of them: a user has few). */
export async function listUserDevices(db: Db, options: { poolId: string; username: string }): Promise<{ devices: AdminDevice[] }> {
  const user = await findUserRow(db, options.poolId, options.username);
  const devices: PublicDevice[] = [];
  let token: string | undefined;
  do {
    const page = await listDevices(db, { userId: user.id, limit: 60, ...(token ? { paginationToken: token } : {}) });
    devices.push(...page.devices);
    token = page.paginationToken;
  } while (token && devices.length < 1000);
  return { devices: devices.map(toAdminDevice) };
}

/** Forgets one device of the user (AdminForgetDevice): it skips MFA no more. */
export async function forgetUserDevice(db: Db, options: { poolId: string; username: string; deviceKey: string; audit?: AuditIn | undefined }): Promise<{ devices: AdminDevice[] }> {
  const user = await findUserRow(db, options.poolId, options.username);
  await db.$transaction(async (tx) => {
    await forgetDevice(tx, { userId: user.id, deviceKey: options.deviceKey });
    await options.audit?.(tx);
  });
  return listUserDevices(db, options);
}

/** What a reset removed: `recoveryCodes` counts the unused ones, `devices` the confirmed ones (all go). */
export type MfaResetRemoved = { authenticator: boolean; factors: MfaFactor[]; preferred: MfaFactor | null; recoveryCodes: number; devices: number };

/**
 * "Reset MFA": the user keeps no second factor and nothing that stands in for one. The
 * authenticator goes (a new one is set up at the next sign-in where the pool requires MFA), SMS
 * and email codes are turned off, the preference cleared, the recovery codes deleted and every
 * device forgotten (a remembered device skips MFA). One transaction, so a sign-in never sees half
 * of it. Passkeys stay: they are a first factor, removed one by one (deleteUserPasskey).
 */
export async function resetUserMfa(db: Db, options: { poolId: string; username: string; audit?: AuditIn | undefined }): Promise<UserDetail & { removed: MfaResetRemoved }> {
  const user = await findUserRow(db, options.poolId, options.username);
  const removed = await db.$transaction(async (tx) => {
    const before = await findUserRowById(tx, user.id);
    await clearMfaColumns(tx, user.id);
    const recoveryCodes = await deleteRecoveryCodes(tx, user.id);
    // Every device goes; the count is of those the admin saw listed (confirmed ones).
    const devices = await countConfirmedDevices(tx, user.id);
    await deleteDevices(tx, user.id);
    const factors = MFA_FACTORS.filter((factor) => factorEnabled(before, factor));
    const made: MfaResetRemoved = {
      authenticator: !!before.totpSecretEnc || !!before.totpPendingEnc,
      factors,
      preferred: before.preferredMfa && (MFA_FACTORS as readonly string[]).includes(before.preferredMfa) ? (before.preferredMfa as MfaFactor) : null,
      recoveryCodes,
      devices,
    };
    // The route's audit row reads `removed` from what it is given, as from the answer.
    await options.audit?.(tx, { removed: made });
    return made;
  });
  return { ...(await getUser(db, options.poolId, user.id)), removed };
}
