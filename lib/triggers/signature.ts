// The signature on every webhook request: `Gatehouse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`,
// as Stripe signs its webhooks. A receiver recomputes it over the raw body, compares in constant
// time, and refuses a t more than five minutes from its clock (replays).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Gatehouse-Signature";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signBody(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Whether `header` signs `body` with `secret`, made within the tolerance of `now`. */
export function verifySignature(secret: string, body: string, header: string | undefined | null, now = Math.floor(Date.now() / 1000)): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "") || Math.abs(now - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1!, "hex"));
}
