// Cognito's `identities`: a federated or linked user's identities at identity providers. The
// `identities` attribute (AdminGetUser, GetUser, the admin API) holds them with native types; the
// ID token's `identities` claim has every value as a string, as Cognito writes it
// ("primary": "true", "dateCreated": "1764166203000").
import type { Pool } from "../pools/pool.ts";
import type { ProviderType } from "./config.ts";

/** One entry of Cognito's `identities` attribute. */
export type LinkedIdentity = {
  /** The IdP's id of the user (Cognito names it userId). */
  userId: string;
  providerName: string;
  /** Null for a provider since removed from the pool (its links stay). */
  providerType: ProviderType | null;
  /** The SAML IdP's entity id; null for social and OIDC providers. */
  issuer: string | null;
  primary: boolean;
  /** Epoch milliseconds. */
  dateCreated: number;
};

/** An entry of the ID token's `identities` claim. */
export type CognitoIdentity = { userId: string; providerName: string; providerType: string | null; issuer: string | null; primary: string; dateCreated: string };

type IdentityRow = { providerName: string; providerUserId: string; primary: boolean; issuer: string | null; createdAt: Date };

export function linkedIdentities(pool: Pick<Pool, "identityProviders">, rows: IdentityRow[]): LinkedIdentity[] {
  return rows.map((row) => ({
    userId: row.providerUserId,
    providerName: row.providerName,
    providerType: pool.identityProviders.find((p) => p.name === row.providerName)?.type ?? null,
    issuer: row.issuer,
    primary: row.primary,
    dateCreated: row.createdAt.getTime(),
  }));
}

/** The ID token's `identities` claim. */
export function cognitoIdentities(pool: Pick<Pool, "identityProviders">, rows: IdentityRow[]): CognitoIdentity[] {
  return linkedIdentities(pool, rows).map((i) => ({ ...i, primary: String(i.primary), dateCreated: String(i.dateCreated) }));
}
