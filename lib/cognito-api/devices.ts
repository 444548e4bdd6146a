// Cognito's device operations for a signed-in user (access token) and for an administrator
// (SigV4, admin/devices.ts shares deviceType): ConfirmDevice, UpdateDeviceStatus, ListDevices,
// GetDevice, ForgetDevice. The rules are lib/devices'.
import { z } from "zod";
import { confirmDevice } from "../devices/confirm-device.ts";
import { forgetDevice, getDevice, listDevices, updateDeviceStatus, type PublicDevice } from "../devices/devices.ts";
import { authenticateAccessToken } from "./access-token.ts";
import { operation } from "./call.ts";
import { auditOwnChange } from "./own-account.ts";
import { Token } from "./validation.ts";

export const DeviceKey = z.string().min(1).max(55).regex(/^[\w-]+_[0-9a-f-]+$/, "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+");
export const DeviceRememberedStatus = z.enum(["remembered", "not_remembered"]);
export const DeviceListLimit = z.number().int().min(0).max(60);
export const DevicePaginationToken = z.string().min(1).max(131072).regex(/^\S+$/, "Member must satisfy regular expression pattern: [\\S]+");

const epoch = (date: Date) => date.getTime() / 1000;

/** Cognito's DeviceType. */
export function deviceType(device: PublicDevice) {
  const attributes = device.attributes as Record<string, string>;
  return {
    DeviceKey: device.key,
    DeviceAttributes: [
      { Name: "device_status", Value: "valid" },
      ...(attributes.device_name ? [{ Name: "device_name", Value: attributes.device_name }] : []),
      { Name: "dev:device_remembered_status", Value: device.rememberedStatus },
      ...(device.lastIp ? [{ Name: "last_ip_used", Value: device.lastIp }] : []),
    ],
    DeviceCreateDate: epoch(device.createdAt),
    DeviceLastModifiedDate: epoch(device.updatedAt),
    DeviceLastAuthenticatedDate: epoch(device.lastAuthenticatedAt ?? device.createdAt),
  };
}

export const ConfirmDevice = operation({
  auth: "public",
  input: z.object({
    AccessToken: Token,
    DeviceKey,
    DeviceSecretVerifierConfig: z.object({ PasswordVerifier: z.string().optional(), Salt: z.string().optional() }).optional(),
    DeviceName: z.string().min(1).max(1024).optional(),
  }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const result = await confirmDevice(call.rt.db, call.rt.secrets, {
      pool: signedIn.entry.pool, userId: signedIn.user.id, deviceKey: input.DeviceKey, name: input.DeviceName, verifierConfig: input.DeviceSecretVerifierConfig,
    });
    await auditOwnChange(call, signedIn, "ConfirmDevice", { deviceKey: input.DeviceKey });
    return { UserConfirmationNecessary: result.userConfirmationNecessary };
  },
});

export const UpdateDeviceStatus = operation({
  auth: "public",
  input: z.object({ AccessToken: Token, DeviceKey, DeviceRememberedStatus: DeviceRememberedStatus.optional() }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const status = input.DeviceRememberedStatus ?? "not_remembered";
    await updateDeviceStatus(call.rt.db, { userId: signedIn.user.id, deviceKey: input.DeviceKey, status });
    await auditOwnChange(call, signedIn, "UpdateDeviceStatus", { deviceKey: input.DeviceKey, status });
    return {};
  },
});

export const ListDevices = operation({
  auth: "public",
  input: z.object({ AccessToken: Token, Limit: DeviceListLimit.optional(), PaginationToken: DevicePaginationToken.optional() }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const page = await listDevices(call.rt.db, { userId: signedIn.user.id, ...(input.Limit ? { limit: input.Limit } : {}), ...(input.PaginationToken ? { paginationToken: input.PaginationToken } : {}) });
    return { Devices: page.devices.map(deviceType), ...(page.paginationToken ? { PaginationToken: page.paginationToken } : {}) };
  },
});

export const GetDevice = operation({
  auth: "public",
  input: z.object({ DeviceKey, AccessToken: Token }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    return { Device: deviceType(await getDevice(call.rt.db, { userId: signedIn.user.id, deviceKey: input.DeviceKey })) };
  },
});

export const ForgetDevice = operation({
  auth: "public",
  input: z.object({ AccessToken: Token, DeviceKey }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    await forgetDevice(call.rt.db, { userId: signedIn.user.id, deviceKey: input.DeviceKey });
    await auditOwnChange(call, signedIn, "ForgetDevice", { deviceKey: input.DeviceKey });
    return {};
  },
});
