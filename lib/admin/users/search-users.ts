// The admin users table (and the Cognito API's ListUsers): search by username, email, phone or sub
// (prefix or exact), or by the name attributes Cognito's ListUsers can filter on, filter by status,
// enabled and group, sort, and page by cursor. Prefix matches use the text_pattern_ops indexes of
// the admin migration and every sort has an index, so pages stay fast at 100,000 users.
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Pool } from "../../pools/pool.ts";
import { temporaryPasswordExpiresAt } from "../../users/temporary-password.ts";
import { findGroupId } from "../groups.queries.ts";
import { afterRow, bothFilters, countUsers, findUserListPage, userFilter, type SortColumn, type UserFilter, type UserListRow } from "./user-search.queries.ts";

export const USER_STATUSES = ["UNCONFIRMED", "CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED"] as const;
export const USER_SORTS = ["username", "email", "createdAt"] as const;
/** Attributes kept in the attributes JSON that Cognito's ListUsers can filter on (case-sensitive, as there). */
export const NAME_ATTRIBUTES = ["name", "given_name", "family_name", "preferred_username"] as const;

export const UserSearchSchema = z.object({
  q: z.string().trim().max(256).optional(),
  field: z.enum(["any", "username", "email", "phone_number", "sub", ...NAME_ATTRIBUTES]).default("any"),
  match: z.enum(["prefix", "exact"]).default("prefix"),
  status: z.enum(USER_STATUSES).optional(),
  enabled: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  group: z.string().max(128).optional(),
  sort: z.enum(USER_SORTS).default("username"),
  order: z.enum(["asc", "desc"]).default("asc"),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type UserSearch = z.infer<typeof UserSearchSchema>;

export type UserSummary = {
  sub: string; username: string; email: string | null; emailVerified: boolean; phoneNumber: string | null; phoneVerified: boolean;
  status: string; enabled: boolean; mfa: string[]; createdAt: string; updatedAt: string;
  /** When the temporary password stops working (in the past once it has); null without one. */
  temporaryPasswordExpiresAt: string | null;
};

export function toUserSummary(pool: Pick<Pool, "passwordPolicy">, row: UserListRow): UserSummary {
  return {
    sub: row.id, username: row.username, email: row.email, emailVerified: row.emailVerified, phoneNumber: row.phoneNumber,
    phoneVerified: row.phoneVerified, status: row.status, enabled: row.enabled, mfa: mfaFactorsOf(row),
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    temporaryPasswordExpiresAt: temporaryPasswordExpiresAt(pool, row)?.toISOString() ?? null,
  };
}

/** The second factors the user has on: the authenticator once verified, SMS and email codes while
 * turned on with a verified phone or email (they are turned on only where the pool offers them). */
function mfaFactorsOf(row: UserListRow): string[] {
  return [
    ...(row.totpSecretEnc ? ["SOFTWARE_TOKEN_MFA"] : []),
    ...(row.smsMfaEnabled && row.phoneNumber && row.phoneVerified ? ["SMS_MFA"] : []),
    ...(row.emailMfaEnabled && row.email && row.emailVerified ? ["EMAIL_OTP"] : []),
  ];
}

export type UserPage = { users: UserSummary[]; total: number; nextCursor: string | null; prevCursor: string | null };

const COLUMN: Record<UserSearch["sort"], SortColumn> = { username: "usernameKey", email: "emailKey", createdAt: "createdAt" };

/** Cursor: the sort value and id of the row to continue from, and the direction to go. */
type Cursor = { v: string | null; id: string; dir: "next" | "prev" };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.v, cursor.id, cursor.dir])).toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const [v, id, dir] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as [unknown, unknown, unknown];
    if ((typeof v === "string" || v === null) && typeof id === "string" && (dir === "next" || dir === "prev")) return { v, id, dir };
  } catch {
    // fall through to the error below
  }
  throw new AppError("InvalidParameterException", "The pagination cursor is not valid; start again from the first page.", { field: "cursor" });
}

export async function searchUsers(db: Db, pool: Pick<Pool, "id" | "passwordPolicy">, search: UserSearch): Promise<UserPage> {
  const where = await filterFor(db, pool.id, search);
  const column = COLUMN[search.sort];
  const cursor = search.cursor ? decodeCursor(search.cursor) : null;
  // Going back a page is going forward in the opposite order, then flipping the rows.
  const backwards = cursor?.dir === "prev";
  const order = backwards ? flip(search.order) : search.order;
  // NULL emails sort last in the order asked for, so first when walking it backwards.
  const nullsLast = !backwards;
  const page = cursor ? bothFilters(where, afterRow(column, order, cursor, nullsLast)) : where;

  const [rows, total] = await Promise.all([
    findUserListPage(db, { where: page, column, order, nullsLast, take: search.limit + 1 }),
    countUsers(db, where),
  ]);
  const more = rows.length > search.limit;
  const pageRows = rows.slice(0, search.limit);
  if (backwards) pageRows.reverse();
  const keyOf = (row: (typeof rows)[number]): string | null => (column === "createdAt" ? row.createdAt.toISOString() : row[column]);
  const first = pageRows[0];
  const last = pageRows.at(-1);
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : !!cursor;
  return {
    users: pageRows.map((row) => toUserSummary(pool, row)),
    total,
    nextCursor: hasNext && last ? encodeCursor({ v: keyOf(last), id: last.id, dir: "next" }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ v: keyOf(first), id: first.id, dir: "prev" }) : null,
  };
}

function flip(order: "asc" | "desc"): "asc" | "desc" {
  return order === "asc" ? "desc" : "asc";
}

async function filterFor(db: Db, poolId: string, search: UserSearch): Promise<UserFilter> {
  let groupId: string | undefined;
  if (search.group) {
    const found = await findGroupId(db, poolId, search.group);
    if (!found) throw new AppError("ResourceNotFoundException", `Group ${search.group} does not exist in this pool.`, { field: "group" });
    groupId = found;
  }
  return userFilter({ poolId, status: search.status, enabled: search.enabled, groupId, q: search.q, field: search.field, match: search.match });
}
