// What the two TOTP steps share: a locked user is refused before the code is looked at, and a
// wrong code counts toward the same lockout as a wrong password.
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { UserRow } from "../../users/user.ts";
import { assertNotLocked, recordFailedAttempt } from "../../users/verify-sign-in.ts";
import { ENGINE_MESSAGES } from "../errors.ts";

export function assertMfaNotLocked(user: UserRow): void {
  assertNotLocked(user, ENGINE_MESSAGES.mfaLocked);
}

export async function mfaFailure(db: Db, userId: string, code: "CodeMismatchException" | "EnableSoftwareTokenMFAException"): Promise<never> {
  await recordFailedAttempt(db, userId, ENGINE_MESSAGES.mfaLocked);
  const message = code === "CodeMismatchException" ? ENGINE_MESSAGES.mfaCodeMismatch : ENGINE_MESSAGES.mfaSetupMismatch;
  throw new AppError(code, message, { field: "code" });
}
