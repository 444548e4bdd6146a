// The hosted UI's remembered device: a cookie per pool holding `{DeviceKey}.{secret}`, HttpOnly,
// SameSite=Lax, Secure behind https, sent only to the pool's sign-in pages, for about a year. The
// device's row keeps only the secret's sha256; the engine checks it in constant time
// (device-sign-in.ts, noteDevice) when the next sign-in hands it over, and skips MFA for a
// remembered device of that user where the pool says so.
import type { ServerResponse } from "node:http";
import { z } from "zod";
import type { DeviceParameters, Outcome, RequestContext } from "../auth-flow/contract.ts";
import type { Db } from "../db/client.ts";
import { appendCookie, cookieValues } from "../http/cookies.ts";
import type { Pool } from "../pools/pool.ts";
import { randomToken, sha256 } from "../security/secrets.ts";
import { describeUserAgent } from "../http/user-agent.ts";
import { createDevice, tracksDevices } from "./devices.ts";

const MAX_AGE_SECONDS = 365 * 24 * 3600;
const COOKIE_VALUE = /^([\w-]+_[0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export function deviceCookieName(poolId: string): string {
  return `gh_device_${poolId}`;
}

/**
 * The path the cookie is sent to: the pool's pages, so its sign-in forms hand it over and its
 * account page can say which remembered device is "this browser".
 */
export const deviceCookiePath = (poolId: string) => `/${poolId}`;

/** What the sign-in form hands the engine from the browser's device cookie (nothing when it has none or a malformed one). */
export function deviceCookieParameters(cookieHeader: string | undefined, poolId: string): DeviceParameters {
  for (const value of cookieValues(cookieHeader, deviceCookieName(poolId))) {
    const m = COOKIE_VALUE.exec(value);
    if (m) return { DEVICE_KEY: m[1]!, DEVICE_SECRET: m[2]! };
  }
  return {};
}

/** Whether the MFA pages offer "Remember this device": the pool lets the user choose, and a remembered device skips MFA. */
export function offersRememberDevice(pool: Pick<Pool, "deviceTracking" | "skipMfaOnRememberedDevices">): boolean {
  return pool.deviceTracking === "USER_OPT_IN" && pool.skipMfaOnRememberedDevices;
}

/** The MFA forms' checkbox. */
export const RememberDeviceField = z.object({ remember_device: z.literal("on").optional() });

/**
 * After a hosted sign-in finished: when it passed MFA just now and the user ticked "Remember this
 * device" (or the pool remembers ALWAYS), a confirmed, remembered device and its cookie.
 */
export async function rememberHostedDevice(db: Db, options: {
  pool: Pool; outcome: Extract<Outcome, { kind: "done" }>; form: Record<string, unknown>; context: RequestContext; res: ServerResponse; secure: boolean;
}): Promise<void> {
  const { pool, outcome } = options;
  if (!tracksDevices(pool) || !pool.skipMfaOnRememberedDevices || !outcome.amr.includes("mfa")) return;
  const asked = RememberDeviceField.safeParse(options.form);
  if (pool.deviceTracking !== "ALWAYS" && !(asked.success && asked.data.remember_device === "on")) return;
  const secret = randomToken(32);
  const device = await createDevice(db, {
    poolId: pool.id, userId: outcome.userId, name: describeUserAgent(options.context.userAgent, "Web browser"), ip: options.context.ip, userAgent: options.context.userAgent,
    confirmed: true, rememberedStatus: "remembered", cookieSecretHash: sha256(secret),
  });
  appendCookie(options.res, {
    name: deviceCookieName(pool.id), value: `${device.key}.${secret}`, path: deviceCookiePath(pool.id), maxAgeSeconds: MAX_AGE_SECONDS, secure: options.secure,
  });
}
