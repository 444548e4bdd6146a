// The one claim builder: every token and userInfo answer, whichever door it leaves by, gets its
// user claims here, so they are identical (docs/architecture.md).
import type { Db } from "../db/client.ts";
import { PROFILE_CLAIMS } from "../pools/attributes.ts";
import { readableClaims, type AttributePermissions } from "../pools/client-attributes.ts";
import { userAttributes, type UserRow } from "../users/user.ts";
import type { Pool } from "../pools/pool.ts";
import { cognitoIdentities, type CognitoIdentity } from "../federation/identities-claim.ts";
import { readClaimsRows, type ClaimsRows } from "./claims.queries.ts";

export type UserClaimsSource = {
  user: UserRow;
  groups: { name: string; precedence: number | null; roleArn: string | null }[];
  /** The user's identities at identity providers, in Cognito's `identities` shape (empty for most users). */
  identities?: CognitoIdentity[];
};

/**
 * The user, their groups and, for the ID token (`identitiesOf`: the pool's providers), their
 * identities at identity providers, in one statement. Identities are read only where asked for and
 * only in a pool that has providers (links exist only there).
 */
export async function loadClaimsSource(
  db: Db, options: { poolId: string; sub: string; identitiesOf?: Pick<Pool, "identityProviders"> },
): Promise<UserClaimsSource | null> {
  const providers = options.identitiesOf?.identityProviders.length ? options.identitiesOf : null;
  const rows = await readClaimsRows(db, { poolId: options.poolId, sub: options.sub, identities: !!providers });
  return rows ? claimsSourceOf(rows, providers) : null;
}

/** The claims source from its rows; `providers` (the pool's, when it has any) turns identities into Cognito's claim. */
export function claimsSourceOf(rows: ClaimsRows, providers: Pick<Pool, "identityProviders"> | null): UserClaimsSource {
  return { user: rows.user, groups: rows.groups, ...(providers && rows.identities ? { identities: cognitoIdentities(providers, rows.identities) } : {}) };
}

/** Groups in Cognito's order: lowest precedence first, unranked last, then by name. */
export function orderedGroups(source: UserClaimsSource) {
  return [...source.groups].sort(
    (a, b) => (a.precedence ?? Number.MAX_SAFE_INTEGER) - (b.precedence ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name),
  );
}

function groupClaims(source: UserClaimsSource): Record<string, unknown> {
  const groups = orderedGroups(source);
  if (groups.length === 0) return {};
  const roles = groups.map((g) => g.roleArn).filter((r): r is string => !!r);
  return {
    "cognito:groups": groups.map((g) => g.name),
    ...(roles.length ? { "cognito:roles": roles, "cognito:preferred_role": roles[0] } : {}),
  };
}

/** User claims of the ID token: every attribute the user has that the client may read, plus Cognito's own. */
export function idTokenUserClaims(source: UserClaimsSource, client: Pick<AttributePermissions, "readAttributes">): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    ...userAttributes(source.user),
    // Cognito's verified flags are booleans in tokens, strings in attribute lists.
    ...(source.user.email ? { email_verified: source.user.emailVerified } : {}),
    ...(source.user.phoneNumber ? { phone_number_verified: source.user.phoneVerified } : {}),
  };
  return {
    ...readableClaims(client, attributes),
    "cognito:username": source.user.username,
    ...groupClaims(source),
    ...(source.identities?.length ? { identities: source.identities } : {}),
    token_use: "id",
  };
}

/** User claims of the access token (the token-wide ones are added by the provider's customizer). */
export function accessTokenUserClaims(source: UserClaimsSource): Record<string, unknown> {
  const groups = orderedGroups(source);
  return {
    username: source.user.username,
    ...(groups.length ? { "cognito:groups": groups.map((g) => g.name) } : {}),
  };
}

/** userInfo: the attributes the client may read, filtered by the access token's scopes, as Cognito does. */
export function userInfoClaims(source: UserClaimsSource, scopes: Set<string>, client: Pick<AttributePermissions, "readAttributes">): Record<string, unknown> {
  const all = readableClaims(client, userAttributes(source.user));
  const out: Record<string, unknown> = { sub: source.user.id, username: source.user.username };
  const everything = scopes.has("aws.cognito.signin.user.admin");
  for (const [name, value] of Object.entries(all)) {
    if (name === "sub") continue;
    const allowed =
      everything ||
      ((name === "email" || name === "email_verified") && scopes.has("email")) ||
      ((name === "phone_number" || name === "phone_number_verified") && scopes.has("phone")) ||
      ((PROFILE_CLAIMS.includes(name) || name.startsWith("custom:")) && scopes.has("profile"));
    if (allowed) out[name] = value;
  }
  return out;
}
