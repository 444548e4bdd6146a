// Cognito's Admin device operations: AdminListDevices, AdminGetDevice, AdminForgetDevice,
// AdminUpdateDeviceStatus, on a user found as the other Admin* operations find them.
import { z } from "zod";
import { findUserRow } from "../../admin/users/manage-user.ts";
import { forgetDevice, getDevice, listDevices, updateDeviceStatus } from "../../devices/devices.ts";
import { DeviceKey, DeviceListLimit, DevicePaginationToken, DeviceRememberedStatus, deviceType } from "../devices.ts";
import { Username } from "../validation.ts";
import { adminOperation, adminPool, UserPoolId } from "./common.ts";

const userInput = { UserPoolId, Username };

async function adminUser(call: Parameters<Parameters<typeof adminOperation>[0]["run"]>[0], input: { UserPoolId: string; Username: string }) {
  const pool = await adminPool(call.rt, input.UserPoolId);
  return findUserRow(call.rt.db, pool.id, input.Username);
}

export const AdminListDevices = adminOperation({
  input: z.object({ ...userInput, Limit: DeviceListLimit.optional(), PaginationToken: DevicePaginationToken.optional() }),
  async run(call, input) {
    const user = await adminUser(call, input);
    const page = await listDevices(call.rt.db, { userId: user.id, ...(input.Limit ? { limit: input.Limit } : {}), ...(input.PaginationToken ? { paginationToken: input.PaginationToken } : {}) });
    return { Devices: page.devices.map(deviceType), ...(page.paginationToken ? { PaginationToken: page.paginationToken } : {}) };
  },
});

export const AdminGetDevice = adminOperation({
  input: z.object({ DeviceKey, ...userInput }),
  async run(call, input) {
    const user = await adminUser(call, input);
    return { Device: deviceType(await getDevice(call.rt.db, { userId: user.id, deviceKey: input.DeviceKey })) };
  },
});

export const AdminForgetDevice = adminOperation({
  input: z.object({ ...userInput, DeviceKey }),
  audit: { type: "forgetDevice", target: (input) => input.Username },
  async run(call, input) {
    const user = await adminUser(call, input);
    await forgetDevice(call.rt.db, { userId: user.id, deviceKey: input.DeviceKey });
    return {};
  },
});

export const AdminUpdateDeviceStatus = adminOperation({
  input: z.object({ ...userInput, DeviceKey, DeviceRememberedStatus: DeviceRememberedStatus.optional() }),
  audit: { type: "updateDeviceStatus", target: (input) => input.Username },
  async run(call, input) {
    const user = await adminUser(call, input);
    await updateDeviceStatus(call.rt.db, { userId: user.id, deviceKey: input.DeviceKey, status: input.DeviceRememberedStatus ?? "not_remembered" });
    return {};
  },
});
