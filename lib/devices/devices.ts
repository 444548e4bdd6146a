// Remembered devices, as Cognito keeps them: a device is made when a sign-in finishes in a pool
// that tracks devices (the Cognito API's NewDeviceMetadata, or the hosted UI's "Remember this
// device"), confirmed with its SRP verifier (ConfirmDevice) or a cookie secret (hosted UI), and
// remembered or not (UpdateDeviceStatus). A remembered device of the user may skip MFA where the
// pool says so (lib/devices/device-sign-in.ts). The device's secrets are never selected into an
// answer: the SRP verifier is encrypted, the cookie secret hashed.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import {
  deleteUnconfirmedDevicesBefore, deleteUserDevice, findConfirmedUserDevice, findConfirmedUserDevices, insertDevice,
  setDeviceRememberedStatus, touchDevice, type PublicDevice,
} from "./devices.queries.ts";

export { findUserDevice, PUBLIC_DEVICE_COLUMNS, type DeviceRow, type PublicDevice } from "./devices.queries.ts";
export type RememberedStatus = "remembered" | "not_remembered";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Cognito's DeviceKey: `{region}_{uuid}`, the region of the pool id. */
export function newDeviceKey(poolId: string): string {
  return `${poolId.split("_")[0]}_${randomUUID()}`;
}

/** Cognito's DeviceGroupKey: the device's SRP "pool name", `-` and nine letters or digits. */
export function newDeviceGroupKey(): string {
  const bytes = randomBytes(9);
  return `-${[...bytes].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")}`;
}

export const deviceNotFound = () => new AppError("ResourceNotFoundException", "Device does not exist.");

/** Whether the pool remembers devices at all (Cognito's DeviceConfiguration present). */
export function tracksDevices(pool: Pick<Pool, "deviceTracking">): boolean {
  return pool.deviceTracking !== "OFF";
}

/**
 * A new device of the user. API devices start unconfirmed (ConfirmDevice gives them their
 * verifier); the hosted UI's are confirmed and remembered at once, with the hash of their cookie.
 */
export async function createDevice(db: Db, options: {
  poolId: string; userId: string; name?: string | null; ip?: string | null; userAgent?: string | null;
  confirmed?: boolean; rememberedStatus?: RememberedStatus; cookieSecretHash?: string;
}): Promise<PublicDevice> {
  return insertDevice(db, {
    key: newDeviceKey(options.poolId), groupKey: newDeviceGroupKey(), poolId: options.poolId, userId: options.userId,
    attributes: options.name ? { device_name: options.name.slice(0, 1024) } : {},
    confirmed: options.confirmed ?? false, rememberedStatus: options.rememberedStatus ?? "not_remembered",
    cookieSecretHash: options.cookieSecretHash ?? null,
    lastIp: options.ip ?? null, lastUserAgent: options.userAgent?.slice(0, 1024) ?? null,
    ...(options.confirmed ? { lastAuthenticatedAt: new Date() } : {}),
  });
}

/** Devices made but never confirmed are dropped after a day: a client that never calls ConfirmDevice leaves none behind for long. */
export const UNCONFIRMED_DEVICE_TTL_MS = 24 * 3600_000;

/**
 * Drops the devices not confirmed within a day of being made; returns how many went. The periodic
 * purge runs it (lib/boot.ts), so a sign-in that makes a device spends no statement on the old ones.
 */
export async function purgeUnconfirmedDevices(db: Db, now = new Date()): Promise<number> {
  return deleteUnconfirmedDevicesBefore(db, new Date(now.getTime() - UNCONFIRMED_DEVICE_TTL_MS));
}

/** The user's confirmed device, without secrets; ResourceNotFoundException otherwise (another user's included). */
export async function getDevice(db: Db, options: { userId: string; deviceKey: string }): Promise<PublicDevice> {
  const device = await findConfirmedUserDevice(db, options);
  if (!device) throw deviceNotFound();
  return device;
}

/** One page of the user's confirmed devices, newest first. `paginationToken` is the key the page starts at. */
export async function listDevices(db: Db, options: { userId: string; limit?: number; paginationToken?: string }): Promise<{ devices: PublicDevice[]; paginationToken?: string }> {
  const limit = Math.min(Math.max(options.limit || 60, 1), 60);
  const rows = await findConfirmedUserDevices(db, { userId: options.userId, take: limit + 1, ...(options.paginationToken ? { cursor: options.paginationToken } : {}) });
  // A cursor that is not one of the user's devices starts nowhere: Prisma answers an empty page.
  if (options.paginationToken && rows[0] && rows[0].userId !== options.userId) return { devices: [] };
  const next = rows.length > limit ? rows[limit]!.key : undefined;
  return { devices: rows.slice(0, limit), ...(next ? { paginationToken: next } : {}) };
}

/** Forgets a device of the user: it is deleted, so neither its SRP proof nor its cookie is known any longer. */
export async function forgetDevice(db: Tx, options: { userId: string; deviceKey: string }): Promise<void> {
  const count = await deleteUserDevice(db, options);
  if (count === 0) throw deviceNotFound();
}

/** Remembers a confirmed device of the user, or stops remembering it. */
export async function updateDeviceStatus(db: Db, options: { userId: string; deviceKey: string; status: RememberedStatus }): Promise<void> {
  const count = await setDeviceRememberedStatus(db, options);
  if (count === 0) throw deviceNotFound();
}

/** A device just used to sign in: when and from where, as ListDevices shows it. */
export async function markDeviceAuthenticated(db: Db, options: { deviceKey: string; ip?: string | null; userAgent?: string | null }): Promise<void> {
  await touchDevice(db, options);
}

/** A device's name for people: what the client called it, else the browser it was made in. */
export function deviceName(device: Pick<PublicDevice, "attributes" | "lastUserAgent">): string | null {
  const name = (device.attributes as Record<string, unknown> | null)?.device_name;
  return typeof name === "string" ? name : device.lastUserAgent;
}
