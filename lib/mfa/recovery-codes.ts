// Recovery codes (beyond Cognito): ten single-use codes a user keeps on paper for the day their
// second factor is lost. Each is 10 characters of Crockford's base32 (50 bits, no I, L, O or U, so
// nothing reads as another character), shown as `xxxxx-xxxxx`; what is typed is read the same
// way (case, spaces and dashes ignored, O read as 0, I and L as 1).
//
// Stored as SHA-256 hashes only: a code has 50 random bits, so a fast hash is as good as a slow
// one here (as for client secrets), and a code is found by its hash, so nothing is compared
// character by character. A new set replaces the old one in one transaction; using a code marks
// it used only if no other request did first (one conditional update: of two racing requests with
// the same code, one wins).
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "../db/client.ts";
import { countUnusedRecoveryCodes, deleteRecoveryCodes, markRecoveryCodeUsed, replaceRecoveryCodes } from "./mfa.queries.ts";
import { sha256 } from "../security/secrets.ts";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 10;

/** A new code: 10 characters of 32 (5 bits each) from the CSPRNG, grouped as `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(LENGTH);
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  const chars = [...bytes].map((byte) => ALPHABET[byte % 32]!);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/** What was typed, in the stored form: lower case, no separators, look-alikes read as Crockford does. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
}

function hashOf(code: string): string {
  return sha256(`recovery-code:${normalizeRecoveryCode(code)}`);
}

/** Replaces the user's codes with ten new ones and returns them: the only time they are seen. */
export async function regenerateRecoveryCodes(db: Db, options: { userId: string }): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(db, { userId: options.userId, codeHashes: codes.map(hashOf) });
  return codes;
}

/** How many unused codes the user has left. */
export async function remainingRecoveryCodes(db: Db, options: { userId: string }): Promise<number> {
  return countUnusedRecoveryCodes(db, options.userId);
}

/**
 * Spends one code: true if it was one of the user's unused codes (and now is used), false
 * otherwise. The update is conditional on the code being unused, so it succeeds once.
 */
export async function redeemRecoveryCode(db: Db, options: { userId: string; code: string }): Promise<boolean> {
  const normalized = normalizeRecoveryCode(options.code);
  if (normalized.length !== LENGTH || [...normalized].some((c) => !ALPHABET.includes(c))) return false;
  return markRecoveryCodeUsed(db, { userId: options.userId, codeHash: hashOf(normalized) });
}

/** Removes all of the user's codes (an admin's "clear", or MFA turned off). */
export async function clearRecoveryCodes(db: Tx, options: { userId: string }): Promise<number> {
  return deleteRecoveryCodes(db, options.userId);
}
