// A user's passkeys as they and their apps see them (never the public key or counter), and their removal.
import type { Db, Tx } from "../db/client.ts";
import { countUserPasskeys, deleteUserPasskey, findUserPasskeyRowId, findUserPasskeys, renameUserPasskey } from "./passkeys.queries.ts";
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
    ? await findUserPasskeyRowId(db, { userId: options.userId, credentialId: options.after })
    : null;
  if (options.after && !cursor) return [];
  const rows = await findUserPasskeys(db, { userId: options.userId, ...(options.limit ? { take: options.limit } : {}), ...(cursor ? { cursorId: cursor.id } : {}) });
  return rows.map(describePasskey);
}

/** Whether the user has at least one passkey (USER_AUTH offers WEB_AUTHN then). */
export async function hasPasskey(db: Db, userId: string): Promise<boolean> {
  return (await countUserPasskeys(db, userId)) > 0;
}

/** Removes one of the user's own passkeys; another user's, or an unknown id, is not found. */
export async function deletePasskey(db: Tx, options: { userId: string; credentialId: string }): Promise<void> {
  const count = await deleteUserPasskey(db, options);
  if (count === 0) throw passkeyErrors.notFound();
}

/** Renames one of the user's own passkeys (its friendly name, as people see it); another user's, or an unknown id, is not found. */
export async function renamePasskey(db: Db, options: { userId: string; credentialId: string; friendlyName: string }): Promise<void> {
  const count = await renameUserPasskey(db, { userId: options.userId, credentialId: options.credentialId, friendlyName: options.friendlyName.trim().slice(0, 64) });
  if (count === 0) throw passkeyErrors.notFound();
}
