// What other parts use of remembered devices: the account page lists the user's devices, and
// remembers or forgets one, with these (each takes the db and one options object, and answers
// ResourceNotFoundException for a device that is not the user's).
export { deviceName, forgetDevice, getDevice, listDevices, updateDeviceStatus, type PublicDevice, type RememberedStatus } from "./devices.ts";
