// The FederatedIdentity table (which user an identity at a provider is, and the SAML session it
// last opened) and what federation reads and writes of users and groups.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db, Tx } from "../db/client.ts";
import type { UserRow } from "../users/user.ts";

export type IdentityKey = { poolId: string; providerName: string; providerUserId: string };

const whereIdentity = (key: IdentityKey) => ({
  poolId_providerName_providerUserId: { poolId: key.poolId, providerName: key.providerName, providerUserId: key.providerUserId },
});

/** The link of this identity with its user, whole, or null. */
export async function findIdentityWithUser(db: Db, key: IdentityKey) {
  return db.federatedIdentity.findUnique({ where: whereIdentity(key), include: { user: true } });
}

/** The user this identity is linked to, or null. */
export async function findIdentityUserId(db: Db, key: IdentityKey) {
  return db.federatedIdentity.findUnique({ where: whereIdentity(key), select: { userId: true } });
}

/** The identity's link with whether it is the user's first one and the user's status, or null. */
export async function findIdentityLinkOfUser(db: Db, key: IdentityKey) {
  return db.federatedIdentity.findUnique({ where: whereIdentity(key), select: { userId: true, primary: true, user: { select: { status: true } } } });
}

/** The SAML session (NameID format and session index) this identity's sign-in just opened. */
export async function setIdentitySamlSession(db: Db, key: IdentityKey, session: { nameIdFormat: string | null; sessionIndex: string | null }): Promise<void> {
  await db.federatedIdentity.update({
    where: whereIdentity(key),
    data: { samlNameIdFormat: session.nameIdFormat, samlSessionIndex: session.sessionIndex },
  });
}

/** A user of the pool (not a federated one) whose verified email is this one, or null. */
export async function findVerifiedEmailUser(db: Db, options: { poolId: string; emailKey: string }): Promise<UserRow | null> {
  return db.user.findFirst({
    where: { poolId: options.poolId, emailKey: options.emailKey, emailVerified: true, status: { not: "EXTERNAL_PROVIDER" } },
  });
}

export async function findUserByUsernameKey(db: Db, options: { poolId: string; usernameKey: string }): Promise<UserRow | null> {
  return db.user.findUnique({ where: { poolId_usernameKey: { poolId: options.poolId, usernameKey: options.usernameKey } } });
}

/** A federated user's attributes as the provider now sends them. */
export async function updateUserAttributes(db: Db, userId: string, data: Prisma.UserUpdateInput): Promise<UserRow> {
  return db.user.update({ where: { id: userId }, data });
}

/** The provider's group of the pool, made on first use: its id. */
export async function upsertProviderGroup(tx: Tx, options: { poolId: string; name: string; description: string }): Promise<string> {
  return (await tx.group.upsert({
    where: { poolId_name: { poolId: options.poolId, name: options.name } },
    create: { poolId: options.poolId, name: options.name, description: options.description },
    update: {},
  })).id;
}

export async function insertIdentity(db: Tx, data: Prisma.FederatedIdentityUncheckedCreateInput) {
  return db.federatedIdentity.create({ data });
}

/** Up to two federated users of the pool: by this username key, or the one with this id. */
export async function findFederatedUserCandidates(db: Db, options: { poolId: string; status: string; usernameKey: string; userId: string | null }) {
  return db.user.findMany({
    where: { poolId: options.poolId, status: options.status, OR: [{ usernameKey: options.usernameKey }, ...(options.userId ? [{ id: options.userId }] : [])] },
    select: { id: true, enabled: true },
    take: 2,
  });
}

export async function findPoolUserStatus(db: Db, options: { poolId: string; userId: string }) {
  return db.user.findFirst({ where: { id: options.userId, poolId: options.poolId }, select: { id: true, status: true } });
}

export async function countUserIdentities(db: Db, userId: string): Promise<number> {
  return db.federatedIdentity.count({ where: { userId } });
}

export async function deleteIdentity(db: Tx, key: IdentityKey): Promise<void> {
  await db.federatedIdentity.delete({ where: whereIdentity(key) });
}

/** The user's identities, oldest first. */
export async function findUserIdentities(db: Db, userId: string) {
  return db.federatedIdentity.findMany({
    where: { userId }, orderBy: { createdAt: "asc" },
    select: { poolId: true, providerName: true, providerUserId: true, primary: true, issuer: true, createdAt: true },
  });
}

/** The identities of these users of the pool, oldest first. */
export async function findIdentitiesOfUsers(db: Db, options: { poolId: string; userIds: string[] }) {
  return db.federatedIdentity.findMany({
    where: { poolId: options.poolId, userId: { in: options.userIds } }, orderBy: { createdAt: "asc" },
    select: { userId: true, providerName: true, providerUserId: true, primary: true, issuer: true, createdAt: true },
  });
}

/** The user's newest identity at one of these providers, or null. */
export async function findNewestIdentityAt(db: Db, options: { poolId: string; userId: string; providerNames: string[] }) {
  return db.federatedIdentity.findFirst({
    where: { poolId: options.poolId, userId: options.userId, providerName: { in: options.providerNames } },
    orderBy: { createdAt: "desc" },
  });
}
