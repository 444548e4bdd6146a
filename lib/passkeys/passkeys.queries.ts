// The WebAuthnCredential table, and registration challenges kept as VerificationCode rows
// (challenges.ts). Only the sign-in proof reads a passkey's public key and counter.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db, Tx } from "../db/client.ts";

/** What a user and their apps may see of a passkey. */
const DESCRIPTION = { credentialId: true, friendlyName: true, relyingPartyId: true, attachment: true, transports: true, backedUp: true, createdAt: true, lastUsedAt: true } as const;

/** The row id of the user's passkey with this credential id (a page's cursor), or null. */
export async function findUserPasskeyRowId(db: Db, options: { userId: string; credentialId: string }) {
  return db.webAuthnCredential.findFirst({ where: { userId: options.userId, credentialId: options.credentialId }, select: { id: true } });
}

/** The user's passkeys as described to them, oldest first; a page of `take` after the row `cursorId` when given. */
export async function findUserPasskeys(db: Db, options: { userId: string; take?: number; cursorId?: string }) {
  return db.webAuthnCredential.findMany({
    where: { userId: options.userId }, select: DESCRIPTION, orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...(options.take ? { take: options.take } : {}),
    ...(options.cursorId ? { cursor: { id: options.cursorId }, skip: 1 } : {}),
  });
}

export async function countUserPasskeys(db: Db, userId: string): Promise<number> {
  return db.webAuthnCredential.count({ where: { userId } });
}

/** Answers how many went (0 or 1). */
export async function deleteUserPasskey(db: Tx, options: { userId: string; credentialId: string }): Promise<number> {
  const { count } = await db.webAuthnCredential.deleteMany({ where: { userId: options.userId, credentialId: options.credentialId } });
  return count;
}

/** Answers how many changed (0 or 1). */
export async function renameUserPasskey(db: Db, options: { userId: string; credentialId: string; friendlyName: string }): Promise<number> {
  const { count } = await db.webAuthnCredential.updateMany({
    where: { userId: options.userId, credentialId: options.credentialId }, data: { friendlyName: options.friendlyName },
  });
  return count;
}

/** The ids and transports of the user's passkeys in the pool (to allow or exclude them). */
export async function findUserCredentialIds(db: Db, options: { poolId: string; userId: string }) {
  return db.webAuthnCredential.findMany({ where: { poolId: options.poolId, userId: options.userId }, select: { credentialId: true, transports: true } });
}

/** The pool's passkey with this credential id, whole (public key and counter included), or null. */
export async function findPoolCredential(db: Db, options: { poolId: string; credentialId: string }) {
  return db.webAuthnCredential.findUnique({ where: { poolId_credentialId: { poolId: options.poolId, credentialId: options.credentialId } } });
}

/** Moves the counter on only if no other sign-in moved it since `counter` was read: answers whether it did. */
export async function advanceCredentialCounter(db: Db, options: { id: string; counter: bigint; newCounter: number; lastUsedAt: Date; backedUp: boolean }): Promise<boolean> {
  const { count } = await db.webAuthnCredential.updateMany({
    where: { id: options.id, counter: options.counter },
    data: { counter: BigInt(options.newCounter), lastUsedAt: options.lastUsedAt, backedUp: options.backedUp },
  });
  return count === 1;
}

/** Stores a new passkey; a credential id the pool has already fails with Prisma's P2002. */
export async function insertCredential(db: Db, data: Prisma.WebAuthnCredentialUncheckedCreateInput) {
  return db.webAuthnCredential.create({ data });
}

type CodesTx = Pick<Db, "verificationCode">;

/** Spends every open challenge of this purpose for the user. */
export async function spendOpenChallenges(db: CodesTx, options: { userId: string; purpose: string; at: Date }): Promise<void> {
  await db.verificationCode.updateMany({ where: { userId: options.userId, purpose: options.purpose, consumedAt: null }, data: { consumedAt: options.at } });
}

export async function insertChallenge(db: CodesTx, options: { userId: string; purpose: string; codeHash: string; expiresAt: Date }): Promise<void> {
  await db.verificationCode.create({ data: options });
}

/** Spends the open, unexpired challenge with this hash, once: answers whether this call did. */
export async function spendChallenge(db: CodesTx, options: { userId: string; purpose: string; codeHash: string; at: Date }): Promise<boolean> {
  const { count } = await db.verificationCode.updateMany({
    where: { userId: options.userId, purpose: options.purpose, codeHash: options.codeHash, consumedAt: null, expiresAt: { gt: options.at } },
    data: { consumedAt: options.at },
  });
  return count === 1;
}
