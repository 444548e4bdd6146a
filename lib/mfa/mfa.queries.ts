// The MFA columns of a user (the authenticator's sealed secret, the pending one, the last time
// step used), recovery codes and the consumption of a sign-in code.
import type { Db, Tx } from "../db/client.ts";

/**
 * Records the TOTP time step used, only if no other request used this or a later one meanwhile:
 * answers whether it did (false is a replay).
 */
export async function recordTotpStepIfNewer(db: Db, options: { userId: string; step: number }): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: options.userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(options.step) } }] },
    data: { totpLastStep: BigInt(options.step) },
  });
  return count === 1;
}

/** Makes the secret set up during sign-in the user's authenticator, its first code's time step used. */
export async function enableTotp(db: Db, options: { userId: string; secretEnc: string; step: number }): Promise<void> {
  await db.user.update({ where: { id: options.userId }, data: { totpSecretEnc: options.secretEnc, totpLastStep: BigInt(options.step), totpEnabled: true, totpPendingEnc: null } });
}

export async function setPendingTotp(db: Db, options: { userId: string; pendingEnc: string }): Promise<void> {
  await db.user.update({ where: { id: options.userId }, data: { totpPendingEnc: options.pendingEnc } });
}

/** Promotes the pending secret only if it is still this one (a newer association wins): answers whether it did. */
export async function promotePendingTotp(db: Db, options: { userId: string; pendingEnc: string | null; step: number }): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: options.userId, totpPendingEnc: options.pendingEnc },
    data: { totpSecretEnc: options.pendingEnc, totpPendingEnc: null, totpLastStep: BigInt(options.step), totpEnabled: true },
  });
  return count === 1;
}

/** Drops the pending secret if it is still this one. */
export async function clearPendingTotp(db: Db, options: { userId: string; pendingEnc: string | null }): Promise<void> {
  await db.user.updateMany({ where: { id: options.userId, totpPendingEnc: options.pendingEnc }, data: { totpPendingEnc: null } });
}

/** Forgets the authenticator (and a pending one); `clearPreferred` also drops it as the preferred factor. */
export async function deleteTotp(db: Db, options: { userId: string; clearPreferred: boolean }): Promise<void> {
  await db.user.update({
    where: { id: options.userId },
    data: { totpSecretEnc: null, totpLastStep: null, totpPendingEnc: null, totpEnabled: true, ...(options.clearPreferred ? { preferredMfa: null } : {}) },
  });
}

/** The user's recovery codes replaced by these, in one transaction. */
export async function replaceRecoveryCodes(db: Db, options: { userId: string; codeHashes: string[] }): Promise<void> {
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId: options.userId } }),
    db.recoveryCode.createMany({ data: options.codeHashes.map((codeHash) => ({ userId: options.userId, codeHash })) }),
  ]);
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** Marks the code used if it is one of the user's unused ones: answers whether it was. */
export async function markRecoveryCodeUsed(db: Db, options: { userId: string; codeHash: string }): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({
    where: { userId: options.userId, codeHash: options.codeHash, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

export async function deleteRecoveryCodes(db: Tx, userId: string): Promise<number> {
  const { count } = await db.recoveryCode.deleteMany({ where: { userId } });
  return count;
}

/** Marks a checked verification code consumed, once: answers whether this call did. */
export async function consumeVerificationCode(db: Db, id: string): Promise<boolean> {
  const { count } = await db.verificationCode.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: new Date() } });
  return count === 1;
}
