// ConfirmDevice: the device a sign-in made (NewDeviceMetadata) receives its SRP verifier and name.
// Under USER_OPT_IN it is tracked but not remembered until the user says so (UpdateDeviceStatus;
// UserConfirmationNecessary: true); under ALWAYS it is remembered at once.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { deviceNotFound, findUserDevice, tracksDevices } from "./devices.ts";
import { confirmUnconfirmedDevice } from "./devices.queries.ts";
import { parseDeviceVerifier, sealDeviceVerifier } from "./device-verifier.ts";

export async function confirmDevice(db: Db, secrets: Secrets, options: {
  pool: Pool; userId: string; deviceKey: string; name?: string | undefined;
  verifierConfig?: { PasswordVerifier?: string | undefined; Salt?: string | undefined } | undefined;
}): Promise<{ userConfirmationNecessary: boolean }> {
  if (!tracksDevices(options.pool)) throw new AppError("InvalidParameterException", "Device tracking is not enabled for this user pool.");
  const verifier = parseDeviceVerifier(options.verifierConfig);
  const device = await findUserDevice(db, { userId: options.userId, deviceKey: options.deviceKey });
  if (!device || device.poolId !== options.pool.id) throw deviceNotFound();
  const always = options.pool.deviceTracking === "ALWAYS";
  const attributes = { ...(device.attributes as Record<string, string>), ...(options.name ? { device_name: options.name } : {}) };
  // Confirmed once: a second ConfirmDevice would swap the device's secret under its key.
  const count = await confirmUnconfirmedDevice(db, {
    deviceKey: device.key, srpVerifierEnc: sealDeviceVerifier(secrets, verifier), attributes, rememberedStatus: always ? "remembered" : "not_remembered",
  });
  if (count === 0) throw new AppError("InvalidParameterException", "Device has already been confirmed.");
  return { userConfirmationNecessary: !always };
}
