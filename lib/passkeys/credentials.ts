// A user's passkeys as they and their apps see them (never the public key or counter), and their removal.
import type { Db } from "../db/client.ts";
import { passkeyErrors } from "./errors.ts";

export type PasskeyDescription = {
  credentialId: string;
  friendlyName: string;
  relyingPartyId: string;
  attachment: string | null;
  transports: string[];
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
};

const SELECT = { credentialId: true, friendlyName: true, relyingPartyId: true, attachment: true, transports: true, backedUp: true, createdAt: true, lastUsedAt: true } as const;

type Row = { credentialId: string; friendlyName: string | null; relyingPartyId: string; attachment: string | null; transports: string[]; backedUp: boolean; createdAt: Date; lastUsedAt: Date | null };

export function describePasskey(row: Row): PasskeyDescription {
  return {
    credentialId: row.credentialId, friendlyName: row.friendlyName ?? "Passkey", relyingPartyId: row.relyingPartyId, attachment: row.attachment,
    transports: row.transports, backedUp: row.backedUp, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt,
  };
}

/** The user's passkeys, oldest first; `limit` and `after` (the last credential id of the page before) page through them. */
export async function listPasskeys(db: Db, options: { userId: string; limit?: number; after?: string | null }): Promise<PasskeyDescription[]> {
  const cursor = options.after
    ? await db.webAuthnCredential.findFirst({ where: { userId: options.userId, credentialId: options.after }, select: { id: true } })
    : null;
  if (options.after && !cursor) return [];
  const rows = await db.webAuthnCredential.findMany({
    where: { userId: options.userId }, select: SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...(options.limit ? { take: options.limit } : {}),
    ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
  });
  return rows.map(describePasskey);
}

/** Whether the user has at least one passkey (USER_AUTH offers WEB_AUTHN then). */
export async function hasPasskey(db: Db, userId: string): Promise<boolean> {
  return (await db.webAuthnCredential.count({ where: { userId } })) > 0;
}

/** Removes one of the user's own passkeys; another user's, or an unknown id, is not found. */
export async function deletePasskey(db: Db, options: { userId: string; credentialId: string }): Promise<void> {
  const { count } = await db.webAuthnCredential.deleteMany({ where: { userId: options.userId, credentialId: options.credentialId } });
  if (count === 0) throw passkeyErrors.notFound();
}

/** Renames one of the user's own passkeys (its friendly name, as people see it); another user's, or an unknown id, is not found. */
export async function renamePasskey(db: Db, options: { userId: string; credentialId: string; friendlyName: string }): Promise<void> {
  const { count } = await db.webAuthnCredential.updateMany({
    where: { userId: options.userId, credentialId: options.credentialId }, data: { friendlyName: options.friendlyName.trim().slice(0, 64) },
  });
  if (count === 0) throw passkeyErrors.notFound();
}
