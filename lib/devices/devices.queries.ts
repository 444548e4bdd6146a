// The Device table. The device's secrets (the sealed SRP verifier, the cookie secret's hash) are
// selected only by the queries that prove a device; every other answer selects PUBLIC_DEVICE_COLUMNS.
// The functions are async so each statement runs when called: Prisma's own promises wait for their
// first await, and findFlowDevice (device-sign-in.ts) keeps the promise of a read for later steps.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db, Tx } from "../db/client.ts";

export type DeviceRow = Prisma.DeviceGetPayload<object>;

/** What every answer about a device may show: everything but its secrets. */
export const PUBLIC_DEVICE_COLUMNS = {
  key: true, poolId: true, userId: true, groupKey: true, attributes: true, confirmed: true, rememberedStatus: true,
  lastIp: true, lastUserAgent: true, lastAuthenticatedAt: true, createdAt: true, updatedAt: true,
} as const;
export type PublicDevice = Prisma.DeviceGetPayload<{ select: typeof PUBLIC_DEVICE_COLUMNS }>;

export async function insertDevice(db: Db, data: Prisma.DeviceUncheckedCreateInput): Promise<PublicDevice> {
  return db.device.create({ data, select: PUBLIC_DEVICE_COLUMNS });
}

/** Deletes the devices never confirmed that were made before `before`: answers how many went. */
export async function deleteUnconfirmedDevicesBefore(db: Db, before: Date): Promise<number> {
  const { count } = await db.device.deleteMany({ where: { confirmed: false, createdAt: { lt: before } } });
  return count;
}

/** The user's device with this key, its secrets included (for the proof that needs them), or null. */
export async function findUserDevice(db: Db, options: { userId: string; deviceKey: string }): Promise<DeviceRow | null> {
  return db.device.findFirst({ where: { key: options.deviceKey, userId: options.userId } });
}

/** The user's confirmed device with this key, without secrets, or null. */
export async function findConfirmedUserDevice(db: Db, options: { userId: string; deviceKey: string }): Promise<PublicDevice | null> {
  return db.device.findFirst({ where: { key: options.deviceKey, userId: options.userId, confirmed: true }, select: PUBLIC_DEVICE_COLUMNS });
}

/** Up to `take` of the user's confirmed devices, newest first, from the device `cursor` names when given. */
export async function findConfirmedUserDevices(db: Db, options: { userId: string; take: number; cursor?: string }): Promise<PublicDevice[]> {
  return db.device.findMany({
    where: { userId: options.userId, confirmed: true },
    orderBy: [{ createdAt: "desc" }, { key: "asc" }],
    take: options.take,
    ...(options.cursor ? { cursor: { key: options.cursor } } : {}),
    select: PUBLIC_DEVICE_COLUMNS,
  });
}

/** Answers how many went (0 or 1). */
export async function deleteUserDevice(db: Tx, options: { userId: string; deviceKey: string }): Promise<number> {
  const { count } = await db.device.deleteMany({ where: { key: options.deviceKey, userId: options.userId } });
  return count;
}

/** Sets a confirmed device's remembered status: answers how many changed (0 or 1). */
export async function setDeviceRememberedStatus(db: Db, options: { userId: string; deviceKey: string; status: string }): Promise<number> {
  const { count } = await db.device.updateMany({ where: { key: options.deviceKey, userId: options.userId, confirmed: true }, data: { rememberedStatus: options.status } });
  return count;
}

/** A device just used to sign in: when, and from where. */
export async function touchDevice(db: Db, options: { deviceKey: string; ip?: string | null; userAgent?: string | null }): Promise<void> {
  await db.device.updateMany({
    where: { key: options.deviceKey },
    data: { lastAuthenticatedAt: new Date(), lastIp: options.ip ?? null, ...(options.userAgent ? { lastUserAgent: options.userAgent.slice(0, 1024) } : {}) },
  });
}

/** Confirms a device not confirmed yet, with its secret and name: answers how many changed (0 once confirmed). */
export async function confirmUnconfirmedDevice(db: Db, options: {
  deviceKey: string; srpVerifierEnc: string; attributes: Record<string, string>; rememberedStatus: string;
}): Promise<number> {
  const { count } = await db.device.updateMany({
    where: { key: options.deviceKey, confirmed: false },
    data: { confirmed: true, srpVerifierEnc: options.srpVerifierEnc, attributes: options.attributes, rememberedStatus: options.rememberedStatus, lastAuthenticatedAt: new Date() },
  });
  return count;
}

/** What proves a hosted-UI device by its cookie: its secret's hash and its pool, or null. */
export async function findDeviceCookieProof(db: Db, deviceKey: string) {
  return db.device.findUnique({ where: { key: deviceKey }, select: { cookieSecretHash: true, poolId: true } });
}
