// Remembered devices, as Cognito keeps them: a device is made when a sign-in finishes in a pool
// that tracks devices (the Cognito API's NewDeviceMetadata, or the hosted UI's "Remember this
// device"), confirmed with its SRP verifier (ConfirmDevice) or a cookie secret (hosted UI), and
// remembered or not (UpdateDeviceStatus). A remembered device of the user may skip MFA where the
// pool says so (lib/devices/device-sign-in.ts). The device's secrets are never selected into an
// answer: the SRP verifier is encrypted, the cookie secret hashed.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";

export type DeviceRow = Prisma.DeviceGetPayload<object>;
export type RememberedStatus = "remembered" | "not_remembered";

/** What every answer about a device may show: everything but its secrets. */
export const PUBLIC_DEVICE_COLUMNS = {
  key: true, poolId: true, userId: true, groupKey: true, attributes: true, confirmed: true, rememberedStatus: true,
  lastIp: true, lastUserAgent: true, lastAuthenticatedAt: true, createdAt: true, updatedAt: true,
} as const;
export type PublicDevice = Prisma.DeviceGetPayload<{ select: typeof PUBLIC_DEVICE_COLUMNS }>;

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
  return db.device.create({
    data: {
      key: newDeviceKey(options.poolId), groupKey: newDeviceGroupKey(), poolId: options.poolId, userId: options.userId,
      attributes: options.name ? { device_name: options.name.slice(0, 1024) } : {},
      confirmed: options.confirmed ?? false, rememberedStatus: options.rememberedStatus ?? "not_remembered",
      cookieSecretHash: options.cookieSecretHash ?? null,
      lastIp: options.ip ?? null, lastUserAgent: options.userAgent?.slice(0, 1024) ?? null,
      ...(options.confirmed ? { lastAuthenticatedAt: new Date() } : {}),
    },
    select: PUBLIC_DEVICE_COLUMNS,
  });
}

/** Devices made but never confirmed are dropped after a day: a client that never calls ConfirmDevice leaves none behind for long. */
export const UNCONFIRMED_DEVICE_TTL_MS = 24 * 3600_000;

/**
 * Drops the devices not confirmed within a day of being made; returns how many went. The periodic
 * purge runs it (lib/boot.ts), so a sign-in that makes a device spends no statement on the old ones.
 */
export async function purgeUnconfirmedDevices(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.device.deleteMany({ where: { confirmed: false, createdAt: { lt: new Date(now.getTime() - UNCONFIRMED_DEVICE_TTL_MS) } } });
  return count;
}

/** The user's device with this key, its secrets included (for the proof that needs them), or null. */
export async function findUserDevice(db: Db, options: { userId: string; deviceKey: string }): Promise<DeviceRow | null> {
  return db.device.findFirst({ where: { key: options.deviceKey, userId: options.userId } });
}

/** The user's confirmed device, without secrets; ResourceNotFoundException otherwise (another user's included). */
export async function getDevice(db: Db, options: { userId: string; deviceKey: string }): Promise<PublicDevice> {
  const device = await db.device.findFirst({ where: { key: options.deviceKey, userId: options.userId, confirmed: true }, select: PUBLIC_DEVICE_COLUMNS });
  if (!device) throw deviceNotFound();
  return device;
}

/** One page of the user's confirmed devices, newest first. `paginationToken` is the key the page starts at. */
export async function listDevices(db: Db, options: { userId: string; limit?: number; paginationToken?: string }): Promise<{ devices: PublicDevice[]; paginationToken?: string }> {
  const limit = Math.min(Math.max(options.limit || 60, 1), 60);
  const rows = await db.device.findMany({
    where: { userId: options.userId, confirmed: true },
    orderBy: [{ createdAt: "desc" }, { key: "asc" }],
    take: limit + 1,
    ...(options.paginationToken ? { cursor: { key: options.paginationToken } } : {}),
    select: PUBLIC_DEVICE_COLUMNS,
  });
  // A cursor that is not one of the user's devices starts nowhere: Prisma answers an empty page.
  if (options.paginationToken && rows[0] && rows[0].userId !== options.userId) return { devices: [] };
  const next = rows.length > limit ? rows[limit]!.key : undefined;
  return { devices: rows.slice(0, limit), ...(next ? { paginationToken: next } : {}) };
}

/** Forgets a device of the user: it is deleted, so neither its SRP proof nor its cookie is known any longer. */
export async function forgetDevice(db: Db, options: { userId: string; deviceKey: string }): Promise<void> {
  const { count } = await db.device.deleteMany({ where: { key: options.deviceKey, userId: options.userId } });
  if (count === 0) throw deviceNotFound();
}

/** Remembers a confirmed device of the user, or stops remembering it. */
export async function updateDeviceStatus(db: Db, options: { userId: string; deviceKey: string; status: RememberedStatus }): Promise<void> {
  const { count } = await db.device.updateMany({ where: { key: options.deviceKey, userId: options.userId, confirmed: true }, data: { rememberedStatus: options.status } });
  if (count === 0) throw deviceNotFound();
}

/** A device just used to sign in: when and from where, as ListDevices shows it. */
export async function markDeviceAuthenticated(db: Db, options: { deviceKey: string; ip?: string | null; userAgent?: string | null }): Promise<void> {
  await db.device.updateMany({
    where: { key: options.deviceKey },
    data: { lastAuthenticatedAt: new Date(), lastIp: options.ip ?? null, ...(options.userAgent ? { lastUserAgent: options.userAgent.slice(0, 1024) } : {}) },
  });
}

/** A device's name for people: what the client called it, else the browser it was made in. */
export function deviceName(device: Pick<PublicDevice, "attributes" | "lastUserAgent">): string | null {
  const name = (device.attributes as Record<string, unknown> | null)?.device_name;
  return typeof name === "string" ? name : device.lastUserAgent;
}
