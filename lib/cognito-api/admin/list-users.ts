// ListUsers: the admin users table's search (lib/admin/users/search-users.ts) behind Cognito's
// Filter (list-users-filter.ts), pages of at most 60 users in username order, each as Cognito's
// UserType with every attribute or those AttributesToGet names.
import { z } from "zod";
import { searchUsers, UserSearchSchema } from "../../admin/users/search-users.ts";
import { AppError } from "../../errors.ts";
import { STANDARD_ATTRIBUTES } from "../../pools/attributes.ts";
import type { Pool } from "../../pools/pool.ts";
import type { Runtime } from "../../runtime.ts";
import type { UserRow } from "../../users/user.ts";
import { adminOperation, adminPool, parseAdminInput, UserPoolId } from "./common.ts";
import { parseUserFilter, searchForFilter } from "./list-users-filter.ts";
import { AttributeNames, userType } from "./users.ts";
import { identitiesAttributes } from "../../federation/identities.ts";
import { findPoolUsersByIds } from "../users.queries.ts";

const PaginationToken = z.string().min(1).max(1024).regex(/^\S+$/, "Member must satisfy regular expression pattern: [\\S]+");

/** The users with these ids, in that order (a page's rows, now with every attribute). */
export async function usersInOrder(rt: Runtime, poolId: string, ids: string[]): Promise<UserRow[]> {
  const rows = await findPoolUsersByIds(rt.db, { poolId, ids });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** AttributesToGet may name only what users of the pool can have. */
function assertKnownAttributes(pool: Pool, names: string[] | undefined) {
  const known = new Set<string>(["sub", "identities", ...STANDARD_ATTRIBUTES, "email_verified", "phone_number_verified", ...pool.customAttributes.map((a) => `custom:${a.name}`)]);
  if (names?.some((name) => !known.has(name))) throw new AppError("InvalidParameterException", "One or more requested attributes do not exist.");
}

export const ListUsers = adminOperation({
  input: z.object({
    UserPoolId,
    AttributesToGet: AttributeNames.optional(),
    Limit: z.number().int().min(0).max(60).optional(),
    PaginationToken: PaginationToken.optional(),
    Filter: z.string().max(256).optional(),
  }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    assertKnownAttributes(pool, input.AttributesToGet);
    const search = searchForFilter(parseUserFilter(input.Filter));
    if (search === "nothing") return { Users: [] };
    const query = parseAdminInput(UserSearchSchema, { ...search, cursor: input.PaginationToken, limit: input.Limit || 60 }, { q: "Filter", cursor: "PaginationToken" });
    const page = await searchUsers(call.rt.db, pool, query);
    const rows = await usersInOrder(call.rt, pool.id, page.users.map((u) => u.sub));
    // An empty AttributesToGet, like none, returns every attribute.
    const only = input.AttributesToGet?.length ? input.AttributesToGet : undefined;
    const identities = await identitiesAttributes(call.rt.db, { pool, userIds: rows.map((row) => row.id) });
    return { Users: rows.map((row) => userType(row, only, identities.get(row.id))), ...(page.nextCursor ? { PaginationToken: page.nextCursor } : {}) };
  },
});
