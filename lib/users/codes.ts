// One-time codes for sign-up confirmation and password reset: 6 digits, stored hashed, limited
// attempts, single use.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { constantTimeEqual, randomDigits, sha256 } from "../security/secrets.ts";

export type CodePurpose = "SIGN_UP" | "FORGOT_PASSWORD";

const VALIDITY_SECONDS: Record<CodePurpose, number> = { SIGN_UP: 24 * 3600, FORGOT_PASSWORD: 3600 };
const MAX_ATTEMPTS = 5;

type Tx = Pick<Db, "verificationCode">;

export async function issueCode(db: Tx, options: { userId: string; purpose: CodePurpose }): Promise<string> {
  const code = randomDigits(6);
  // A new code replaces any earlier one for the same purpose.
  await db.verificationCode.updateMany({
    where: { userId: options.userId, purpose: options.purpose, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  await db.verificationCode.create({
    data: {
      userId: options.userId,
      purpose: options.purpose,
      codeHash: sha256(`${options.userId}:${code}`),
      expiresAt: new Date(Date.now() + VALIDITY_SECONDS[options.purpose] * 1000),
    },
  });
  return code;
}

/**
 * The answer to the `attempt`-th wrong try at a code: "not right", then at the limit "too many",
 * then "expired or used". Also given where there is no account at all, so both read the same.
 */
export function wrongCodeError(attempt: number): AppError {
  if (attempt > MAX_ATTEMPTS) {
    return new AppError("ExpiredCodeException", "That code has expired or was already used. Request a new code.", { field: "code" });
  }
  if (attempt === MAX_ATTEMPTS) return new AppError("LimitExceededException", "Too many wrong codes. Request a new code.", { field: "code" });
  return new AppError("CodeMismatchException", "That code is not right. Check it and try again.", { field: "code" });
}

/**
 * Checks `code` against the user's current code and returns the code's id. A wrong try is counted
 * at once, outside any transaction, so it sticks whatever the caller does next.
 */
export async function checkCode(db: Tx, options: { userId: string; purpose: CodePurpose; code: string }): Promise<string> {
  const current = await db.verificationCode.findFirst({
    where: { userId: options.userId, purpose: options.purpose, consumedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!current || current.attempts >= MAX_ATTEMPTS) throw wrongCodeError(MAX_ATTEMPTS + 1);
  if (current.expiresAt.getTime() < Date.now()) {
    throw new AppError("ExpiredCodeException", "That code has expired. Request a new code.", { field: "code" });
  }
  if (!constantTimeEqual(current.codeHash, sha256(`${options.userId}:${options.code.trim()}`))) {
    const updated = await db.verificationCode.update({ where: { id: current.id }, data: { attempts: { increment: 1 } } });
    throw wrongCodeError(updated.attempts);
  }
  return current.id;
}

/**
 * Spends a checked code. Call it in the transaction that applies what the code unlocks: one
 * conditional update, so two requests racing with the same code cannot both succeed.
 */
export async function spendCode(tx: Tx, codeId: string): Promise<void> {
  const { count } = await tx.verificationCode.updateMany({ where: { id: codeId, consumedAt: null }, data: { consumedAt: new Date() } });
  if (count !== 1) throw new AppError("ExpiredCodeException", "That code was already used. Request a new code.", { field: "code" });
}
