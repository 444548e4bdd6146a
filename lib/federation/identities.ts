// Linking a pool's users to identities at its identity providers, as Cognito's
// AdminLinkProviderForUser and AdminDisableProviderForUser do, and listing a user's links in the
// shape of Cognito's `identities` attribute. A link lets the IdP's user sign in as the pool's user,
// so it is refused whenever it would move an identity away from someone: an identity already
// linked to another user, or one that already signed in and has its own (federated) user.
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import {
  countUserIdentities, deleteIdentity, findFederatedUserCandidates, findIdentitiesOfUsers, findIdentityLinkOfUser, findIdentityUserId,
  findPoolUserStatus, findUserIdentities, insertIdentity,
} from "./federation.queries.ts";
import { getPool, type Pool } from "../pools/pool.ts";
import { setUserEnabled } from "../users/set-user-enabled.ts";
import { linkedIdentities, type LinkedIdentity } from "./identities-claim.ts";

export type { LinkedIdentity };

/** Status of a user created by a sign-in at an identity provider (Cognito's). */
export const EXTERNAL_PROVIDER = "EXTERNAL_PROVIDER";

/** As Cognito: at most five identities are linked to one user. */
export const MAX_LINKED_IDENTITIES = 5;

/** The username Cognito gives a user created by a sign-in at a provider: `Google_1234567890`. */
export function federatedUsername(providerName: string, providerUserId: string): string {
  return `${providerName}_${providerUserId}`;
}

function providerOf(pool: Pool, providerName: string) {
  const provider = pool.identityProviders.find((p) => p.name === providerName);
  if (!provider) throw new AppError("InvalidParameterException", `The provider ${providerName} does not exist for User Pool ${pool.id}`, { field: "providerName" });
  return provider;
}

/** The user that a sign-in with this identity created (its own EXTERNAL_PROVIDER user), if any. */
async function federatedUserOf(db: Db, options: { pool: Pool; providerName: string; providerUserId: string; linkedUserId: string | null }) {
  const key = federatedUsername(options.providerName, options.providerUserId).toLowerCase();
  const candidates = await findFederatedUserCandidates(db, { poolId: options.pool.id, status: EXTERNAL_PROVIDER, usernameKey: key, userId: options.linkedUserId });
  return candidates.find((u) => u.id === options.linkedUserId) ?? candidates[0] ?? null;
}

/**
 * Links the pool's user `userId` to the identity `providerUserId` at `providerName`, so signing in
 * there signs in as that user. Linking the same identity to the same user again changes nothing.
 */
export async function linkProviderForUser(
  db: Db, options: { pool: Pool; userId: string; providerName: string; providerUserId: string; issuer?: string | null; audit?: AuditIn | undefined },
): Promise<LinkedIdentity[]> {
  const { pool, userId, providerName } = options;
  const providerUserId = options.providerUserId.trim();
  if (!providerUserId) throw new AppError("InvalidParameterException", "Give the user's id at the provider.", { field: "providerUserId" });
  providerOf(pool, providerName);
  const destination = await findPoolUserStatus(db, { poolId: pool.id, userId });
  if (!destination) throw new AppError("UserNotFoundException", "User does not exist.");
  if (destination.status === EXTERNAL_PROVIDER)
    throw new AppError("InvalidParameterException", "The destination user was created by a sign-in at an identity provider: link identities to a user of the pool (ProviderName Cognito) instead.", { field: "username" });

  const existing = await findIdentityUserId(db, { poolId: pool.id, providerName, providerUserId });
  if (existing?.userId === userId) return listIdentities(db, { userId, pool });
  const federated = await federatedUserOf(db, { pool, providerName, providerUserId, linkedUserId: existing?.userId ?? null });
  if (federated)
    throw new AppError("InvalidParameterException", "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link.", { field: "providerUserId" });
  if (existing) throw new AppError("AliasExistsException", `The identity ${providerUserId} at ${providerName} is already linked to another user.`, { field: "providerUserId" });
  if ((await countUserIdentities(db, userId)) >= MAX_LINKED_IDENTITIES)
    throw new AppError("LimitExceededException", `A user can be linked to at most ${MAX_LINKED_IDENTITIES} identities.`);

  try {
    await db.$transaction(async (tx) => {
      await insertIdentity(tx, { poolId: pool.id, providerName, providerUserId, userId, primary: false, issuer: options.issuer ?? null });
      await options.audit?.(tx);
    });
  } catch (error) {
    // Linked (or signed in) by someone else between the checks and here.
    if ((error as { code?: string }).code === "P2002") throw new AppError("AliasExistsException", `The identity ${providerUserId} at ${providerName} is already linked to another user.`, { field: "providerUserId" });
    throw error;
  }
  return listIdentities(db, { userId, pool });
}

/**
 * Cognito's AdminDisableProviderForUser: the identity no longer signs in as the user it was linked
 * to (the link is removed, so its next sign-in makes a new user), and a user the identity created
 * by signing in is disabled (its sessions end).
 */
export async function disableProviderForUser(db: Db, options: { pool: Pool; providerName: string; providerUserId: string }): Promise<{ unlinkedFrom: string | null; disabledUser: string | null }> {
  const { pool, providerName, providerUserId } = options;
  providerOf(pool, providerName);
  const key = { poolId: pool.id, providerName, providerUserId };
  const link = await findIdentityUserId(db, key);
  const federated = await federatedUserOf(db, { pool, providerName, providerUserId, linkedUserId: link?.userId ?? null });
  if (!link && !federated) throw new AppError("UserNotFoundException", "User does not exist.");

  let unlinkedFrom: string | null = null;
  if (link && link.userId !== federated?.id) {
    await deleteIdentity(db, key);
    unlinkedFrom = link.userId;
  }
  if (federated?.enabled) await setUserEnabled(db, { poolId: pool.id, userId: federated.id, enabled: false });
  return { unlinkedFrom, disabledUser: federated?.id ?? null };
}

/** The user's linked identities as Cognito's `identities` attribute, oldest first. */
export async function listIdentities(db: Db, options: { userId: string; pool?: Pool }): Promise<LinkedIdentity[]> {
  const rows = await findUserIdentities(db, options.userId);
  if (rows.length === 0) return [];
  return linkedIdentities(options.pool ?? (await getPool(db, rows[0]!.poolId)), rows);
}

/** Removes one of a user's links (the admin API's unlink): the identity's next sign-in makes a new user. */
export async function unlinkIdentity(db: Db, options: { pool: Pool; userId: string; providerName: string; providerUserId: string; audit?: AuditIn | undefined }): Promise<LinkedIdentity[]> {
  const { pool, userId, providerName, providerUserId } = options;
  const key = { poolId: pool.id, providerName, providerUserId };
  const link = await findIdentityLinkOfUser(db, key);
  if (!link || link.userId !== userId) throw new AppError("ResourceNotFoundException", `The user is not linked to ${providerUserId} at ${providerName}.`);
  // Without it a federated user could never sign in again, and the identity would meet its old username.
  if (link.primary && link.user.status === EXTERNAL_PROVIDER)
    throw new AppError("InvalidParameterException", "This is the identity the user was created with: disable or delete the user instead.", { field: "providerUserId" });
  await db.$transaction(async (tx) => {
    await deleteIdentity(tx, key);
    await options.audit?.(tx);
  });
  return listIdentities(db, { userId, pool });
}

/**
 * Cognito's `identities` attribute (a JSON string) of each of these users who has identities at
 * identity providers, in one query: what AdminGetUser, ListUsers and GetUser list beside the rest.
 */
export async function identitiesAttributes(db: Db, options: { pool: Pool; userIds: string[] }): Promise<Map<string, string>> {
  if (options.userIds.length === 0) return new Map();
  const rows = await findIdentitiesOfUsers(db, { poolId: options.pool.id, userIds: options.userIds });
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  return new Map([...byUser].map(([userId, list]) => [userId, JSON.stringify(linkedIdentities(options.pool, list))]));
}
