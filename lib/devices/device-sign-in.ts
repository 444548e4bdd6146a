// The engine's part of remembered devices, as amazon-cognito-identity-js expects it:
//   - a sign-in names its device (DEVICE_KEY with the password, noteDevice); the hosted UI also
//     hands over its device cookie's secret, checked here in constant time;
//   - after the password, a remembered device of this user in a pool that skips MFA on remembered
//     devices (rememberedDeviceStep, called first in mfaStep): the cookie's device finishes the
//     sign-in at once; an API device is asked to prove itself, DEVICE_SRP_AUTH, instead of MFA;
//   - DEVICE_SRP_AUTH (the client's SRP_A) → DEVICE_PASSWORD_VERIFIER with SRP_B, SALT and
//     SECRET_BLOCK → the client's signature with the device's own secret finishes the sign-in.
// The device's SRP is the user's SRP (lib/security/srp.ts) with the DeviceGroupKey as the pool's
// name and the DeviceKey as the username. A device that is not remembered, forgotten (deleted) or
// another user's changes nothing: the normal MFA follows.
import type { Pool } from "../pools/pool.ts";
import { constantTimeEqual, sha256 } from "../security/secrets.ts";
import { isValidClientPublic, startServerSession, verifyClaim } from "../security/srp.ts";
import type { UserRow } from "../users/user.ts";
import { AppError } from "../errors.ts";
import type { Answers, DeviceParameters, EngineDeps, FlowState, Outcome, SignedInUser, StepInput } from "../auth-flow/contract.ts";
import { required, sessionExpired } from "../auth-flow/errors.ts";
import { loadUser } from "../auth-flow/steps/load-user.ts";
import { outcome } from "../auth-flow/steps/outcome.ts";
import { findUserDevice, markDeviceAuthenticated, tracksDevices, type DeviceRow } from "./devices.ts";
import { findDeviceCookieProof } from "./devices.queries.ts";
import { readDeviceVerifier } from "./device-verifier.ts";
import type { Db } from "../db/client.ts";

const DEVICE_KEY = /^[\w-]+_[0-9a-f-]{36}$/;

/**
 * Records the device a sign-in names. A cookie secret is checked against the device's hash here,
 * whoever the device belongs to; whether it is this user's is checked once the user is known.
 */
export async function noteDevice(deps: EngineDeps, state: FlowState, parameters: DeviceParameters): Promise<void> {
  const key = parameters.DEVICE_KEY;
  if (!key || !DEVICE_KEY.test(key)) return;
  if (state.device?.key === key) return;
  if (parameters.DEVICE_SECRET === undefined) {
    state.device = { key, proof: "claimed" };
    return;
  }
  const device = await findDeviceCookieProof(deps.db, key);
  // Hash and compare even without a device, so a wrong key and a wrong secret take the same time.
  const matches = constantTimeEqual(device?.cookieSecretHash ?? "-", sha256(parameters.DEVICE_SECRET));
  // A cookie that does not prove its device names none: the hosted UI has no other proof to offer.
  if (matches && device?.poolId === state.poolId) state.device = { key, proof: "cookie" };
}

/**
 * The user's device that the flow names, read once per request: the remembered-device step, the
 * proof asked before a sign-in finishes and the Cognito API's NewDeviceMetadata each need it, in
 * the same request. The flow's state object lives for one request (every request opens its
 * Session, or the hosted UI's row, anew), so a row read here is never served to a later request.
 */
const devicesOfFlow = new WeakMap<FlowState, { userId: string; deviceKey: string; device: Promise<DeviceRow | null> }>();

export function findFlowDevice(db: Db, state: FlowState, options: { userId: string; deviceKey: string }): Promise<DeviceRow | null> {
  const known = devicesOfFlow.get(state);
  if (known && known.userId === options.userId && known.deviceKey === options.deviceKey) return known.device;
  const device = findUserDevice(db, options);
  devicesOfFlow.set(state, { ...options, device });
  return device;
}

/** The flow's device if it is this user's and confirmed, in a pool that tracks devices; else null. */
async function confirmedDevice(deps: EngineDeps, pool: Pool, state: FlowState, userId: string): Promise<DeviceRow | null> {
  if (!state.device || !tracksDevices(pool)) return null;
  const device = await findFlowDevice(deps.db, state, { userId, deviceKey: state.device.key });
  return device && device.poolId === pool.id && device.confirmed ? device : null;
}

/** The flow's device if it is also remembered. */
async function rememberedDevice(deps: EngineDeps, pool: Pool, state: FlowState, userId: string): Promise<DeviceRow | null> {
  const device = await confirmedDevice(deps, pool, state, userId);
  return device?.rememberedStatus === "remembered" ? device : null;
}

/**
 * Called first in mfaStep. Null: nothing to do with devices, MFA goes on as usual. Otherwise the
 * sign-in skips MFA on a remembered device: at once for the hosted UI's proved cookie, after the
 * device's SRP proof (DEVICE_SRP_AUTH) for an API client.
 */
export async function rememberedDeviceStep(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow): Promise<Outcome | null> {
  if (!pool.skipMfaOnRememberedDevices || !state.device) return null;
  const device = await rememberedDevice(deps, pool, state, user.id);
  if (!device) {
    // Not this user's remembered device: it proves nothing, and it is not the token's device.
    state.device = { key: state.device.key, proof: "claimed" };
    return null;
  }
  if (state.device.proof === "cookie" && device.cookieSecretHash) {
    state.step = "DONE";
    state.amr = [...new Set([...(state.amr ?? ["pwd"]), "device"])];
    await markDeviceAuthenticated(deps.db, { deviceKey: device.key });
    return outcome(state, user);
  }
  if (!device.srpVerifierEnc) return null;
  state.device = { key: device.key, proof: "claimed", skipsMfa: true };
  state.step = "DEVICE_SRP_AUTH";
  return outcome(state, user);
}

/**
 * Called when a sign-in is about to finish: a confirmed device of this user that the sign-in named
 * but has not proved (tracked but not remembered, or a pool that does not skip MFA) proves itself
 * now, as Cognito asks DEVICE_SRP_AUTH; then the token carries its key. Null: finish as is.
 */
export async function deviceProofBeforeDone(deps: EngineDeps, pool: Pool, state: FlowState, user?: SignedInUser | null): Promise<Outcome | null> {
  if (!state.device || state.device.proof !== "claimed" || !state.userId || !tracksDevices(pool)) return null;
  // Not after an MFA code: amazon-cognito-identity-js answers a DEVICE_SRP_AUTH that follows
  // sendMFACode with the MFA step's Session (it does not take the new one), which is spent here.
  if (state.amr?.includes("mfa")) return null;
  const device = await findFlowDevice(deps.db, state, { userId: state.userId, deviceKey: state.device.key });
  if (!device || device.poolId !== pool.id || !device.confirmed || !device.srpVerifierEnc) return null;
  const signingIn = userOfFlow(state, user) ?? await loadUser(deps.db, state);
  state.step = "DEVICE_SRP_AUTH";
  return outcome(state, signingIn);
}

/**
 * The user the finishing step read in this request, when it is the whole row of the flow's user and
 * that user may sign in (what loadUser would answer); null when it must be read again.
 */
function userOfFlow(state: FlowState, user: SignedInUser | null | undefined): UserRow | null {
  const row = user as Partial<UserRow> | null | undefined;
  if (!row || row.id !== state.userId || row.poolId !== state.poolId || row.enabled !== true || row.phoneNumber === undefined) return null;
  return row as UserRow;
}

const deviceProofFailed = () => new AppError("NotAuthorizedException", "Incorrect username or password.");

/** DEVICE_SRP_AUTH: the client's SRP_A for its device; answers DEVICE_PASSWORD_VERIFIER with the device's salt and B. */
export async function deviceSrpAuth({ deps, pool, state, answers }: StepInput<Answers["DEVICE_SRP_AUTH"]>): Promise<Outcome> {
  const key = required(answers.DEVICE_KEY, "DEVICE_KEY");
  const A = required(answers.SRP_A, "SRP_A");
  if (!state.device || state.device.key !== key || !state.userId) throw sessionExpired();
  if (!isValidClientPublic(A)) throw new AppError("InvalidParameterException", "Invalid SRP_A.");
  const user = await loadUser(deps.db, state);
  const skipsMfa = state.device.skipsMfa === true;
  const device = skipsMfa ? await rememberedDevice(deps, pool, state, user.id) : await confirmedDevice(deps, pool, state, user.id);
  const verifier = device ? readDeviceVerifier(deps.secrets, device) : null;
  if (!device || !verifier) throw new AppError("ResourceNotFoundException", "Device does not exist.");
  const server = startServerSession({ verifier: verifier.verifier });
  state.device = { key, proof: "claimed", ...(skipsMfa ? { skipsMfa } : {}), srp: { A, b: server.b, B: server.B, secretBlock: server.secretBlock } };
  state.step = "DEVICE_PASSWORD_VERIFIER";
  const result = outcome(state, user);
  if (result.kind === "challenge") Object.assign(result.parameters, { DEVICE_KEY: key, SALT: verifier.salt, SRP_B: server.B, SECRET_BLOCK: server.secretBlock });
  return result;
}

/** DEVICE_PASSWORD_VERIFIER: the device's signature. Right, the sign-in is done without MFA; wrong, it is over. */
export async function devicePasswordVerifier({ deps, pool, state, answers, context }: StepInput<Answers["DEVICE_PASSWORD_VERIFIER"]>): Promise<Outcome> {
  const key = required(answers.DEVICE_KEY, "DEVICE_KEY");
  const srp = state.device?.srp;
  // The challenge's server half is used once, whatever the answer.
  if (state.device) delete state.device.srp;
  if (!srp || !state.device || state.device.key !== key || !state.userId) throw sessionExpired();
  const claim = {
    claimedSecretBlock: required(answers.PASSWORD_CLAIM_SECRET_BLOCK, "PASSWORD_CLAIM_SECRET_BLOCK"),
    signature: required(answers.PASSWORD_CLAIM_SIGNATURE, "PASSWORD_CLAIM_SIGNATURE"),
    timestamp: required(answers.TIMESTAMP, "TIMESTAMP"),
  };
  const user = await loadUser(deps.db, state);
  // A device asked for instead of MFA must still be remembered; one asked for after MFA, confirmed.
  const device = state.device.skipsMfa ? await rememberedDevice(deps, pool, state, user.id) : await confirmedDevice(deps, pool, state, user.id);
  const verifier = device ? readDeviceVerifier(deps.secrets, device) : null;
  if (!device || !verifier) throw deviceProofFailed();
  const proved = verifyClaim({
    poolId: pool.id, poolName: device.groupKey, userIdForSrp: device.key, salt: verifier.salt, verifier: verifier.verifier,
    A: srp.A, b: srp.b, B: srp.B, secretBlock: srp.secretBlock, ...claim,
  });
  if (!proved) throw deviceProofFailed();
  state.device = { key, proof: "srp" };
  state.amr = [...new Set([...(state.amr ?? ["pwd"]), "device"])];
  state.step = "DONE";
  await markDeviceAuthenticated(deps.db, { deviceKey: key, ip: context.ip, userAgent: context.userAgent });
  return outcome(state, user);
}

/** The device a finished sign-in proved, for the access token's `device_key`; null when none was. */
export function provedDeviceKey(state: FlowState): string | null {
  return state.device && state.device.proof !== "claimed" ? state.device.key : null;
}
