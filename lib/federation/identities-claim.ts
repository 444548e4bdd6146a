// Cognito's `identities`: a federated or linked user's identities at identity providers, as the ID
// token carries them (and AdminGetUser / GetUser list them, JSON-encoded, as the `identities`
// attribute). Values are strings, as Cognito writes them: "primary": "true", "dateCreated": epoch ms.
import type { Pool } from "../pools/pool.ts";

export type CognitoIdentity = {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: string;
  dateCreated: string;
};

type IdentityRow = { providerName: string; providerUserId: string; primary: boolean; issuer: string | null; createdAt: Date };

export function cognitoIdentities(pool: Pick<Pool, "identityProviders">, rows: IdentityRow[]): CognitoIdentity[] {
  return rows.map((row) => ({
    userId: row.providerUserId,
    providerName: row.providerName,
    // A provider since removed from the pool keeps its identity rows; its type is no longer known.
    providerType: pool.identityProviders.find((p) => p.name === row.providerName)?.type ?? "OIDC",
    issuer: row.issuer,
    primary: String(row.primary),
    dateCreated: String(row.createdAt.getTime()),
  }));
}
