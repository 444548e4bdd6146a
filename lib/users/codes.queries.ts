// The SQL of one-time codes (codes.ts): stored hashed, newest first, spent by a conditional update.
import type { Db } from "../db/client.ts";

/** What the code queries need: the client or a transaction's (only its verificationCode model). */
export type CodesDb = Pick<Db, "verificationCode">;

export type StoredCode = { id: string; codeHash: string; attempts: number; expiresAt: Date };

/** Marks the user's unspent codes for `purpose` spent. */
export async function consumeUnspentCodes(db: CodesDb, options: { userId: string; purpose: string }): Promise<void> {
  await db.verificationCode.updateMany({ where: { userId: options.userId, purpose: options.purpose, consumedAt: null }, data: { consumedAt: new Date() } });
}

export async function insertCode(db: CodesDb, data: { userId: string; purpose: string; codeHash: string; expiresAt: Date }): Promise<void> {
  await db.verificationCode.create({ data });
}

/** The user's newest unspent code for `purpose`. */
export function findCurrentCode(db: CodesDb, options: { userId: string; purpose: string }): Promise<StoredCode | null> {
  return db.verificationCode.findFirst({
    where: { userId: options.userId, purpose: options.purpose, consumedAt: null },
    orderBy: { createdAt: "desc" },
  });
}

/** One more wrong try on the code; the count after it. */
export async function incrementCodeAttempts(db: CodesDb, codeId: string): Promise<number> {
  const updated = await db.verificationCode.update({ where: { id: codeId }, data: { attempts: { increment: 1 } } });
  return updated.attempts;
}

/** Spends the code if it is still unspent; whether this call spent it. */
export async function spendUnspentCode(db: CodesDb, codeId: string): Promise<boolean> {
  const { count } = await db.verificationCode.updateMany({ where: { id: codeId, consumedAt: null }, data: { consumedAt: new Date() } });
  return count === 1;
}
