// One-time codes for sign-up confirmation and password reset: 6 digits, stored hashed, limited
// attempts, single use. Consuming a code is one conditional update, so two requests racing with
// the same code cannot both succeed.
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

/** Marks the user's current code used if `code` matches it; throws Cognito's errors otherwise. */
export async function consumeCode(db: Tx, options: { userId: string; purpose: CodePurpose; code: string }): Promise<void> {
  const current = await db.verificationCode.findFirst({
    where: { userId: options.userId, purpose: options.purpose, consumedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!current || current.attempts >= MAX_ATTEMPTS) {
    throw new AppError("ExpiredCodeException", "That code has expired or was already used. Request a new code.", { field: "code" });
  }
  if (current.expiresAt.getTime() < Date.now()) {
    throw new AppError("ExpiredCodeException", "That code has expired. Request a new code.", { field: "code" });
  }
  if (!constantTimeEqual(current.codeHash, sha256(`${options.userId}:${options.code.trim()}`))) {
    const updated = await db.verificationCode.update({ where: { id: current.id }, data: { attempts: { increment: 1 } } });
    if (updated.attempts >= MAX_ATTEMPTS) {
      throw new AppError("LimitExceededException", "Too many wrong codes. Request a new code.", { field: "code" });
    }
    throw new AppError("CodeMismatchException", "That code is not right. Check it and try again.", { field: "code" });
  }
  const { count } = await db.verificationCode.updateMany({
    where: { id: current.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  if (count !== 1) throw new AppError("ExpiredCodeException", "That code was already used. Request a new code.", { field: "code" });
}
