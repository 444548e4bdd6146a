// What a finished Cognito API sign-in says about its device: the device it proved (DEVICE_SRP_AUTH),
// or, in a pool that tracks devices and for a sign-in that named none of the user's, a new one
// (AuthenticationResult.NewDeviceMetadata, which the client confirms with ConfirmDevice). Either
// is the access token's `device_key`.
import type { FlowState, RequestContext } from "../auth-flow/contract.ts";
import type { Db } from "../db/client.ts";
import type { Pool } from "../pools/pool.ts";
import { findFlowDevice, provedDeviceKey } from "./device-sign-in.ts";
import { createDevice, deviceNotFound, findUserDevice, tracksDevices } from "./devices.ts";

export type NewDeviceMetadata = { DeviceKey: string; DeviceGroupKey: string };

export async function deviceOfApiSignIn(db: Db, options: { pool: Pool; state: FlowState; userId: string; context: RequestContext }): Promise<{ deviceKey: string | null; newDeviceMetadata?: NewDeviceMetadata }> {
  const proved = provedDeviceKey(options.state);
  if (proved) return { deviceKey: proved };
  if (!tracksDevices(options.pool)) return { deviceKey: null };
  const named = options.state.device?.key;
  // A device of the user's that was not proved here (not remembered, or MFA was asked anyway) stays theirs: no new one.
  if (named && (await findFlowDevice(db, options.state, { userId: options.userId, deviceKey: named }))) return { deviceKey: null };
  const device = await createDevice(db, { poolId: options.pool.id, userId: options.userId, ip: options.context.ip, userAgent: options.context.userAgent });
  return { deviceKey: device.key, newDeviceMetadata: { DeviceKey: device.key, DeviceGroupKey: device.groupKey } };
}

/** REFRESH_TOKEN_AUTH's DEVICE_KEY: one of the token's user's confirmed devices, else ResourceNotFoundException. */
export async function refreshDeviceKey(db: Db, options: { userId: string; deviceKey: string }): Promise<string> {
  const device = await findUserDevice(db, options);
  if (!device || !device.confirmed) throw deviceNotFound();
  return device.key;
}
