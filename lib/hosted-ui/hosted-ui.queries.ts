// What the hosted UI's pages read of users and identities, each query selecting only what its page shows.
import type { Db } from "../db/client.ts";

/** The names a TOTP enrolment's authenticator entry is labelled with. */
export async function findUserTotpLabel(db: Db, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { username: true, email: true } });
}

/** The addresses an MFA choice may send a code to. */
export async function findUserCodeAddresses(db: Db, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true, phoneNumber: true, phoneVerified: true } });
}

/** The user an identity provider's user is linked to, or null. */
export async function findFederatedIdentityUser(db: Db, options: { poolId: string; providerName: string; providerUserId: string }) {
  return db.federatedIdentity.findUnique({
    where: { poolId_providerName_providerUserId: { poolId: options.poolId, providerName: options.providerName, providerUserId: options.providerUserId } },
    select: { userId: true },
  });
}
