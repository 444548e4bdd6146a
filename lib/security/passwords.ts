// Passwords are hashed with argon2id at OWASP's recommended minimum (m=19 MiB, t=2, p=1).
import { hash, verify } from "@node-rs/argon2";

/** Our argon2id parameters: a stored hash with any others is replaced at the next sign-in (verify-stored-password.ts). */
export const ARGON2ID_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. Without a stored hash it still spends the time of one verification, so an
 * unknown user and a wrong password cannot be told apart by timing.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword("gatehouse-timing-equaliser");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
