// The reads behind every token's user claims, each one SQL statement: the user row, their groups
// and (when asked) their identities at identity providers, aggregated as JSON in subqueries, so a
// token costs one read of the user however many groups they have. Prisma's
// `relationLoadStrategy: "join"` would do the same, but this version keeps it behind the
// `relationJoins` preview feature. `claimsColumns` and `claimsRowsOf` let other statements (the
// oidc adapter's read of a refresh token with its grant, userInfo's) carry the claims along.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import { artifactType } from "../oidc/artifacts.ts";
import type { UserRow } from "../users/user.ts";
import { permissionsOf } from "../pools/client-attributes.queries.ts";
import type { AttributePermissions } from "../pools/client-attributes.ts";

export type GroupRow = { name: string; precedence: number | null; roleArn: string | null };
export type IdentityRow = { providerName: string; providerUserId: string; primary: boolean; issuer: string | null; createdAt: Date };

export type ClaimsRows = {
  user: UserRow;
  groups: GroupRow[];
  /** Only when asked for, oldest first. */
  identities?: IdentityRow[];
};

// Every column of the user, in the model's order, so the row is the one `db.user.findFirst` gives.
const USER_COLUMNS = Prisma.raw(Object.values(Prisma.UserScalarFieldEnum).map((c) => `u."${c}"`).join(", "));

const GROUPS = Prisma.sql`COALESCE((
  SELECT json_agg(json_build_object('name', g."name", 'precedence', g."precedence", 'roleArn', g."roleArn"))
  FROM "GroupMembership" m JOIN "Group" g ON g."id" = m."groupId" WHERE m."userId" = u."id"), '[]'::json)`;

// createdAt as epoch milliseconds: a timestamp inside JSON would lose its time zone (UTC).
const IDENTITIES = Prisma.sql`COALESCE((
  SELECT json_agg(json_build_object(
    'providerName', f."providerName", 'providerUserId', f."providerUserId", 'primary', f."primary", 'issuer', f."issuer",
    'createdAt', floor(extract(epoch FROM f."createdAt") * 1000)::bigint) ORDER BY f."createdAt")
  FROM "FederatedIdentity" f WHERE f."userId" = u."id"), '[]'::json)`;

/** The claims' columns of a statement in which the user's table is `u` (joined, possibly to nothing). */
export function claimsColumns(identities: boolean): Prisma.Sql {
  return Prisma.sql`${USER_COLUMNS}, u."id" IS NOT NULL AS "__user", ${GROUPS} AS "__groups", ${identities ? IDENTITIES : Prisma.sql`NULL::json`} AS "__identities"`;
}

export type ClaimsColumns = UserRow & {
  __user: boolean;
  __groups: GroupRow[] | null;
  __identities: (Omit<IdentityRow, "createdAt"> & { createdAt: number })[] | null;
};

/** The claims rows out of a row with `claimsColumns`; null when no user was joined. */
export function claimsRowsOf(raw: ClaimsColumns & Record<string, unknown>, identities: boolean): ClaimsRows | null {
  if (!raw.__user) return null;
  const user = {} as Record<string, unknown>;
  for (const column of Object.values(Prisma.UserScalarFieldEnum)) user[column] = raw[column];
  return {
    user: user as UserRow,
    groups: raw.__groups ?? [],
    ...(identities ? { identities: (raw.__identities ?? []).map((i) => ({ ...i, createdAt: new Date(Number(i.createdAt)) })) } : {}),
  };
}

/** The user (of this pool), their groups and, with `identities`, their identities, in one statement. */
export async function readClaimsRows(db: Db, options: { poolId: string; sub: string; identities: boolean }): Promise<ClaimsRows | null> {
  const [raw] = await db.$queryRaw<ClaimsColumns[]>`
    SELECT ${claimsColumns(options.identities)}
    FROM "User" u WHERE u."id" = ${options.sub} AND u."poolId" = ${options.poolId} LIMIT 1`;
  return raw ? claimsRowsOf(raw, options.identities) : null;
}

/**
 * What userInfo needs, in one statement: whether the token's grant is still stored (and until
 * when), the user's claims rows, and what the token's client may read (a client that no longer
 * exists may read nothing, as loadClientPermissions answers).
 */
export async function readUserInfoRows(
  db: Db, options: { poolId: string; sub: string; grantId: string; clientId: string },
): Promise<{ grant: { expiresAt: Date | null } | null; rows: ClaimsRows | null; client: AttributePermissions }> {
  const [raw] = await db.$queryRaw<(ClaimsColumns & {
    __grantFound: boolean; __grantExpiresAt: Date | null; __clientFound: boolean; __read: unknown; __write: unknown;
  })[]>`
    SELECT ${claimsColumns(false)},
      gr."id" IS NOT NULL AS "__grantFound", gr."expiresAt" AS "__grantExpiresAt",
      c."clientId" IS NOT NULL AS "__clientFound", c."readAttributes" AS "__read", c."writeAttributes" AS "__write"
    FROM (SELECT 1) AS one
    LEFT JOIN "OidcPayload" gr ON gr."type" = ${artifactType(options.poolId, "Grant")} AND gr."id" = ${options.grantId}
    LEFT JOIN "User" u ON u."id" = ${options.sub} AND u."poolId" = ${options.poolId}
    LEFT JOIN "AppClient" c ON c."clientId" = ${options.clientId} AND c."poolId" = ${options.poolId}`;
  return {
    grant: raw!.__grantFound ? { expiresAt: raw!.__grantExpiresAt } : null,
    rows: claimsRowsOf(raw!, false),
    client: permissionsOf(raw!.__clientFound ? { readAttributes: raw!.__read, writeAttributes: raw!.__write } : null),
  };
}
