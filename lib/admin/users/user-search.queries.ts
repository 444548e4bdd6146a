// The SQL of the admin users table (search-users.ts) and of a group's members (groups.ts): what a
// row of the list selects, the filters a search becomes, and the keyset pages. Prefix matches use
// the text_pattern_ops indexes of the admin migration and every sort has an index.
import type { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";

export const USER_LIST_SELECT = {
  id: true, username: true, email: true, emailVerified: true, phoneNumber: true, phoneVerified: true,
  status: true, enabled: true, createdAt: true, updatedAt: true, totpSecretEnc: true, passwordSetAt: true, smsMfaEnabled: true, emailMfaEnabled: true,
} as const satisfies Prisma.UserSelect;

/** What a row of the users list holds (never a password hash or verifier). */
export type UserListRow = Prisma.UserGetPayload<{ select: typeof USER_LIST_SELECT }>;

export type UserFilter = Prisma.UserWhereInput;
export type SortColumn = "usernameKey" | "emailKey" | "createdAt";
export type Order = "asc" | "desc";

/** What a search names, as the filter on users it becomes. */
export type SearchTerms = {
  poolId: string;
  status?: string | undefined;
  enabled?: boolean | undefined;
  groupId?: string | undefined;
  q?: string | undefined;
  field: "any" | "username" | "email" | "phone_number" | "sub" | "name" | "given_name" | "family_name" | "preferred_username";
  match: "prefix" | "exact";
};

export function userFilter(terms: SearchTerms): UserFilter {
  const and: Prisma.UserWhereInput[] = [{ poolId: terms.poolId }];
  if (terms.status) and.push({ status: terms.status });
  if (terms.enabled !== undefined) and.push({ enabled: terms.enabled });
  if (terms.groupId) and.push({ groups: { some: { groupId: terms.groupId } } });
  const q = terms.q;
  if (q) {
    const text = (value: string) => (terms.match === "exact" ? { equals: value } : { startsWith: value });
    const lower = q.toLowerCase();
    const phone = q.replace(/[\s()-]/g, "");
    const attribute = (name: string): Prisma.UserWhereInput =>
      ({ attributes: terms.match === "exact" ? { path: [name], equals: q } : { path: [name], string_starts_with: q } });
    const byField: Record<Exclude<SearchTerms["field"], "any">, Prisma.UserWhereInput> = {
      username: { usernameKey: text(lower) },
      email: { emailKey: text(lower) },
      phone_number: { phoneNumber: text(phone) },
      sub: { id: text(lower) },
      name: attribute("name"),
      given_name: attribute("given_name"),
      family_name: attribute("family_name"),
      preferred_username: attribute("preferred_username"),
    };
    if (terms.field === "any") {
      const any: Prisma.UserWhereInput[] = [byField.username, byField.email];
      if (/^\+?\d+$/.test(phone)) any.push(byField.phone_number);
      if (/^[0-9a-f-]{36}$/.test(lower)) any.push(byField.sub);
      and.push({ OR: any });
    } else {
      and.push(byField[terms.field]);
    }
  }
  return { AND: and };
}

/** Rows strictly after (v, id) in (column, id) order. Only emailKey can be NULL. */
export function afterRow(column: SortColumn, order: Order, cursor: { v: string | null; id: string }, nullsLast: boolean): UserFilter {
  const beyond = order === "asc" ? "gt" : "lt";
  const id = { id: { [beyond]: cursor.id } };
  if (cursor.v === null) {
    const sameNull: Prisma.UserWhereInput = { AND: [{ [column]: null }, id] };
    return nullsLast ? sameNull : { OR: [sameNull, { [column]: { not: null } }] };
  }
  const value = column === "createdAt" ? new Date(cursor.v) : cursor.v;
  const past: Prisma.UserWhereInput[] = [{ [column]: { [beyond]: value } }, { AND: [{ [column]: value }, id] }];
  if (column === "emailKey" && nullsLast) past.push({ emailKey: null });
  return { OR: past };
}

export function bothFilters(a: UserFilter, b: UserFilter): UserFilter {
  return { AND: [a, b] };
}

/** One page of the list, `take` rows in (column, id) order; emailKey's NULLs last or first as asked. */
export function findUserListPage(db: Tx, options: { where: UserFilter; column: SortColumn; order: Order; nullsLast: boolean; take: number }) {
  const { column, order } = options;
  return db.user.findMany({
    where: options.where,
    orderBy: [{ [column]: column === "emailKey" ? { sort: order, nulls: options.nullsLast ? "last" : "first" } : order }, { id: order }],
    take: options.take,
    select: { ...USER_LIST_SELECT, usernameKey: true, emailKey: true },
  });
}

export function countUsers(db: Tx, where: UserFilter): Promise<number> {
  return db.user.count({ where });
}

/** A group's members by username, after the `after` username key. */
export function findGroupMembersPage(db: Tx, options: { poolId: string; groupId: string; after?: string | undefined; take: number }) {
  return db.user.findMany({
    where: { poolId: options.poolId, groups: { some: { groupId: options.groupId } }, ...(options.after ? { usernameKey: { gt: options.after } } : {}) },
    orderBy: { usernameKey: "asc" },
    take: options.take,
    select: { ...USER_LIST_SELECT, usernameKey: true },
  });
}
