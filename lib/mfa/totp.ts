// TOTP (RFC 6238) with otplib: 30-second steps, one step of clock drift either way, and no
// replay: a code's time step must be later than the last one the user used.
import { generate, generateSecret, generateURI, verify } from "otplib";

export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(options: { secret: string; issuer: string; account: string }): string {
  return generateURI({ issuer: options.issuer, label: options.account, secret: options.secret });
}

/** The time step a valid code belongs to, or null. Codes at or before `afterTimeStep` are refused. */
export async function verifyTotpCode(options: { secret: string; code: string; afterTimeStep?: number | null }): Promise<number | null> {
  const code = options.code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret: options.secret,
    token: code,
    epochTolerance: 30,
    ...(options.afterTimeStep != null ? { afterTimeStep: options.afterTimeStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}

/** For tests and tools: the current code of a secret. */
export function currentTotpCode(secret: string): Promise<string> {
  return generate({ secret });
}
