// Identities of an identity pool and the logins linked to them, as Cognito Identity keeps them:
// an identity is made the first time a login (or a guest) asks for one, and the same login finds
// it again; a guest who signs in keeps the same identity id (the login is linked to the guest's
// identity), unless the login already has an identity, which then wins and the guest's goes.
// A login belongs to one identity (the primary key says so, so racing first sign-ins agree), and
// an identity has at most one login per provider.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { regionOf, type IdentityPool } from "./config.ts";
import {
  deleteIdentitiesByIds, deleteIdentityLogins, deletePoolIdentity, findExistingIdentityIds, findIdentityPoolIdOf, findLoginIdentityId, findPoolIdentity,
  insertIdentity, insertIdentityLogin, listIdentityLogins, listLoginSubjects, listPoolIdentities, moveIdentityLogins, poolHasIdentity, touchIdentity, touchIdentityIfAny,
} from "./identities.queries.ts";
import type { VerifiedLogin } from "./logins.ts";

export type IdentityRecord = { id: string; identityPoolId: string; logins: string[]; createdAt: Date; updatedAt: Date };

const notFound = (identityId: string) => new AppError("ResourceNotFoundException", `Identity '${identityId}' not found.`);
const unauthenticatedRefused = () => new AppError("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
const loginsDontMatch = () => new AppError("NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.");

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

export async function findIdentity(db: Db, identityPoolId: string, identityId: string): Promise<IdentityRecord | null> {
  const row = await findPoolIdentity(db, { identityPoolId, identityId });
  return row ? { id: row.id, identityPoolId: row.identityPoolId, logins: row.logins.map((l) => l.provider), createdAt: row.createdAt, updatedAt: row.updatedAt } : null;
}

/** The identity a set of logins already has, if any; two logins of two identities is a conflict. */
async function identityOfLogins(db: Db, identityPool: IdentityPool, logins: VerifiedLogin[]): Promise<string | null> {
  let found: string | null = null;
  for (const login of logins) {
    let id: string | null;
    if (login.kind === "openid") {
      id = (await poolHasIdentity(db, { identityPoolId: identityPool.id, identityId: login.identityId })) ? login.identityId : null;
      if (!id) throw notFound(login.identityId);
    } else {
      id = await identityOfLogin(db, identityPool.id, login.provider, login.subject);
    }
    if (id && found && id !== found) throw new AppError("ResourceConflictException", "The logins given belong to different identities.");
    found = id ?? found;
  }
  return found;
}

/** Links the logins that are not linked yet to the identity, refusing a second login of the same provider. */
export async function linkLogins(db: Db, identityPool: IdentityPool, identityId: string, logins: VerifiedLogin[]): Promise<void> {
  const linkable = logins.filter((l) => l.kind !== "openid");
  if (linkable.length === 0) return;
  const existing = await listIdentityLogins(db, { identityId });
  for (const login of linkable) {
    const same = existing.find((e) => e.provider === login.provider);
    if (same && same.subject === login.subject) continue;
    if (same) throw new AppError("ResourceConflictException", `The identity already has a different login from ${login.provider}.`);
    try {
      await insertIdentityLogin(db, { identityPoolId: identityPool.id, provider: login.provider, subject: login.subject, identityId });
    } catch (error) {
      // Linked by a racing request meanwhile: fine if to the same identity.
      if (!isUniqueViolation(error)) throw error;
      if ((await identityOfLogin(db, identityPool.id, login.provider, login.subject)) !== identityId) throw new AppError("ResourceConflictException", `This login is already linked to another identity.`);
    }
  }
  await touchIdentity(db, { identityId });
}

/**
 * GetId: the identity of these logins, made on first use; a guest identity without logins when
 * the pool allows guests.
 */
export async function resolveIdentity(db: Db, identityPool: IdentityPool, logins: VerifiedLogin[]): Promise<string> {
  if (logins.length === 0) {
    if (!identityPool.allowUnauthenticatedIdentities) throw unauthenticatedRefused();
    return insertIdentity(db, { id: `${regionOf(identityPool.id)}:${randomUUID()}`, identityPoolId: identityPool.id });
  }
  const existing = await identityOfLogins(db, identityPool, logins);
  if (existing) {
    await linkLogins(db, identityPool, existing, logins);
    return existing;
  }
  const id = `${regionOf(identityPool.id)}:${randomUUID()}`;
  try {
    await db.$transaction(async (tx) => {
      await insertIdentity(tx, { id, identityPoolId: identityPool.id });
      for (const login of logins) {
        if (login.kind !== "openid") await insertIdentityLogin(tx, { identityPoolId: identityPool.id, provider: login.provider, subject: login.subject, identityId: id });
      }
    });
    return id;
  } catch (error) {
    // Two first sign-ins at once: the one that linked first made the identity; use it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await identityOfLogins(db, identityPool, logins);
    if (!winner) throw error;
    return winner;
  }
}

/**
 * GetCredentialsForIdentity's check of the identity against the logins given, and linking: the
 * identity whose credentials are issued. An identity with logins needs one of them again; a guest
 * identity given logins is signed in (the logins are linked to it), or, when those logins already
 * have an identity, gives way to that one and is deleted.
 */
export async function identityForCredentials(db: Db, identityPool: IdentityPool, identityId: string, logins: VerifiedLogin[]): Promise<string> {
  const identity = await findIdentity(db, identityPool.id, identityId);
  if (!identity) throw notFound(identityId);
  if (logins.length === 0) {
    if (identity.logins.length > 0) throw loginsDontMatch();
    if (!identityPool.allowUnauthenticatedIdentities) throw unauthenticatedRefused();
    return identity.id;
  }
  const owner = await identityOfLogins(db, identityPool, logins);
  if (owner && owner !== identity.id) {
    if (identity.logins.length > 0) throw loginsDontMatch();
    // A guest signing in to an account that already has an identity: the account's identity wins.
    await deletePoolIdentity(db, { identityPoolId: identityPool.id, identityId: identity.id });
    await linkLogins(db, identityPool, owner, logins);
    return owner;
  }
  if (!owner && identity.logins.length > 0) {
    // Logins for an identity that has some must include one of its own (the same provider and the
    // same user; none of these is linked to anything): otherwise anyone's token could claim it. A
    // check by provider alone let another user of the same provider through, and with a second
    // provider's login in the same call, that login was linked before the first one failed.
    throw loginsDontMatch();
  }
  await linkLogins(db, identityPool, identity.id, logins);
  return identity.id;
}

export async function listIdentities(db: Db, identityPoolId: string, options: { limit: number; after?: string }): Promise<IdentityRecord[]> {
  const rows = await listPoolIdentities(db, { identityPoolId, after: options.after, take: options.limit });
  return rows.map((row) => ({ id: row.id, identityPoolId: row.identityPoolId, logins: row.logins.map((l) => l.provider), createdAt: row.createdAt, updatedAt: row.updatedAt }));
}

/** Deletes identities (and their logins) by id; answers the ids that were not found. */
export async function deleteIdentities(db: Db, identityIds: string[]): Promise<string[]> {
  const found = await findExistingIdentityIds(db, { identityIds });
  await deleteIdentitiesByIds(db, { identityIds: found });
  const gone = new Set(found);
  return identityIds.filter((id) => !gone.has(id));
}

/** Unlinks logins from an identity (UnlinkIdentity, UnlinkDeveloperIdentity). */
export async function unlinkLogins(db: Db, identityId: string, logins: { provider: string; subject?: string }[]): Promise<void> {
  for (const login of logins) {
    await deleteIdentityLogins(db, { identityId, provider: login.provider, subject: login.subject });
  }
  await touchIdentityIfAny(db, { identityId });
}

/** An identity by its id alone (DescribeIdentity names no pool). */
export async function findIdentityById(db: Db, identityId: string): Promise<IdentityRecord | null> {
  const identityPoolId = await findIdentityPoolIdOf(db, { identityId });
  return identityPoolId ? findIdentity(db, identityPoolId, identityId) : null;
}

/** Whether these logins are the identity's own: each linked to it (an OpenID token naming it counts). */
export async function loginsAreOf(db: Db, identityPool: IdentityPool, identityId: string, logins: VerifiedLogin[]): Promise<boolean> {
  if (logins.length === 0) return false;
  for (const login of logins) {
    const owner = login.kind === "openid"
      ? login.identityId
      : await identityOfLogin(db, identityPool.id, login.provider, login.subject);
    if (owner !== identityId) return false;
  }
  return true;
}

/** The identity a provider's user is linked to, if any. */
export async function identityOfLogin(db: Db, identityPoolId: string, provider: string, subject: string): Promise<string | null> {
  return findLoginIdentityId(db, { identityPoolId, provider, subject });
}

/** The subjects of one provider linked to an identity (LookupDeveloperIdentity), a page at a time in subject order. */
export async function subjectsOf(db: Db, identityId: string, provider: string, options: { limit: number; after?: string }): Promise<string[]> {
  return listLoginSubjects(db, { identityId, provider, after: options.after, take: options.limit });
}

/**
 * MergeDeveloperIdentities: the source identity's logins move to the destination, and the source
 * identity goes. A developer provider may link several of its users to one identity (that is what
 * a merge makes); any other provider one user per identity, so two different users of the same
 * provider cannot be merged.
 */
export async function mergeIdentities(db: Db, identityPool: IdentityPool, sourceId: string, destinationId: string): Promise<void> {
  if (sourceId === destinationId) return;
  await db.$transaction(async (tx) => {
    const [source, destination] = await Promise.all([
      listIdentityLogins(tx, { identityId: sourceId }),
      listIdentityLogins(tx, { identityId: destinationId }),
    ]);
    for (const login of source) {
      if (login.provider !== identityPool.developerProviderName && destination.some((d) => d.provider === login.provider && d.subject !== login.subject)) {
        throw new AppError("ResourceConflictException", `The identities have different logins from ${login.provider} and cannot be merged.`);
      }
    }
    await moveIdentityLogins(tx, { fromIdentityId: sourceId, toIdentityId: destinationId });
    await deletePoolIdentity(tx, { identityPoolId: identityPool.id, identityId: sourceId });
    await touchIdentity(tx, { identityId: destinationId });
  });
}
