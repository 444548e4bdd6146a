// The SQL of identity pools' identities and the logins linked to them.
import type { Tx } from "../db/client.ts";

export type IdentityRow = { id: string; identityPoolId: string; createdAt: Date; updatedAt: Date; logins: { provider: string }[] };
export type LinkedLogin = { provider: string; subject: string };

// An identity with its logins' providers, oldest link first.
const WITH_LOGINS = { logins: { select: { provider: true }, orderBy: { createdAt: "asc" } } } as const;

export function findPoolIdentity(db: Tx, options: { identityPoolId: string; identityId: string }): Promise<IdentityRow | null> {
  return db.identity.findFirst({ where: { id: options.identityId, identityPoolId: options.identityPoolId }, include: WITH_LOGINS });
}

/** Whether the pool has this identity. */
export async function poolHasIdentity(db: Tx, options: { identityPoolId: string; identityId: string }): Promise<boolean> {
  return !!(await db.identity.findFirst({ where: { id: options.identityId, identityPoolId: options.identityPoolId }, select: { id: true } }));
}

/** The identity pool an identity belongs to, or null when there is no such identity. */
export async function findIdentityPoolIdOf(db: Tx, options: { identityId: string }): Promise<string | null> {
  const row = await db.identity.findUnique({ where: { id: options.identityId }, select: { identityPoolId: true } });
  return row?.identityPoolId ?? null;
}

/** A page of the pool's identities in id order, after `after`. */
export function listPoolIdentities(db: Tx, options: { identityPoolId: string; after?: string | undefined; take: number }): Promise<IdentityRow[]> {
  return db.identity.findMany({
    where: { identityPoolId: options.identityPoolId, ...(options.after ? { id: { gt: options.after } } : {}) },
    orderBy: { id: "asc" }, take: options.take,
    include: WITH_LOGINS,
  });
}

/** Which of these ids name identities. */
export async function findExistingIdentityIds(db: Tx, options: { identityIds: string[] }): Promise<string[]> {
  const found = await db.identity.findMany({ where: { id: { in: options.identityIds } }, select: { id: true } });
  return found.map((f) => f.id);
}

export async function insertIdentity(db: Tx, options: { id: string; identityPoolId: string }): Promise<string> {
  return (await db.identity.create({ data: { id: options.id, identityPoolId: options.identityPoolId } })).id;
}

/** Marks the identity changed (its logins did). */
export async function touchIdentity(db: Tx, options: { identityId: string }): Promise<void> {
  await db.identity.update({ where: { id: options.identityId }, data: { updatedAt: new Date() } });
}

/** The same, when the identity may be gone. */
export async function touchIdentityIfAny(db: Tx, options: { identityId: string }): Promise<void> {
  await db.identity.updateMany({ where: { id: options.identityId }, data: { updatedAt: new Date() } });
}

export async function deletePoolIdentity(db: Tx, options: { identityPoolId: string; identityId: string }): Promise<void> {
  await db.identity.deleteMany({ where: { id: options.identityId, identityPoolId: options.identityPoolId } });
}

/** Deletes the identities (their logins go with them). */
export async function deleteIdentitiesByIds(db: Tx, options: { identityIds: string[] }): Promise<void> {
  await db.identity.deleteMany({ where: { id: { in: options.identityIds } } });
}

// ---- logins

export function listIdentityLogins(db: Tx, options: { identityId: string }): Promise<LinkedLogin[]> {
  return db.identityLogin.findMany({ where: { identityId: options.identityId }, select: { provider: true, subject: true } });
}

export async function insertIdentityLogin(db: Tx, options: { identityPoolId: string; provider: string; subject: string; identityId: string }): Promise<void> {
  await db.identityLogin.create({ data: { identityPoolId: options.identityPoolId, provider: options.provider, subject: options.subject, identityId: options.identityId } });
}

/** The identity a provider's user is linked to, if any. */
export async function findLoginIdentityId(db: Tx, options: { identityPoolId: string; provider: string; subject: string }): Promise<string | null> {
  const row = await db.identityLogin.findUnique({ where: { identityPoolId_provider_subject: options }, select: { identityId: true } });
  return row?.identityId ?? null;
}

/** The provider's logins of the identity (one subject when given). */
export async function deleteIdentityLogins(db: Tx, options: { identityId: string; provider: string; subject?: string | undefined }): Promise<void> {
  await db.identityLogin.deleteMany({ where: { identityId: options.identityId, provider: options.provider, ...(options.subject ? { subject: options.subject } : {}) } });
}

/** A page of one provider's subjects linked to the identity, in subject order, after `after`. */
export async function listLoginSubjects(db: Tx, options: { identityId: string; provider: string; after?: string | undefined; take: number }): Promise<string[]> {
  const rows = await db.identityLogin.findMany({
    where: { identityId: options.identityId, provider: options.provider, ...(options.after !== undefined ? { subject: { gt: options.after } } : {}) },
    orderBy: { subject: "asc" }, take: options.take, select: { subject: true },
  });
  return rows.map((r) => r.subject);
}

/** Moves every login of one identity to another. */
export async function moveIdentityLogins(db: Tx, options: { fromIdentityId: string; toIdentityId: string }): Promise<void> {
  await db.identityLogin.updateMany({ where: { identityId: options.fromIdentityId }, data: { identityId: options.toIdentityId } });
}
